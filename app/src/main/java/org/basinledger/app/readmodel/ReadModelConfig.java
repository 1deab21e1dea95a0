package org.basinledger.app.readmodel;

import java.util.List;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.Configuration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wiring of the read models' schemas and their rebuild: the application's data source routes connections to the
 * live schema, which is decided once Flyway has migrated; the rebuild, its metrics and the start-up flag.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class ReadModelConfig {

    /** Wraps the application's data source so every connection sees the live read models. */
    @Bean
    static BeanPostProcessor readModelDataSourceWrapper() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource && !(bean instanceof ReadModelDataSource)
                        && "dataSource".equals(beanName) ? new ReadModelDataSource(dataSource) : bean;
            }
        };
    }

    @Bean(initMethod = "start")
    ReadModelSchemas readModelSchemas(DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate transactions,
                                      ObjectProvider<FlywayMigrationInitializer> migrations) {
        // the tables must be migrated before deciding where the read models are
        migrations.ifAvailable(initializer -> { });
        return new ReadModelSchemas(jdbc, transactions, (ReadModelDataSource) dataSource);
    }

    @Bean
    ReadModelRebuild readModelRebuild(ApplicationContext context, Configuration axon, ReadModelSchemas schemas,
                                      DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate transactions,
                                      ObjectProvider<ReadModelRebuild.Listener> listeners,
                                      ReadModelProperties properties) {
        return new ReadModelRebuild(context, axon, schemas, (ReadModelDataSource) dataSource, jdbc, transactions,
                listeners.orderedStream().toList(), properties.rebuildBatchSize(),
                properties.rebuildThreads());
    }

    @Bean
    ReadModelRebuildEndpoint readModelRebuildEndpoint(ReadModelRebuild rebuild) {
        return new ReadModelRebuildEndpoint(rebuild);
    }

    /** The rebuild's progress as gauges: {@code ledger.read_models.rebuild.*} (Prometheus and /actuator/metrics). */
    @Bean
    MeterBinder readModelRebuildMetrics(ReadModelRebuild rebuild) {
        return registry -> List.of(
                Gauge.builder("ledger.read_models.rebuild.running",
                        rebuild, r -> r.status().state() == ReadModelRebuild.State.RUNNING ? 1 : 0),
                Gauge.builder("ledger.read_models.rebuild.events.done", rebuild, r -> r.status().eventsDone()),
                Gauge.builder("ledger.read_models.rebuild.events.total", rebuild, r -> r.status().eventsTotal()),
                Gauge.builder("ledger.read_models.rebuild.events.per_second",
                        rebuild, r -> r.status().eventsPerSecond()),
                Gauge.builder("ledger.read_models.rebuild.eta", rebuild, r -> {
                    Long eta = r.status().etaSeconds();
                    return eta == null ? Double.NaN : eta;
                }).baseUnit("seconds"))
                .forEach(gauge -> gauge.register(registry));
    }

    /** {@code --ledger.read-models.rebuild-on-start=true}: a rebuild as soon as the ledger is ready. */
    @Bean
    RebuildOnStart rebuildOnStart(ReadModelRebuild rebuild, ReadModelProperties properties) {
        return new RebuildOnStart(rebuild, properties.rebuildOnStart());
    }

    record RebuildOnStart(ReadModelRebuild rebuild, boolean enabled) {
        @EventListener(ApplicationReadyEvent.class)
        public void ready() {
            if (enabled) {
                rebuild.start("command line");
            }
        }
    }
}
