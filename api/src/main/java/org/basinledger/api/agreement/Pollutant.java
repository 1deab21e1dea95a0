package org.basinledger.api.agreement;

/** Pollutant codes of the API (GB 3838-2002 indicators), all measured in mg/L. */
public enum Pollutant {
    CODMN, COD, NH3N, TP, TN, DO
}
