package org.basinledger.app.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.basinledger.api.common.Caller;
import org.basinledger.app.opendata.OpenDataController;
import org.basinledger.app.opendata.OpenDataIndexController;
import org.basinledger.app.web.admin.ReadModelController;
import org.basinledger.app.web.agreement.AgreementController;
import org.basinledger.app.web.agreement.AgreementStreamController;
import org.basinledger.app.web.compliance.ComplianceController;
import org.basinledger.app.web.compliance.MonitoringReportBatchController;
import org.basinledger.app.web.dispute.DisputeController;
import org.basinledger.app.web.emission.EmissionController;
import org.basinledger.app.web.incident.IncidentController;
import org.basinledger.app.web.incident.IncidentStreamController;
import org.basinledger.app.web.ledger.LedgerController;
import org.basinledger.app.web.registry.RegistryController;
import org.basinledger.app.web.registry.TokenController;
import org.basinledger.app.web.report.PublicReportController;
import org.basinledger.app.web.transfer.TransferController;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}) as an integrator needs it:
 * the request's {@link Caller} is resolved from the bearer token, never a parameter; bearer authentication is
 * declared (Swagger UI's Authorize); every operation lists the answers it can give, failures as RFC 9457 problems;
 * operations are grouped under named tags. docs/api.md is the same contract in words.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";
    static final String APPLIED = "Applied";
    private static final String PROBLEM_JSON = "application/problem+json";

    static {
        // resolved from the Authorization header (WebConfig), not sent by the client
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    /** The tag of each controller's operations, in the order Swagger UI shows them. */
    static final Map<Class<?>, String> TAGS = tags();

    private static Map<Class<?>, String> tags() {
        Map<Class<?>, String> tags = new LinkedHashMap<>();
        tags.put(RegistryController.class, "Registry");
        tags.put(TokenController.class, "Access tokens");
        tags.put(AgreementController.class, "Agreements");
        tags.put(AgreementStreamController.class, "Agreements");
        tags.put(org.basinledger.app.web.agreement.AmendmentController.class, "Agreements");
        tags.put(ComplianceController.class, "Monitoring and assessments");
        tags.put(MonitoringReportBatchController.class, "Monitoring and assessments");
        tags.put(TransferController.class, "Compensation transfers");
        tags.put(DisputeController.class, "Disputes");
        tags.put(IncidentController.class, "Emergency incidents");
        tags.put(IncidentStreamController.class, "Emergency incidents");
        tags.put(EmissionController.class, "Emission rights");
        tags.put(LedgerController.class, "The ledger itself");
        tags.put(OpenDataController.class, "Open data");
        tags.put(OpenDataIndexController.class, "Open data");
        tags.put(PublicReportController.class, "Public reports and river chiefs");
        tags.put(ReadModelController.class, "Administration");
        return tags;
    }

    private static final Map<String, String> TAG_DESCRIPTIONS = Map.ofEntries(
            Map.entry("Public reports and river chiefs", "Citizen reports filed without an account, their assignment"
                    + " and answers, river chiefs and response records"),
            Map.entry("Registry", "Jurisdictions, their signing keys and mediators (the registrar writes; everyone reads)"),
            Map.entry("Access tokens", "Bearer tokens for jurisdictions and mediators (the registrar issues and revokes them)"),
            Map.entry("Agreements", "Drafting, signing, amending in force, the agreement's state, history and live stream"),
            Map.entry("Monitoring and assessments", "Monitoring reports of the sections and the assessments computed from them"),
            Map.entry("Compensation transfers", "Money owed under an agreement and its way to settlement; balances"),
            Map.entry("Disputes", "Disputes over transfers and assessments, statements and mediators' rulings"),
            Map.entry("Emergency incidents", "Incidents at a section, notices to acknowledge by a deadline, penalties,"
                    + " live alerts"),
            Map.entry("Emission rights", "Schemes of paid pollution allowances: accounts, issuance, trades, verified"
                    + " emissions, surrenders, deficits and their penalties, the reconciliation"),
            Map.entry("The ledger itself", "Signed tree heads, inclusion and consistency proofs, witnesses, verification"),
            Map.entry("Open data", "Every public list in bulk as JSON and CSV, and each agreement's record (no token)"),
            Map.entry("Administration", "The registrar's operations on the running ledger: rebuilding the read models"));

    /** Operations whose success is {@code 201 Created} with a {@code Location}. */
    static final Set<String> CREATES = Set.of("POST /api/v1/agreements", "POST /api/v1/transfers",
            "POST /api/v1/disputes", "POST /api/v1/disputes/{id}/statements",
            "POST /api/v1/agreements/{id}/monitoring-reports", "POST /api/v1/agreements/{id}/assessments",
            "POST /api/v1/jurisdictions", "POST /api/v1/jurisdictions/{id}/keys", "POST /api/v1/mediators",
            "POST /api/v1/tokens", "POST /api/v1/ledger/heads/{treeSize}/witnesses", "POST /api/v1/public-reports",
            "POST /api/v1/jurisdictions/{id}/river-chiefs", "POST /api/v1/agreements/{id}/incidents",
            "POST /api/v1/emission-schemes", "POST /api/v1/emission-schemes/{id}/accounts",
            "POST /api/v1/emission-schemes/{id}/trades", "POST /api/v1/agreements/{id}/amendments");

    /** The writes anyone may send without a token (throttled per client instead). */
    static final Set<String> PUBLIC_WRITES = Set.of("POST /api/v1/public-reports",
            "DELETE /api/v1/public-reports/{id}/contact");

    @Bean
    OpenAPI basinLedgerOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        Components components = new Components()
                .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("A token the registrar issued (POST /api/v1/tokens), or the registrar's own"
                                + " (its file in the data directory). Reads without a token see what the public"
                                + " sees; a token shows its holder more (drafts of its agreements, its disputes)."));
        return new OpenAPI()
                .info(new Info().title("Basin Ledger API")
                        .version(properties == null ? "development" : properties.getVersion())
                        .description("An event-sourced ledger of river-basin agreements between governments:"
                                + " agreements and their signatures, monitoring, assessments, compensation"
                                + " transfers, disputes, and the signed Merkle log that proves none of it was"
                                + " rewritten. The contract in words: docs/api.md in the repository.")
                        .license(new License().name("Open data: CC BY 4.0 unless the publisher says otherwise")
                                .url("/open-data/")))
                .components(components)
                .tags(TAG_DESCRIPTIONS.keySet().stream().sorted(OpenApiConfig::byTagOrder)
                        .map(name -> new Tag().name(name).description(TAG_DESCRIPTIONS.get(name))).toList());
    }

    private static int byTagOrder(String a, String b) {
        List<String> order = TAGS.values().stream().distinct().toList();
        return Integer.compare(order.indexOf(a), order.indexOf(b));
    }

    /** Each operation under its controller's tag, not the controller's class name. */
    @Bean
    OperationCustomizer basinLedgerTags() {
        return (operation, handler) -> {
            String tag = TAGS.get(handler.getBeanType());
            if (tag != null) {
                operation.setTags(List.of(tag));
            }
            return operation;
        };
    }

    /** Security and every answer of each operation, from its method and path. */
    @Bean
    OpenApiCustomizer basinLedgerAnswers() {
        return openApi -> {
            // the same index without its trailing slash is a redirect-free alias, not another operation
            openApi.getPaths().remove("/open-data");
            // added here, after springdoc has put the schemas it generated in place
            openApi.getComponents().addSchemas(PROBLEM, problemSchema()).addSchemas(APPLIED, appliedSchema());
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> describe(path, method, operation)));
        };
    }

    static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        boolean api = path.startsWith("/api/");
        boolean write = method != PathItem.HttpMethod.GET;
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        if (CREATES.contains(method + " " + path)) {
            ApiResponse created = responses.remove("200");
            responses.addApiResponse("201", (created == null ? new ApiResponse() : created)
                    .description("Created: the new resource, its address in Location")
                    .addHeaderObject("Location", new Header().schema(new StringSchema())));
        } else if (responses.get("200") != null) {
            responses.get("200").description("OK");
        }
        responses.addApiResponse("400", problem("Invalid input: a parameter or the body is malformed or breaks a"
                + " rule (type urn:basin-ledger:problem:invalid-input, with errors[] naming each field)"));
        if (path.contains("{")) {
            responses.addApiResponse("404", problem("Not found, or not visible to the caller (a draft to anyone"
                    + " but its parties)"));
        }
        if (api) {
            operation.setSecurity(write && !PUBLIC_WRITES.contains(method + " " + path)
                    ? List.of(new SecurityRequirement().addList(BEARER))
                    : List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement()));
            responses.addApiResponse("401", problem(write ? "No bearer token, or one that is unknown or revoked"
                    : "A bearer token that is unknown or revoked (send none to read as the public), or none where"
                    + " this answer needs one"));
            responses.addApiResponse("429", problem("Too many refused tokens from this client: wait Retry-After"
                    + " seconds; also too many open streams, or public reports filed, of this client"));
            responses.addApiResponse("503", problem(write ? "Writes are held after a failed integrity verification"
                    + " (ledger-integrity-failed, no Retry-After): nothing was applied"
                    : "The ledger is busy (too many streams or downloads at once), or the read models have not"
                    + " reached the X-Ledger-Position sent (read-models-behind): retry after Retry-After"));
            if (!write) {
                operation.addParametersItem(new Parameter().in("header").name(Commands.POSITION_HEADER)
                        .required(false).description("Optional: the X-Ledger-Position a write answered with (on"
                                + " any node); the answer then reflects that write, waited for up to"
                                + " ledger.read-after-write-timeout (else 503 read-models-behind)")
                        .schema(new IntegerSchema().minimum(java.math.BigDecimal.ZERO).format("int64")));
            }
        }
        if (write) {
            responses.addApiResponse("202", new ApiResponse().description("Applied: the change is recorded but its"
                    + " usual answer is not available now; read the resource at Location")
                    .content(new Content().addMediaType("application/json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + APPLIED)))));
            responses.addApiResponse("403", problem("The caller may not do this (not a party, not the registrar,"
                    + " not the dispute's mediator)"));
            responses.addApiResponse("409", problem("The resource is not in a state that allows this (invalid-state,"
                    + " already-exists), another request changed it at the same time (concurrent-modification), or"
                    + " the same Idempotency-Key is still in progress"));
            responses.addApiResponse("413", problem("The request body is larger than the ledger accepts"));
            responses.addApiResponse("415", problem("The body is not application/json"));
        }
        if (method == PathItem.HttpMethod.POST && api) {
            responses.addApiResponse("422", problem("The Idempotency-Key was used before with another request"
                    + " (idempotency-key-reused)"));
            operation.addParametersItem(new Parameter().in("header").name("Idempotency-Key").required(false)
                    .description("Optional, 1-255 visible ASCII characters: the same key with the same request"
                            + " gives the first answer again (Idempotent-Replayed: true) and applies nothing twice")
                    .schema(new StringSchema().maxLength(255)));
        }
        if (operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> "If-Match".equalsIgnoreCase(p.getName()))) {
            responses.addApiResponse("412", problem("If-Match is not the current version (stale-version)"));
            responses.addApiResponse("428", problem("If-Match is missing (precondition-required)"));
        }
        responses.addApiResponse("500", problem("An unexpected failure; nothing was changed"));
        operation.setResponses(responses);
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    /** RFC 9457 problem details as the ledger writes them. */
    private static Schema<?> problemSchema() {
        ObjectSchema fieldError = new ObjectSchema();
        fieldError.addProperty("field", new StringSchema().description("the field or parameter, e.g. terms.sections[0].id"));
        fieldError.addProperty("message", new StringSchema().description("what is wrong with it"));
        Schema<?> problem = new ObjectSchema().description("RFC 9457 problem details");
        problem.addProperty("type", new StringSchema().description("urn:basin-ledger:problem:<kind>: invalid-input,"
                + " signature-rejected, unauthorized, not-permitted, not-found, invalid-state, already-exists,"
                + " concurrent-modification, idempotency-in-progress, stale-version, payload-too-large,"
                + " idempotency-key-reused, precondition-required, ledger-integrity-failed, read-models-behind, read-only-node,"
                + " command-only-node,"
                + " internal-error,"
                + " http-<status> for framework errors"));
        problem.addProperty("title", new StringSchema());
        problem.addProperty("status", new IntegerSchema());
        problem.addProperty("detail", new StringSchema().description("for people; never parse it"));
        problem.addProperty("instance", new StringSchema());
        problem.addProperty("errors", new ArraySchema().items(fieldError)
                .description("invalid-input only: every field that is wrong"));
        return problem;
    }

    private static Schema<?> appliedSchema() {
        Schema<?> applied = new ObjectSchema().description("The change was applied; read it at location");
        applied.addProperty("type", new StringSchema().example(AppliedAnswer.TYPE));
        applied.addProperty("title", new StringSchema().example("Applied"));
        applied.addProperty("status", new IntegerSchema().example(202));
        applied.addProperty("detail", new StringSchema());
        applied.addProperty("location", new StringSchema());
        return applied;
    }
}
