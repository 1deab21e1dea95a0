package org.basinledger.app.idempotency;

/**
 * Another attempt with the same {@code Idempotency-Key} has applied its command, or is applying it right now: this
 * one applies nothing. Answered 409 {@code idempotency-in-progress} with {@code Retry-After}, unless the first
 * attempt's recorded answer can be given instead.
 */
public class IdempotencyKeyInUseException extends RuntimeException {

    public IdempotencyKeyInUseException(String message) {
        super(message, null, false, false);
    }
}
