package org.basinledger.api.dispute;

import java.util.List;

import org.basinledger.api.common.Evidence;

/** A statement, numbered from 1 in the order the dispute received them, by a named author in a role. */
public record StatementAddedEvent(String disputeId, String agreementId, int number, String authorRole,
                                  String authorId, String text, List<Evidence> evidence) implements DisputeEvent {
}
