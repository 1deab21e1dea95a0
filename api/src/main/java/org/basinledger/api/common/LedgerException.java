package org.basinledger.api.common;

import java.util.Map;

/**
 * A refusal decided by the domain. Each subclass maps to one HTTP status class in the API
 * (see API.md): the application layer turns them into RFC 9457 problem answers.
 */
public abstract class LedgerException extends RuntimeException {

    protected LedgerException(String message) {
        super(message, null, false, false);
    }

    /** A short stable name for the problem {@code type}, e.g. {@code invalid-state}. */
    public abstract String problemType();

    /** Further members of the problem answer that name what the refusal is about (none by default). */
    public Map<String, Object> problemProperties() {
        return Map.of();
    }
}
