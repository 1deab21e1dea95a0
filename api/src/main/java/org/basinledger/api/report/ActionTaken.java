package org.basinledger.api.report;

/** What the assigned jurisdiction did about a public report. */
public enum ActionTaken {
    INVESTIGATED, ENFORCEMENT, NO_VIOLATION_FOUND, REFERRED
}
