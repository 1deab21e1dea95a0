package org.basinledger.benchmark;

import static org.basinledger.benchmark.LifecycleBenchmark.log;
import static org.basinledger.benchmark.LifecycleBenchmark.round;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("db", options.db());
        summary.put("workload", "rebuild");
        ReadModelRebuild.Status status = rebuildOnce(rebuild, summary);
        summary.put("events", status.eventsDone());
        summary.put("schema", status.schema());
        // --rebuilds=N: more rebuilds of the same events, warm, for A/B comparisons within one process
        List<Map<String, Object>> repeats = new ArrayList<>();
        for (int i = 1; i < options.extra().rebuilds(); i++) {
            Map<String, Object> repeat = new LinkedHashMap<>();
            rebuildOnce(rebuild, repeat);
            log("rebuild " + (i + 1) + ": " + repeat);
            repeats.add(repeat);
        }
        if (!repeats.isEmpty()) {
            summary.put("repeats", repeats);
        }
        return summary;
    }

    /** One rebuild from start to swap, measured into {@code into}: eventsPerSec and what {@link Measure} puts. */
    private ReadModelRebuild.Status rebuildOnce(ReadModelRebuild rebuild, Map<String, Object> into)
            throws Exception {
        System.gc();
        Thread.sleep(200);
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
        into.put("eventsPerSec", round(status.eventsDone() / measure.seconds(), 0));
        measure.put(into, status.eventsDone());
        return status;
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
