package org.basinledger.app.security;

import java.time.Duration;
import java.util.OptionalLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.basinledger.app.config.LedgerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Failed bearer-token checks per client (its address as the servlet container sees it: behind a reverse proxy set
 * {@code server.forward-headers-strategy}). Each client may fail {@code ledger.failed-logins-per-minute} times a
 * minute (a token bucket, refilled gradually); past that, every request of that client that carries a token is
 * answered 429 with {@code Retry-After} before its token is looked at, so nobody can try tokens at speed. Each
 * failure is logged (without the token), and the moment a client is throttled.
 */
@Component
public class FailedLoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(FailedLoginThrottle.class);

    private final long perMinute;
    private final Cache<String, Bucket> clients = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

    public FailedLoginThrottle(LedgerProperties properties) {
        this.perMinute = properties.failedLoginsPerMinute();
    }

    /** Seconds the client must wait before its token is checked again, or empty when it may try now. */
    public OptionalLong retryAfterSeconds(String client) {
        Bucket bucket = clients.getIfPresent(client);
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return OptionalLong.empty();
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return OptionalLong.of(Math.max(1, Duration.ofNanos(nanos).toSeconds() + 1));
    }

    /** Records a refused token; answers whether the client has just used up what it may fail. */
    public boolean failed(String client) {
        Bucket bucket = clients.get(client, c -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        log.warn("a bearer token was refused for client {} ({} more failures allowed now)", client,
                probe.getRemainingTokens());
        boolean exhausted = probe.getRemainingTokens() == 0;
        if (exhausted) {
            log.warn("client {} is throttled: its next requests with a token are answered 429 for a while", client);
        }
        return exhausted;
    }
}
