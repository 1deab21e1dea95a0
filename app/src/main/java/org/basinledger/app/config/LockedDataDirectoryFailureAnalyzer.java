package org.basinledger.app.config;

import java.sql.SQLException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * A start on a data directory another ledger process has open (H2 allows one process per database file) fails
 * with one clear sentence and what to do, instead of a page of stack trace.
 */
public class LockedDataDirectoryFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    /** H2's {@code ErrorCode.DATABASE_ALREADY_OPEN_1}: the file is locked by another process. */
    static final int DATABASE_ALREADY_OPEN = 90020;

    private final Environment environment;

    public LockedDataDirectoryFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        SQLException locked = cause;
        while (locked != null && locked.getErrorCode() != DATABASE_ALREADY_OPEN) {
            locked = locked.getCause() instanceof SQLException next ? next : null;
        }
        if (locked == null) {
            return null;
        }
        String dataDir = environment.getProperty("ledger.data-dir", "./data");
        return new FailureAnalysis("The data directory " + dataDir + " is in use by another Basin Ledger process"
                + " (its database file is locked).",
                "Stop the other ledger first, or start this one with another --ledger.data-dir.", locked);
    }
}
