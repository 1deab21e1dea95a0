package org.basinledger.command.agreement;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Snapshots of agreements: after every {@code ledger.snapshots.agreement-events} events (100 unless set) of an
 * agreement, its state is stored in {@code snapshot_event_entry}, so loading an agreement that is not in the cache
 * reads that snapshot and the events after it instead of its whole history (a year of daily reports at three
 * sections is about 1,100 events). 100 rather than more: the state is bounded (the summaries of the open periods,
 * {@link ComplianceRecord}), so a snapshot costs about the same to write in any year, while every event after it
 * is read again by each load (docs/benchmarks.md, "A report in year 10 against year 1": with 500, a cold report
 * in year 10 cost 1.5 times one in year 1). Snapshots are a cache of the events: dropping them loses nothing.
 */
@Configuration(proxyBeanMethods = false)
public class AgreementSnapshots {

    /** The bean name {@link Agreement} names as its snapshot trigger. */
    public static final String TRIGGER = "agreementSnapshotTrigger";

    @Bean(TRIGGER)
    SnapshotTriggerDefinition agreementSnapshotTrigger(Snapshotter snapshotter,
                                                       @Value("${ledger.snapshots.agreement-events:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
