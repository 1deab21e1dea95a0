package org.basinledger.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.app.BasinLedgerApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine;

/**
 * The importer as a clerk runs it, in a JVM of its own, against the real application in-process on H2: an import
 * killed with SIGKILL half-way and run again records every report exactly once; run again without its state file it
 * records nothing; a file with a wrong value records everything else and lists what was refused.
 */
class ImporterEndToEndIT {

    private static final String REGISTRAR = "importer-it-registrar-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FIRST_YEAR = LocalDate.now(LedgerCalendar.ZONE).getYear() - 3;

    static ConfigurableApplicationContext app;
    static String url;
    static Path work;
    static HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        work = Path.of("target", "it-data", "importer-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(work);
        app = new SpringApplicationBuilder(BasinLedgerApplication.class).run("--server.port=0",
                "--ledger.data-dir=" + work.resolve("data"), "--ledger.registrar-token=" + REGISTRAR);
        url = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void anImportKilledHalfWayAndRunAgainRecordsEveryReportExactlyOnce() throws Exception {
        Party upstream = register("CN-AH-IMP");
        Party downstream = register("CN-ZJ-IMP");
        String agreement = agreementInForce(upstream, downstream, "JIEKOU", "JINZE");
        Path csv = work.resolve("two-years.csv");
        int reports = writeSamples(csv, agreement, List.of("JIEKOU", "JINZE"), 2, null);
        assertThat(reports).isEqualTo(48);
        Path state = Path.of(csv + ".import-state");

        // two reports a request, a pause after each: killed (SIGKILL) once a few batches are confirmed
        Started first = importer(csv, downstream.token(), "--batch", "2", "--parallel", "1", "--throttle-ms", "400");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lines(state) < 6 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(first.isAlive()).as("still importing when killed").isTrue();
        first.process().destroyForcibly().waitFor();
        int confirmed = lines(state);
        assertThat(confirmed).isBetween(6, 46);
        assertThat(reportEvents(agreement)).as("the ledger is at most one batch ahead of the state file")
                .isBetween((long) confirmed, (long) confirmed + 2);

        Run resumed = run(importer(csv, downstream.token(), "--batch", "5"));
        assertThat(resumed.code()).as(resumed.toString()).isZero();
        assertThat(resumed.err()).contains("resuming: " + confirmed + " reports confirmed before");
        assertThat(resumed.out()).contains(confirmed + " skipped (in the state file), 0 refused");
        assertThat(reportEvents(agreement)).isEqualTo(48);
        assertThat(lines(state)).isEqualTo(48);
        assertEveryMonthOnce(agreement, 2 * 24);

        // the state file lost: everything is sent again, and the ledger records nothing twice
        Files.delete(state);
        Run again = run(importer(csv, downstream.token(), "--batch", "10", "--parallel", "3"));
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).contains("0 reports recorded now, 48 were in the ledger already");
        assertThat(reportEvents(agreement)).isEqualTo(48);
        assertEveryMonthOnce(agreement, 48);
    }

    @Test
    void aWrongValueRefusesItsBatchOnlyAndIsListedForTheClerk() throws Exception {
        Party upstream = register("CN-AH-IMR");
        Party downstream = register("CN-ZJ-IMR");
        String agreement = agreementInForce(upstream, downstream, "JIEKOU");
        Path csv = work.resolve("one-wrong.csv");
        writeSamples(csv, agreement, List.of("JIEKOU"), 1, FIRST_YEAR + "-03-15");

        Run run = run(importer(csv, downstream.token(), "--batch", "3"));

        assertThat(run.code()).as(run.toString()).isEqualTo(Importer.REFUSED);
        assertThat(run.err()).contains("JIEKOU/" + FIRST_YEAR + "-03 samples[").contains("must be from 0 to below 10000");
        assertThat(run.out()).contains("9 reports recorded now", "3 refused");
        Path refused = Path.of(csv + ".import-state.refused.jsonl");
        JsonNode line = JSON.readTree(Files.readAllLines(refused).get(0));
        assertThat(line.path("status").asInt()).isEqualTo(400);
        assertThat(line.path("reportKeys").toString()).contains("JIEKOU/" + FIRST_YEAR + "-03");
        assertThat(reportEvents(agreement)).isEqualTo(9);
    }

    @Test
    void theHelpNamesTheCommands() {
        java.io.StringWriter out = new java.io.StringWriter();
        int code = new CommandLine(new Importer()).setOut(new java.io.PrintWriter(out)).execute("--help");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("import", "generate");
    }

    /** Samples every day of {@code years} years from January of FIRST_YEAR, two pollutants; one value broken. */
    private static int writeSamples(Path csv, String agreement, List<String> sections, int years, String brokenDay)
            throws IOException {
        StringBuilder text = new StringBuilder("agreementId,sectionId,takenAt,pollutant,value,unit\n");
        LocalDate from = LocalDate.of(FIRST_YEAR, 1, 1);
        // date order across all sections: the importer groups interleaved sections
        for (LocalDate day = from; day.isBefore(from.plusYears(years)); day = day.plusDays(1)) {
            for (String section : sections) {
                String codmn = day.toString().equals(brokenDay) ? "-2.0" : "2." + day.getDayOfMonth();
                text.append(agreement).append(',').append(section).append(',').append(day).append(",CODMN,")
                        .append(codmn).append(",mg/L\n");
                text.append(agreement).append(',').append(section).append(',').append(day).append(",TP,0.0")
                        .append(10 + day.getDayOfMonth()).append(",mg/L\n");
            }
        }
        Files.writeString(csv, text);
        return sections.size() * years * 12;
    }

    /** A started importer and the file its stdout goes to. */
    private record Started(Process process, Path out) {
        boolean isAlive() {
            return process.isAlive();
        }
    }

    private static Started importer(Path csv, String token, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath(), Importer.class.getName(), "import", csv.toString(), "--ledger", url,
                "--token", token, "--quiet"));
        command.addAll(List.of(options));
        Path out = work.resolve("importer-" + System.nanoTime() + ".out");
        return new Started(new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE).start(), out);
    }

    /** The importer's own classpath: its classes, the api's calendar, picocli and Jackson. */
    private static String classPath() {
        List<Class<?>> from = List.of(Importer.class, LedgerCalendar.class, CommandLine.class, ObjectMapper.class,
                com.fasterxml.jackson.core.JsonFactory.class, com.fasterxml.jackson.annotation.JsonProperty.class);
        List<String> entries = new ArrayList<>();
        for (Class<?> type : from) {
            try {
                entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n" + out + "\n" + err;
        }
    }

    private static Run run(Started started) throws Exception {
        String err = new String(started.process().getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(started.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(started.process().exitValue(), Files.readString(started.out()), err);
    }

    private static int lines(Path state) throws IOException {
        return Files.exists(state) ? (int) Files.readAllLines(state).stream().filter(l -> !l.isBlank()).count() : 0;
    }

    private static long reportEvents(String agreement) {
        return app.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND payload_type LIKE '%MonitoringReportSubmittedEvent'",
                Long.class, agreement);
    }

    private static void assertEveryMonthOnce(String agreement, int months) {
        List<Map<String, Object>> rows = app.getBean(JdbcTemplate.class).queryForList("SELECT section_id, period,"
                + " COUNT(*) AS n FROM compliance_report WHERE agreement_id = ? GROUP BY section_id, period",
                agreement);
        assertThat(rows).hasSize(months);
        assertThat(rows).allSatisfy(r -> assertThat(((Number) r.get("n")).intValue()).isEqualTo(1));
    }

    private record Party(String id, KeyPair keys, String keyId, String token) {
    }

    private static Party register(String prefix) throws Exception {
        String id = prefix + "-" + Long.toHexString(System.nanoTime()).toUpperCase(java.util.Locale.ROOT);
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        JsonNode registered = call("POST", "/api/v1/jurisdictions", REGISTRAR, Map.of("id", id, "name",
                "Government " + id, "level", "CITY", "publicKey",
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())), 201);
        JsonNode token = call("POST", "/api/v1/tokens", REGISTRAR,
                Map.of("principalType", "JURISDICTION", "principalId", id), 201);
        return new Party(id, keys, registered.path("keys").path(0).path("keyId").asText(), token.path("token").asText());
    }

    private static String agreementInForce(Party a, Party b, String... sections) throws Exception {
        List<Map<String, Object>> sectionList = new ArrayList<>();
        for (String section : sections) {
            sectionList.add(Map.of("id", section, "name", section, "waterBody", "Xin'an River", "upstream", a.id(),
                    "downstream", b.id()));
        }
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("text", "The parties report daily at their border sections.");
        terms.put("sections", sectionList);
        terms.put("obligations", List.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Import test agreement");
        body.put("basin", "Xin'an River");
        body.put("parties", List.of(Map.of("jurisdictionId", a.id(), "role", "UPSTREAM"),
                Map.of("jurisdictionId", b.id(), "role", "DOWNSTREAM")));
        body.put("effectiveFrom", LocalDate.of(FIRST_YEAR, 1, 1).toString());
        body.put("effectiveUntil", LocalDate.of(FIRST_YEAR + 5, 12, 31).toString());
        body.put("terms", terms);
        String id = call("POST", "/api/v1/agreements", a.token(), body, 201).path("id").asText();
        call("POST", "/api/v1/agreements/" + id + "/open-for-signature", a.token(), null, 200);
        for (Party party : List.of(a, b)) {
            byte[] document = send("GET", "/api/v1/agreements/" + id + "/terms", party.token(), null, 200);
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(party.keys().getPrivate());
            signer.update(document);
            call("POST", "/api/v1/agreements/" + id + "/signatures", party.token(),
                    Map.of("signature", Base64.getEncoder().encodeToString(signer.sign()), "keyId", party.keyId()), 200);
        }
        return id;
    }

    private static JsonNode call(String method, String path, String token, Object body, int expected)
            throws Exception {
        return JSON.readTree(send(method, path, token, body, expected));
    }

    private static byte[] send(String method, String path, String token, Object body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(method + " " + path + ": "
                + new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(expected);
        return response.body();
    }
}
