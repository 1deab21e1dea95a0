package org.basinledger.app.config;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.basinledger.query.integrity.LedgerVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Verifies the integrity log soon after start ({@code ledger.integrity.first-verification-delay}, 30 s by default, or
 * the interval when shorter) and then every {@code ledger.integrity.verification-interval} (6 h by default; 0 turns
 * them off: the registrar can still run one), so a tampered store turns the {@code integrity} health DOWN and holds
 * writes ({@link org.basinledger.app.integrity.IntegrityHold}) without anyone asking.
 */
@Component
public class ScheduledVerification {

    private static final Logger log = LoggerFactory.getLogger(ScheduledVerification.class);

    private final LedgerVerifier verifier;
    private final Duration interval;
    private final Duration firstDelay;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "integrity-verification");
        thread.setDaemon(true);
        return thread;
    });

    public ScheduledVerification(LedgerVerifier verifier,
                                 @Value("${ledger.integrity.verification-interval:6h}") Duration interval,
                                 @Value("${ledger.integrity.first-verification-delay:30s}") Duration firstDelay) {
        this.verifier = verifier;
        this.interval = interval;
        this.firstDelay = firstDelay.isNegative() ? Duration.ZERO : firstDelay;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (interval.isZero() || interval.isNegative()) {
            log.info("scheduled integrity verification is off (ledger.integrity.verification-interval)");
            return;
        }
        long first = Math.min(firstDelay.toMillis(), interval.toMillis());
        log.info("integrity verification in {} ms, then every {}", first, interval);
        scheduler.scheduleWithFixedDelay(this::verify, first, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void verify() {
        try {
            verifier.verify();
        } catch (RuntimeException e) {
            log.error("scheduled integrity verification could not run", e);
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
