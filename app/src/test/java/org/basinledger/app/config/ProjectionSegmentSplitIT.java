package org.basinledger.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.basinledger.app.BasinLedgerApplication;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database that ran with one segment of the projections, started with {@code ledger.projection-segments: 4}: the
 * segment is split at start, every segment goes on from where the one was, nothing is handled twice or missed.
 */
class ProjectionSegmentSplitIT {

    @Test
    void oneSegmentIsSplitAtStartAndTheReadModelsGoOnWithoutARepeatOrAGap() throws Exception {
        Path dataDir = Path.of("target", "it-data", "segment-split-" + System.nanoTime()).toAbsolutePath();
        String before;
        try (ConfigurableApplicationContext first = start(dataDir, 1)) {
            before = register(first);
            assertThat(segments(first)).isEqualTo(1);
        }
        try (ConfigurableApplicationContext second = start(dataDir, 4)) {
            assertThat(segments(second)).isEqualTo(4);
            assertThat(jurisdiction(second, before)).isEqualTo(200);
            String after = register(second);
            assertThat(jurisdiction(second, after)).isEqualTo(200);
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            // every segment claimed here and at the head: the one that handled the registration and the others
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (jdbc.queryForObject("SELECT COUNT(*) FROM token_entry WHERE processor_name = 'projections'"
                    + " AND owner IS NOT NULL", Integer.class) < 4) {
                assertThat(System.nanoTime()).as("all four segments claimed within 60 s").isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(jdbc.queryForList("SELECT jurisdiction_id FROM registry_jurisdiction WHERE jurisdiction_id IN"
                    + " (?, ?)", String.class, before, after)).containsExactlyInAnyOrder(before, after);
        }
        try (ConfigurableApplicationContext third = start(dataDir, 4)) {
            assertThat(segments(third)).as("split once").isEqualTo(4);
            assertThat(jurisdiction(third, before)).isEqualTo(200);
        }
    }

    private static int segments(ConfigurableApplicationContext context) {
        return context.getBean(JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM token_entry WHERE processor_name = 'projections'", Integer.class);
    }

    private static String register(ConfigurableApplicationContext context) {
        return new LedgerDriver(new Http(port(context))).register("CN-SP").id();
    }

    private static int jurisdiction(ConfigurableApplicationContext context, String id) {
        return new Http(port(context)).get("/api/v1/jurisdictions/" + id).send().status();
    }

    private static ConfigurableApplicationContext start(Path dataDir, int segments) {
        return new SpringApplicationBuilder(BasinLedgerApplication.class).run(List.of("--server.port=0",
                "--ledger.data-dir=" + dataDir, "--ledger.registrar-token=" + LedgerDriver.REGISTRAR_TOKEN,
                "--ledger.projection-segments=" + segments).toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
