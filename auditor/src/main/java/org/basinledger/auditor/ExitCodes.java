package org.basinledger.auditor;

/**
 * The auditor's exit codes: 0 only when everything asked for was checked and held. Each failure has its own code so
 * that a script (cron, CI) can tell a network hiccup from proof that the ledger misbehaved.
 */
public final class ExitCodes {

    /** Everything checked held. */
    public static final int OK = 0;
    /** An unexpected error inside the tool (a bug): the message and stack trace say what. */
    public static final int INTERNAL = 1;
    /** Bad input: unknown option, unreadable key, a state or export file that is not what it should be. */
    public static final int BAD_INPUT = 2;
    /** The ledger could not be reached, answered an HTTP error or something that is not its API. */
    public static final int NETWORK = 3;
    /** A tree head's signature does not verify with the pinned key (or it is signed by another key). */
    public static final int SIGNATURE = 4;
    /** The log is not consistent with a head saved before: rewritten, truncated, or a signed head was replaced. */
    public static final int INCONSISTENT = 5;
    /** A leaf or event is not proven to be in the signed tree. */
    public static final int INCLUSION = 6;
    /** An export does not verify: a leaf's data does not hash to its leaf, leaves are missing, the root differs. */
    public static final int EXPORT = 7;

    private ExitCodes() {
    }

    public static String name(int code) {
        return switch (code) {
            case OK -> "ok";
            case INTERNAL -> "internal error";
            case BAD_INPUT -> "bad input";
            case NETWORK -> "network or HTTP error";
            case SIGNATURE -> "signature failure";
            case INCONSISTENT -> "inconsistent log";
            case INCLUSION -> "inclusion failure";
            case EXPORT -> "export verification failure";
            default -> "exit " + code;
        };
    }
}
