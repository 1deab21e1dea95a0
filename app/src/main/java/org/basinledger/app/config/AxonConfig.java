package org.basinledger.app.config;

import java.util.List;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.common.caching.NoCache;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.basinledger.api.common.Actor;
import org.basinledger.query.support.ProjectionSequencing;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon wiring beyond its Spring Boot defaults: aggregate caches (a command does not re-read an aggregate's
 * events while it stays in memory), correlation data (every event says who caused it and in answer to which
 * request and command), and projections that stop instead of skipping an event their handler cannot apply.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfig {

    /**
     * The tracking processor that keeps every read model of the query module: {@code ledger.projection-segments}
     * segments (1 by default), each handled by a thread of whichever node claims it, events sequenced per agreement
     * ({@link ProjectionSequencing}).
     */
    public static final String PROJECTIONS = "projections";
    /** The subscribing processor that turns owed money into transfers, inside the command's transaction. */
    public static final String TRANSFER_CREATION = "transfer-creation";
    /** The subscribing processor of the dispute saga: a dispute and its effects on the subject commit together. */
    public static final String DISPUTE_EFFECTS = "dispute-effects";

    private final boolean severalNodes;

    AxonConfig(@Value("${ledger.several-nodes:false}") boolean severalNodes) {
        this.severalNodes = severalNodes;
    }

    /**
     * Aggregate caches are bounded strong caches: a command finds its aggregate in memory without re-reading its
     * events, also after garbage collections. An entry is dropped when its command fails, so a stale aggregate
     * (changed by another node) is refused by the store, dropped and re-read when the command is sent again
     * ({@code Commands}). With {@code ledger.several-nodes: true} there are no aggregate caches: a node could
     * otherwise refuse a command against a copy another node has changed (a refusal stores nothing the store
     * could refuse); every command reads its aggregate from the store (from its latest snapshot on).
     */
    @Bean(destroyMethod = "close")
    CacheManager aggregateCacheManager() {
        return CacheManagerBuilder.newCacheManagerBuilder().build(true);
    }

    @Bean
    Cache agreementCache(CacheManager caches) {
        return bounded(caches, "agreements", 1_000);
    }

    @Bean
    Cache registryCache(CacheManager caches) {
        return bounded(caches, "registry", 5_000);
    }

    @Bean
    Cache transferCache(CacheManager caches) {
        return bounded(caches, "transfers", 5_000);
    }

    @Bean
    Cache disputeCache(CacheManager caches) {
        return bounded(caches, "disputes", 1_000);
    }

    @Bean
    Cache incidentCache(CacheManager caches) {
        return bounded(caches, "incidents", 1_000);
    }

    @Bean
    Cache emissionCache(CacheManager caches) {
        return bounded(caches, "emission-schemes", 200);
    }

    @SuppressWarnings("unchecked")
    private Cache bounded(CacheManager caches, String name, int entries) {
        if (severalNodes) {
            return NoCache.INSTANCE;
        }
        org.ehcache.Cache<Object, Object> cache = caches.createCache(name, CacheConfigurationBuilder
                .newCacheConfigurationBuilder(Object.class, Object.class, ResourcePoolsBuilder.heap(entries)));
        return new EhCache3Adapter((Ehcache<Object, Object>) cache);
    }

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider actorCorrelationProvider() {
        return new SimpleCorrelationDataProvider(List.of(Actor.ACTOR, Actor.ACTOR_JURISDICTION, Actor.REQUEST_ID,
                Actor.IDEMPOTENCY_KEY).toArray(String[]::new));
    }

    @Autowired
    void configureProcessors(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(PROJECTIONS, c -> PropagatingErrorHandler.instance());
        // with several segments, the events of one agreement (or scheme) stay in one segment, in store order
        processing.registerSequencingPolicy(PROJECTIONS, c -> new ProjectionSequencing());
        // a transfer that cannot be created rolls the assessment back with it: money is never owed unrecorded
        processing.registerListenerInvocationErrorHandler(TRANSFER_CREATION, c -> PropagatingErrorHandler.instance());
        // a subject that refuses the dispute (another agreement's, already disputed) refuses the dispute itself
        processing.registerListenerInvocationErrorHandler(DISPUTE_EFFECTS, c -> PropagatingErrorHandler.instance());
        // The two subscribing processors see every event of every command on the committer's thread and handle
        // few: Axon's four dimensional monitors per processor and event (timer, latency, capacity, counter, each a
        // meter lookup by processor and payload type) were ~7 % of that thread's JFR samples in the lifecycle
        // benchmark, mostly for events neither handles. Their work is part of the command that published the
        // events, which the commandBus metrics time and count already (docs/operations.md, Monitoring).
        processing.registerMessageMonitor(TRANSFER_CREATION, c -> NoOpMessageMonitor.instance());
        processing.registerMessageMonitor(DISPUTE_EFFECTS, c -> NoOpMessageMonitor.instance());
    }
}
