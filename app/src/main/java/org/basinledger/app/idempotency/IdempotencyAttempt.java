package org.basinledger.app.idempotency;

import java.util.Map;
import java.util.Optional;

import org.axonframework.messaging.MetaData;

/**
 * One attempt of a request that carries an {@code Idempotency-Key}: the key's scope (the caller and the key), the
 * request's fingerprint (method, path and body) and a nonce of its own. Carried as command metadata to the
 * {@link IdempotencyInterceptor}, never copied onto events (the correlation providers do not list these names).
 *
 * @param scope       the caller's actor and the key
 * @param fingerprint SHA-256 of method, path and body
 * @param attempt     unique per request received (retries are new attempts)
 */
public record IdempotencyAttempt(String scope, String fingerprint, String attempt) {

    static final String SCOPE = "idempotencyScope";
    static final String FINGERPRINT = "idempotencyFingerprint";
    static final String ATTEMPT = "idempotencyAttempt";
    static final String LOCATION = "idempotencyLocation";

    /** The metadata that makes a command record this attempt, with the location of the resource it changes. */
    public Map<String, String> metaData(String location) {
        return location == null ? Map.of(SCOPE, scope, FINGERPRINT, fingerprint, ATTEMPT, attempt)
                : Map.of(SCOPE, scope, FINGERPRINT, fingerprint, ATTEMPT, attempt, LOCATION, location);
    }

    static Optional<IdempotencyAttempt> of(MetaData metaData) {
        Object scope = metaData.get(SCOPE);
        Object fingerprint = metaData.get(FINGERPRINT);
        Object attempt = metaData.get(ATTEMPT);
        if (scope instanceof String s && fingerprint instanceof String f && attempt instanceof String a) {
            return Optional.of(new IdempotencyAttempt(s, f, a));
        }
        return Optional.empty();
    }
}
