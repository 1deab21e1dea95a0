package org.basinledger.api.report;

/** What a member of the public saw (API.md, "Public reports and river chiefs"). */
public enum PublicReportCategory {
    POLLUTION, ILLEGAL_DISCHARGE, FISH_KILL, ALGAL_BLOOM, ODOUR, OTHER
}
