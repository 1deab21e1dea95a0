package org.basinledger.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.basinledger.app.BasinLedgerApplication;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read models' schema across restarts (H2 file): a rebuild asked for on the command line swaps them into a schema
 * of their own, which later starts keep; after a migration the ledger goes back to the default schema's tables and
 * catches them up from where they were at the first swap.
 */
class ReadModelRestartIT {

    /** With one segment of the projections, and with four (each segment's token kept at the first swap). */
    @ParameterizedTest(name = "{0} segments")
    @ValueSource(ints = {1, 4})
    void theRebuiltSchemaStaysLiveUntilAMigrationSendsTheLedgerBackToTheDefaultOne(int segments) throws Exception {
        Path dataDir = Path.of("target", "it-data", "rebuild-restart-" + System.nanoTime()).toAbsolutePath();
        String segmentsArg = "--ledger.projection-segments=" + segments;
        String before;
        try (ConfigurableApplicationContext first = start(dataDir, segmentsArg)) {
            before = registerAndSee(first);
            assertThat(first.getBean(ReadModelSchemas.class).liveSchema()).isEqualTo("PUBLIC");
        }

        String rebuilt;
        String after;
        try (ConfigurableApplicationContext second = start(dataDir, segmentsArg,
                "--ledger.read-models.rebuild-on-start=true")) {
            ReadModelRebuild rebuild = second.getBean(ReadModelRebuild.class);
            ReadModelRebuild.Status done = Await.until(() -> {
                ReadModelRebuild.Status status = rebuild.status();
                assertThat(status.state()).as(status.toString()).isNotEqualTo(ReadModelRebuild.State.FAILED);
                return status.state() == ReadModelRebuild.State.SWAPPED ? status : null;
            });
            assertThat(done.requestedBy()).isEqualTo("command line");
            rebuilt = done.schema();
            assertThat(second.getBean(ReadModelSchemas.class).liveSchema()).isEqualTo(rebuilt)
                    .isEqualTo("PUBLIC_READ_MODELS_A");
            assertThat(jurisdiction(second, before)).isEqualTo(200);
            after = registerAndSee(second);
        }

        try (ConfigurableApplicationContext third = start(dataDir, segmentsArg)) {
            assertThat(third.getBean(ReadModelSchemas.class).liveSchema()).isEqualTo(rebuilt);
            assertThat(third.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM token_entry"
                    + " WHERE processor_name = 'projections'", Integer.class)).isEqualTo(segments);
            assertThat(third.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM read_model_base_segment",
                    Integer.class)).as("the tokens of the segments but 0 at the first swap").isEqualTo(segments - 1);
            assertThat(jurisdiction(third, before)).isEqualTo(200);
            assertThat(jurisdiction(third, after)).isEqualTo(200);
        }

        // a later release's migration (a version above every one of this build: Flyway leaves it be)
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("ledger"), "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\","
                    + " \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\")"
                    + " SELECT MAX(\"installed_rank\") + 1, '999', 'later release', 'SQL', 'V999__later_release.sql',"
                    + " 0, 'test', 0, TRUE FROM \"flyway_schema_history\"");
        }
        try (ConfigurableApplicationContext fourth = start(dataDir, segmentsArg)) {
            assertThat(fourth.getBean(ReadModelSchemas.class).liveSchema()).isEqualTo("PUBLIC");
            assertThat(fourth.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM read_model_base_segment",
                    Integer.class)).isZero();
            assertThat(jurisdiction(fourth, before)).isEqualTo(200);
            // registered after the first swap: caught up in the default schema's tables from the token kept then
            Await.until(() -> jurisdiction(fourth, after) == 200 ? Boolean.TRUE : null);
        }
    }

    private static String registerAndSee(ConfigurableApplicationContext context) {
        String id = new LedgerDriver(new Http(port(context))).register("CN-RS").id();
        Await.until(() -> jurisdiction(context, id) == 200 ? Boolean.TRUE : null);
        return id;
    }

    private static int jurisdiction(ConfigurableApplicationContext context, String id) {
        return new Http(port(context)).get("/api/v1/jurisdictions/" + id).send().status();
    }

    private static ConfigurableApplicationContext start(Path dataDir, String... more) {
        String[] args = {"--server.port=0", "--ledger.data-dir=" + dataDir,
                "--ledger.registrar-token=" + LedgerDriver.REGISTRAR_TOKEN};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return new SpringApplicationBuilder(BasinLedgerApplication.class).run(all);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
