package org.basinledger.benchmark;

import static org.basinledger.benchmark.LifecycleBenchmark.log;
import static org.basinledger.benchmark.LifecycleBenchmark.round;

import java.util.LinkedHashMap;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.basinledger.app.readmodel.ReadModelRebuild;
import org.basinledger.query.support.Projections;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 11 (3): how fast every read model is rebuilt from the events. {@code --warmup + --agreements} lifecycles
 * are written through the gateway (as the {@code lifecycle} workload, not measured), the projections catch up,
 * then one rebuild ({@code ReadModelRebuild}, as {@code POST /api/v1/admin/read-models/rebuild} starts it) runs
 * from start to swap: events per second over its whole run, schema preparation and the final swap included.
 * benchmark/run-rebuild.sh runs it beside vanilla Axon's replay.
 */
final class RebuildBenchmark {

    private final ConfigurableApplicationContext context;
    private final int port;
    private final Options options;

    RebuildBenchmark(ConfigurableApplicationContext context, int port, Options options) {
        this.context = context;
        this.port = port;
        this.options = options;
    }

    Map<String, Object> run() throws Exception {
        Workload lifecycles = new Workload(context, port, options);
        lifecycles.setUp();
        log("writing " + (options.warmup() + options.agreements()) + " lifecycles (" + options.threads()
                + " threads, mode " + options.mode() + ")");
        lifecycles.runPhase(options.warmup(), true);
        lifecycles.runPhase(options.agreements(), false);
        lifecycles.awaitProjections();
        awaitProjectionsAtHead();
        long events = lifecycles.eventCount();
        System.gc();
        Thread.sleep(200);
        LifecycleBenchmark.resetPeaks();

        ReadModelRebuild rebuild = context.getBean(ReadModelRebuild.class);
        log("rebuilding the read models from " + events + " events");
        Measure measure = Measure.start();
        rebuild.start("benchmark");
        ReadModelRebuild.Status status = rebuild.status();
        while (status.state() == ReadModelRebuild.State.RUNNING) {
            Thread.sleep(5);
            status = rebuild.status();
        }
        measure.stop();
        if (status.state() != ReadModelRebuild.State.SWAPPED) {
            throw new IllegalStateException("rebuild " + status.state() + ": " + status.error());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("db", options.db());
        summary.put("workload", "rebuild");
        summary.put("events", status.eventsDone());
        summary.put("eventsPerSec", round(status.eventsDone() / measure.seconds(), 0));
        summary.put("schema", status.schema());
        measure.put(summary, status.eventsDone());
        return summary;
    }

    /** The rebuild follows the live processor's token: let it reach the last stored event first. */
    private void awaitProjectionsAtHead() throws InterruptedException {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        TrackingEventProcessor processor = context.getBean(EventProcessingConfiguration.class)
                .eventProcessor(Projections.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();
        Long head = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        while (processor.processingStatus().values().stream()
                .noneMatch(s -> s.getCurrentPosition().orElse(-1) >= head)) {
            Thread.sleep(10);
        }
    }
}
