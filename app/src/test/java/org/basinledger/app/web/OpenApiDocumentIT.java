package org.basinledger.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The OpenAPI document as an integrator gets it from {@code /v3/api-docs}: no internal parameter, bearer
 * authentication declared, every answer documented with the problem shape, real names; and docs/api.md, the
 * contract in the repository, names every path it has.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentIT {

    @LocalServerPort
    int port;

    JsonNode document;

    @DynamicPropertySource
    static void ledger(DynamicPropertyRegistry registry) {
        String dataDir = Path.of("target", "it-data", "openapi-" + System.nanoTime()).toString();
        registry.add("ledger.data-dir", () -> dataDir);
        registry.add("ledger.registrar-token", () -> LedgerDriver.REGISTRAR_TOKEN);
    }

    @BeforeEach
    void read() throws IOException {
        Http.Answer answer = new Http(port).get("/v3/api-docs").send();
        assertThat(answer.status()).isEqualTo(200);
        document = answer.json();
    }

    /** Every operation as {@code METHOD path} with its node. */
    private List<Map.Entry<String, JsonNode>> operations() {
        List<Map.Entry<String, JsonNode>> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op ->
                operations.add(Map.entry(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue()))));
        return operations;
    }

    @Test
    void noOperationAsksForAnInternalParameter() {
        assertThat(operations()).allSatisfy(op -> assertThat(op.getValue().path("parameters"))
                .as(op.getKey()).noneMatch(p -> p.path("name").asText().equalsIgnoreCase("caller")));
        assertThat(document.toString()).doesNotContain("\"caller\"");
    }

    @Test
    void bearerAuthenticationIsDeclaredRequiredForWritesAndOptionalForReads() {
        JsonNode scheme = document.at("/components/securitySchemes/bearer");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        for (Map.Entry<String, JsonNode> op : operations()) {
            JsonNode security = op.getValue().path("security");
            if (!op.getKey().contains(" /api/")) {
                assertThat(security.isMissingNode()).as(op.getKey()).isTrue();
            } else if (op.getKey().startsWith("GET ") || OpenApiConfig.PUBLIC_WRITES.contains(op.getKey())) {
                assertThat(security.toString()).as(op.getKey()).isEqualTo("[{\"bearer\":[]},{}]");
            } else {
                assertThat(security.toString()).as(op.getKey()).isEqualTo("[{\"bearer\":[]}]");
            }
            if (op.getKey().startsWith("POST /api/")) {
                assertThat(op.getValue().path("parameters")).as(op.getKey())
                        .anyMatch(p -> p.path("name").asText().equals("Idempotency-Key"));
            }
        }
    }

    @Test
    void everyOperationDocumentsItsAnswersAndFailuresAreProblems() {
        assertThat(document.at("/components/schemas/Problem/properties").has("type")).isTrue();
        assertThat(document.at("/components/schemas/Problem/properties").has("errors")).isTrue();
        for (Map.Entry<String, JsonNode> op : operations()) {
            String name = op.getKey();
            JsonNode responses = op.getValue().path("responses");
            List<String> statuses = new ArrayList<>();
            responses.fieldNames().forEachRemaining(statuses::add);
            assertThat(statuses).as(name).contains("400", "500").containsAnyOf("200", "201");
            if (name.contains("{")) {
                assertThat(statuses).as(name).contains("404");
            }
            if (name.contains(" /api/")) {
                assertThat(statuses).as(name).contains("401", "429", "503");
            }
            if (!name.startsWith("GET ")) {
                assertThat(statuses).as(name).contains("202", "403", "409", "413", "415");
            }
            responses.fields().forEachRemaining(r -> {
                if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                    assertThat(r.getValue().at("/content/application~1problem+json/schema/$ref").asText())
                            .as(name + " " + r.getKey()).isEqualTo("#/components/schemas/Problem");
                    assertThat(r.getValue().path("description").asText()).as(name + " " + r.getKey()).isNotBlank();
                }
            });
        }
        JsonNode putTerms = document.at("/paths/~1api~1v1~1agreements~1{id}~1terms/put/responses");
        assertThat(putTerms.has("412") && putTerms.has("428")).isTrue();
        assertThat(document.at("/paths/~1api~1v1~1agreements/post/responses").has("201")).isTrue();
        assertThat(document.at("/paths/~1api~1v1~1agreements/post/responses/201/headers").has("Location")).isTrue();
    }

    /** A creation answers 201 as documented: the document's claim checked against the running ledger. */
    @Test
    void documentedCreationsAnswer201() {
        // registering a jurisdiction and issuing its token both assert 201
        new LedgerDriver(new Http(port)).register("CN-OA");
        assertThat(document.at("/paths/~1api~1v1~1tokens/post/responses").has("201")).isTrue();
        assertThat(document.at("/paths/~1api~1v1~1jurisdictions/post/responses").has("201")).isTrue();
        assertThat(document.at("/paths/~1api~1v1~1jurisdictions/post/responses").has("200")).isFalse();
    }

    @Test
    void titleVersionAndTagsAreNamesNotDefaults() {
        assertThat(document.at("/info/title").asText()).isEqualTo("Basin Ledger API");
        assertThat(document.at("/info/version").asText()).isNotIn("v0", "").matches("\\d+\\.\\d+\\.\\d+.*");
        List<String> tags = new ArrayList<>();
        document.path("tags").forEach(t -> {
            tags.add(t.path("name").asText());
            assertThat(t.path("description").asText()).isNotBlank();
        });
        assertThat(tags).contains("Agreements", "Open data", "The ledger itself");
        assertThat(operations()).allSatisfy(op -> {
            assertThat(op.getValue().path("tags")).as(op.getKey()).hasSize(1);
            assertThat(tags).as(op.getKey()).contains(op.getValue().path("tags").path(0).asText());
        });
    }

    /** docs/api.md is the contract in the repository: it names every operation the document has. */
    @Test
    void docsApiMdNamesEveryOperation() throws IOException {
        String contract = Files.readString(Path.of("..", "docs", "api.md"));
        assertThat(operations()).allSatisfy(op -> assertThat(contract).as(op.getKey())
                .contains("`" + op.getKey() + "`"));
    }
}
