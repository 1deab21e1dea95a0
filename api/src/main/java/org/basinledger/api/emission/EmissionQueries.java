package org.basinledger.api.emission;

import java.util.List;

/** The read side's questions about emission schemes, and the lists they answer. */
public final class EmissionQueries {

    private EmissionQueries() {
    }

    public record FindScheme(String schemeId) {
    }

    public record ListSchemes() {
    }

    public record SchemeList(List<EmissionSchemeView> schemes) {
    }

    public record ListAccounts(String schemeId) {
    }

    public record AccountList(List<EmissionAccountView> accounts) {
    }

    public record FindAccount(String schemeId, String holder) {
    }

    public record FindTrade(String tradeId) {
    }

    /** A scheme's trades, newest first; {@code status} optional. */
    public record ListTrades(String schemeId, EmissionTradeStatus status) {
    }

    public record TradeList(List<EmissionTradeView> trades) {
    }
}
