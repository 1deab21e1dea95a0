package org.basinledger.api.common;

import java.util.Map;

/**
 * The command would decide on something that an open dispute holds (an assessment of a period whose monitoring
 * report is disputed): HTTP 409, naming the dispute in the problem's {@code disputeId}.
 */
public class UnderDisputeException extends InvalidStateException {

    private final String disputeId;

    public UnderDisputeException(String message, String disputeId) {
        super(message);
        this.disputeId = disputeId;
    }

    public String disputeId() {
        return disputeId;
    }

    @Override
    public Map<String, Object> problemProperties() {
        return Map.of("disputeId", disputeId);
    }
}
