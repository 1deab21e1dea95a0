package org.basinledger.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.common.caching.Cache;
import org.ehcache.CacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The aggregate caches keep what they hold across garbage collections, stay bounded, and are off on several nodes. */
class AggregateCachesTest {

    private final AxonConfig config = new AxonConfig(false);
    private final CacheManager caches = config.aggregateCacheManager();

    @AfterEach
    void close() {
        caches.close();
    }

    @Test
    void anAggregateStaysCachedAcrossGarbageCollections() {
        Cache agreements = config.agreementCache(caches);
        agreements.put("agreement-1", new Object());
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        assertThat(agreements.containsKey("agreement-1")).isTrue();
    }

    @Test
    void theCacheIsBounded() {
        Cache disputes = config.disputeCache(caches);
        for (int i = 0; i < 5_000; i++) {
            disputes.put("dispute-" + i, new Object());
        }
        long kept = java.util.stream.IntStream.range(0, 5_000).filter(i -> disputes.containsKey("dispute-" + i)).count();
        assertThat(kept).isLessThanOrEqualTo(1_000).isPositive();
    }

    @Test
    void severalNodesHoldNoAggregateInMemory() {
        Cache agreements = new AxonConfig(true).agreementCache(caches);
        agreements.put("agreement-1", new Object());
        assertThat(agreements.containsKey("agreement-1")).isFalse();
    }
}
