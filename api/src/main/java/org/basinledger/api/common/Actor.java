package org.basinledger.api.common;

/**
 * Names of the metadata entries every command and event carries, so each event says who caused it
 * and in answer to what. Values are strings (Axon's Jackson serializer does not keep other types).
 */
public final class Actor {

    /** The principal that sent the command: {@code jurisdiction:CN-ZJ-HZ}, {@code mediator:M1}, {@code registrar}, or {@code ledger} for time-driven steps. */
    public static final String ACTOR = "actor";
    /** The jurisdiction on whose behalf the actor acted, when it is one. */
    public static final String ACTOR_JURISDICTION = "actorJurisdiction";
    /** The HTTP request id (header {@code X-Request-Id}, generated when absent). */
    public static final String REQUEST_ID = "requestId";
    /** The client's {@code Idempotency-Key}, when it sent one. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    /** The actor of steps the ledger takes by itself (deadlines). */
    public static final String LEDGER = "ledger";

    private Actor() {
    }
}
