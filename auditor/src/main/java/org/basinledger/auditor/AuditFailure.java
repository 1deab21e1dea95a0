package org.basinledger.auditor;

/** A check that failed, or input the tool cannot work with: the message says what, the code how to exit. */
public class AuditFailure extends RuntimeException {

    private final int exitCode;

    public AuditFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public AuditFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static AuditFailure badInput(String message) {
        return new AuditFailure(ExitCodes.BAD_INPUT, message);
    }

    public static AuditFailure network(String message) {
        return new AuditFailure(ExitCodes.NETWORK, message);
    }

    public static AuditFailure signature(String message) {
        return new AuditFailure(ExitCodes.SIGNATURE, message);
    }

    public static AuditFailure inconsistent(String message) {
        return new AuditFailure(ExitCodes.INCONSISTENT, message);
    }

    public static AuditFailure inclusion(String message) {
        return new AuditFailure(ExitCodes.INCLUSION, message);
    }

    public static AuditFailure export(String message) {
        return new AuditFailure(ExitCodes.EXPORT, message);
    }
}
