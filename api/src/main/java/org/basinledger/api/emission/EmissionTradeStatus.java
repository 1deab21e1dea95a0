package org.basinledger.api.emission;

public enum EmissionTradeStatus {
    PROPOSED, COMPLETED, CANCELLED
}
