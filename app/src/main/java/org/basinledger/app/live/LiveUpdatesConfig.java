package org.basinledger.app.live;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.basinledger.query.incident.IncidentUpdates;
import org.basinledger.query.status.AgreementStatusUpdates;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Live updates across nodes ({@link PostgresLiveUpdates}): only with {@code ledger.several-nodes: true} on
 * PostgreSQL. One node (and H2) keeps Axon's in-JVM updates alone; a command-only node ({@code ledger.node.role:
 * command}) serves no stream and processes no event, so it neither listens nor announces.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${ledger.several-nodes:false} and '${spring.datasource.url:}'.startsWith('jdbc:postgresql:')"
        + " and !'${ledger.node.role:both}'.trim().equalsIgnoreCase('command')")
public class LiveUpdatesConfig {

    @Bean
    PostgresLiveUpdates liveUpdates(JdbcTemplate jdbc, DataSourceProperties dataSource,
                                    AgreementStatusUpdates statuses, IncidentUpdates incidents,
                                    IncidentStreamResets incidentStreams,
                                    @Value("${ledger.node-id:}") String nodeId,
                                    @Value("${ledger.live-updates.reconnect-delay:1s}") Duration reconnectDelay,
                                    MeterRegistry meters) {
        return new PostgresLiveUpdates(jdbc, dataSource.determineUrl(), dataSource.determineUsername(),
                dataSource.determinePassword(), statuses, incidents, incidentStreams, nodeId, reconnectDelay, meters);
    }
}
