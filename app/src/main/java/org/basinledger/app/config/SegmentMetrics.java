package org.basinledger.app.config;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.basinledger.query.integrity.IntegrityLog;
import org.springframework.stereotype.Component;

/**
 * {@code ledger.processor.segments.claimed{processor}}: how many segments of the {@value AxonConfig#PROJECTIONS}
 * and {@value IntegrityLog#PROCESSING_GROUP} processors this node holds now. With several nodes the sum over the
 * nodes is every segment once a takeover or a balancing round is done; a node at 0 for {@code integrity-log}
 * leaves the log to another one. (The shared {@code token_entry} says the same per segment: its {@code owner}.)
 */
@Component
public class SegmentMetrics implements MeterBinder {

    static final String NAME = "ledger.processor.segments.claimed";

    private final EventProcessingConfiguration processing;

    public SegmentMetrics(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String processor : List.of(AxonConfig.PROJECTIONS, IntegrityLog.PROCESSING_GROUP)) {
            Gauge.builder(NAME, this, metrics -> metrics.claimed(processor)).tag("processor", processor)
                    .description("segments of the event processor this node holds").register(registry);
        }
    }

    /** The segments of {@code processor} this node holds; 0 where it does not run it (a command-only node). */
    int claimed(String processor) {
        return processing.eventProcessor(processor, StreamingEventProcessor.class)
                .map(p -> p.processingStatus().size()).orElse(0);
    }
}
