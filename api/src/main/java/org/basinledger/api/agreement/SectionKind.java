package org.basinledger.api.agreement;

/** Kind of water body at a monitoring section; decides which GB 3838-2002 rows apply (TP and TN for lakes). */
public enum SectionKind {
    RIVER, LAKE
}
