package org.basinledger.api.common;

/** The client edited a version that is no longer the current one ({@code If-Match}): HTTP 412. */
public class StaleVersionException extends LedgerException {

    private final long expected;
    private final long actual;

    public StaleVersionException(long expected, long actual) {
        super("version " + expected + " is stale; the current version is " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    public long expected() {
        return expected;
    }

    public long actual() {
        return actual;
    }

    @Override
    public String problemType() {
        return "stale-version";
    }
}
