package org.basinledger.app.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.basinledger.api.ledger.VerificationReport;
import org.basinledger.query.integrity.IntegrityLog;
import org.basinledger.query.integrity.LastSignedHead;
import org.basinledger.query.integrity.LedgerSigner;
import org.basinledger.query.integrity.LedgerVerifier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The integrity log's wiring: the ledger's signing key, a processor that stops on any failure instead of skipping
 * an event, and the {@code integrity} health indicator ({@link ScheduledVerification} keeps it current).
 */
@Configuration(proxyBeanMethods = false)
public class IntegrityConfig {

    /** Events per transaction of the integrity log; a head is signed per batch. */
    static final int BATCH_SIZE = 100;

    @Bean
    LedgerSigner ledgerSigningKey(LedgerProperties properties, @Value("${ledger.signing-key-path:}") String path) {
        return LedgerSigningKey.load(properties.dataDir(), path);
    }

    /** The last head signed, in the data directory (out of the database's reach), per database. */
    @Bean
    LastSignedHead lastSignedHead(LedgerProperties properties, @Value("${spring.datasource.url:}") String url,
                                  @Value("${spring.flyway.default-schema:}") String schema) {
        return LastSignedHeadFile.open(properties.dataDir(), url, schema);
    }

    /**
     * The {@value IntegrityLog#PROCESSING_GROUP} processor is registered here, not in {@code application.yml}: a
     * tracking processor configured by properties starts, on its first run, with a replay token up to the store's
     * head, and a handler that disallows replays would then skip the whole history. This one starts at the tail
     * (a first run over an existing store logs every stored event) and is never replayed.
     *
     * <p>A command-only node ({@link NodeRole#COMMAND}) does not write the log: its processor is a subscribing one
     * fed by nothing ({@link NodeConfig#NO_EVENTS}), it claims no segment, and the nodes that run the processors
     * write the log from the shared event store as they do for every node's events.
     */
    @Autowired
    void configureIntegrityLog(EventProcessingConfigurer processing, NodeRole role,
                               @Value("${ledger.token-claim-interval-ms:1000}") long tokenClaimIntervalMillis,
                               @Value("${ledger.integrity-log.linger:100ms}") Duration linger) {
        if (role.runsProcessors()) {
            // keeping up, the log takes a batch per group commit: lingering makes fewer, larger batches (its cost is
            // mostly per batch; nobody waits for it): LingeringEventSource
            processing.registerTrackingEventProcessor(IntegrityLog.PROCESSING_GROUP,
                    c -> new LingeringEventSource(c.eventStore(), linger, BATCH_SIZE),
                    c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                            .andBatchSize(BATCH_SIZE)
                            .andInitialSegmentsCount(1)
                            // a survivor takes the log over from a dead node soon after the claim timeout
                            .andTokenClaimInterval(tokenClaimIntervalMillis, TimeUnit.MILLISECONDS)
                            .andInitialTrackingToken(StreamableMessageSource::createTailToken));
        } else {
            processing.registerSubscribingEventProcessor(IntegrityLog.PROCESSING_GROUP, c -> NodeConfig.NOTHING);
        }
        // an event the log cannot append stops the processor (it retries), it is never skipped
        processing.registerListenerInvocationErrorHandler(IntegrityLog.PROCESSING_GROUP,
                c -> PropagatingErrorHandler.instance());
    }

    /**
     * {@code integrity}: DOWN while the integrity log refuses to sign (its reason as the description), and once the
     * latest verification found a mismatch (until one finds none), with the first mismatch as the description, so that even the public {@code /actuator/health} says why. The ledger goes
     * on serving reads meanwhile; nothing is repaired.
     */
    @Bean
    HealthIndicator integrityHealthIndicator(LedgerVerifier verifier, IntegrityLog integrityLog) {
        return () -> integrityLog.refusal()
                .map(refusal -> Health.status(new Status(Status.DOWN.getCode(), refusal)).build())
                .orElseGet(() -> verifier.latest().map(IntegrityConfig::health)
                        .orElseGet(() -> Health.up().withDetail("verification", "none has run yet").build()));
    }

    static Health health(VerificationReport report) {
        Health.Builder builder;
        if (report.ok()) {
            builder = Health.up();
        } else {
            VerificationReport.Mismatch first = report.firstMismatch();
            String description = "integrity check failed at " + report.verifiedAt() + ": " + report.mismatches()
                    + " mismatch(es) between the event store and the signed log; first: " + first.kind()
                    + (first.leafIndex() == null ? "" : " at leaf " + first.leafIndex())
                    + (first.eventId() == null ? "" : ", event " + first.eventId());
            builder = Health.status(new Status(Status.DOWN.getCode(), description)).withDetail("firstMismatch", first);
        }
        return builder.withDetail("verifiedAt", report.verifiedAt().toString())
                .withDetail("treeSize", report.treeSize())
                .withDetail("checked", report.checked())
                .build();
    }
}
