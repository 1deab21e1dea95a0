package org.basinledger.app.report;

import java.time.Duration;
import java.util.OptionalLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Anonymous writes on public reports per client (its address as the servlet container sees it: behind a reverse proxy
 * set {@code server.forward-headers-strategy}): each client may file {@code ledger.public-reports.per-client-per-hour}
 * reports an hour (a token bucket refilled gradually), and erase as many contacts; past that it is answered 429 with
 * {@code Retry-After} before anything is sent to the ledger.
 */
@Component
public class PublicReportThrottle {

    private static final Logger log = LoggerFactory.getLogger(PublicReportThrottle.class);

    private final long perHour;
    private final Cache<String, Bucket> clients = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofHours(2)).build();

    public PublicReportThrottle(PublicReportProperties properties) {
        this.perHour = properties.perClientPerHour();
    }

    /** Takes one write of the client, or refuses it with the seconds it must wait. */
    public void take(String client) {
        Bucket bucket = clients.get(client, c -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
            log.warn("client {} filed too many public reports: refused for {} s", client, seconds);
            throw new TooManyPublicReportsException(seconds);
        }
    }

    /** Seconds the client must wait before its next write, or empty when it may write now. */
    public OptionalLong retryAfterSeconds(String client) {
        Bucket bucket = clients.getIfPresent(client);
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1,
                Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()).toSeconds() + 1));
    }
}
