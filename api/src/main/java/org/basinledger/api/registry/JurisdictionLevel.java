package org.basinledger.api.registry;

/** Administrative level of a jurisdiction: province or municipality, prefecture city, county or district, or other (a ministry). */
public enum JurisdictionLevel {
    PROVINCE, CITY, COUNTY, OTHER
}
