package org.basinledger.app.idempotency;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Deletes idempotency keys older than {@code ledger.idempotency.retention}, every
 * {@code ledger.idempotency.purge-interval}. A db-scheduler recurring task: its next run is a row in
 * {@code scheduled_tasks}, so with several nodes exactly one runs each purge.
 */
@Configuration(proxyBeanMethods = false)
public class IdempotencyKeyPurge {

    public static final String TASK = "idempotency-key-purge";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPurge.class);

    @Bean
    RecurringTask<Void> idempotencyKeyPurgeTask(IdempotencyKeys keys, IdempotencyProperties properties) {
        return Tasks.recurring(TASK, FixedDelay.of(properties.purgeInterval()))
                .execute((instance, context) -> purge(keys, properties));
    }

    static int purge(IdempotencyKeys keys, IdempotencyProperties properties) {
        int purged = keys.purge(keys.now().minus(properties.retention()));
        if (purged > 0) {
            log.info("purged {} idempotency keys older than {}", purged, properties.retention());
        }
        return purged;
    }
}
