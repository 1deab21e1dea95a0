package org.basinledger.app.opendata;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.agreement.AgreementHistoryPage;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.FindAgreementHistoryQuery;
import org.basinledger.api.compliance.ListMonitoringReportsQuery;
import org.basinledger.api.compliance.MonitoringReportList;
import org.basinledger.api.registry.FindJurisdictionQuery;
import org.basinledger.api.registry.JurisdictionView;
import org.basinledger.app.opendata.PublicLedger.AgreementEntry;
import org.basinledger.app.opendata.PublicLedger.PartyEntry;
import org.basinledger.app.opendata.PublicLedger.PublicAgreement;
import org.basinledger.app.opendata.PublicReleases.Disclosure;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * An agreement's public record in the manner of the Open Contracting Data Standard's record package entry:
 * {@code ocid}, the immutable list of {@code releases} (one per public event of the agreement's history, in the
 * ledger's order, each with the event id, time, type, leaf index in the integrity log and its public content per
 * {@link PublicReleases}), and the {@code compiledRelease}: the agreement's current public state. Written as it is
 * read (issue 10: a 22k-event record built in memory, 16 downloads at once, exhausted the heap).
 */
@Component
public class AgreementRecords {

    /** The compiled release's lists written a page at a time (when null in the compiled node). */
    private static final Set<String> PAGED = Set.of("monitoringReports", "assessments", "transfers", "rulings");

    private final PublicLedger ledger;
    private final QueryGateway queries;
    private final ObjectMapper json;
    private final int historyPage;

    /** {@code historyPage}: history entries read at once while a record is written. */
    public AgreementRecords(PublicLedger ledger, QueryGateway queries, ObjectMapper json,
                            @Value("${ledger.open-data.record-history-page:500}") int historyPage) {
        if (historyPage < 1) {
            throw new IllegalArgumentException("ledger.open-data.record-history-page must be 1 or more");
        }
        this.ledger = ledger;
        this.queries = queries;
        this.json = json;
        this.historyPage = historyPage;
    }

    /** The agreement when the public may see its record, or empty (an unknown agreement, a draft). */
    public Optional<PublicAgreement> find(String agreementId) {
        return Optional.ofNullable(ledger.agreement(agreementId));
    }

    /**
     * Writes the record as it is read: the releases a page of history entries at a time,
     * then the compiled release. Memory holds one page, whatever the length of the agreement's history. A
     * failure part way leaves the JSON unfinished (the answer is already 200), so a reader cannot take a cut
     * record for a whole one.
     */
    public void write(PublicAgreement agreement, OutputStream out) throws IOException {
        String agreementId = agreement.view().id();
        String ocid = ledger.ocid(agreementId);
        try (JsonGenerator generator = json.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            // a record cut short by a failure must not look complete: no closing brackets on close
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
            generator.writeStartObject();
            generator.writeStringField("ocid", ocid);
            generator.writeArrayFieldStart("releases");
            ObjectNode last = null;
            Long after = 0L;
            while (after != null) {
                AgreementHistoryPage page = queries.query(
                        new FindAgreementHistoryQuery(agreementId, after, historyPage), AgreementHistoryPage.class)
                        .join();
                for (AgreementHistoryPage.Entry entry : page.items()) {
                    Optional<ObjectNode> release = release(ocid, entry);
                    if (release.isPresent()) {
                        json.writeTree(generator, release.get());
                        last = release.get();
                    }
                }
                generator.flush();
                after = page.nextAfter();
            }
            generator.writeEndArray();
            generator.writeFieldName("compiledRelease");
            writeCompiled(generator, agreement, compiled(ocid, agreement, last));
            generator.writeEndObject();
        }
    }

    private Optional<ObjectNode> release(String ocid, AgreementHistoryPage.Entry entry) {
        Optional<ObjectNode> content = PublicReleases.publicContent(entry.type(), parse(entry.payload()));
        if (content.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode release = json.createObjectNode();
        release.put("ocid", ocid);
        release.put("id", entry.eventId());
        release.put("date", entry.occurredAt() == null ? null : entry.occurredAt().toString());
        release.set("tag", json.createArrayNode().add(entry.type()));
        release.put("stage", stage(entry.type()));
        release.put("sequence", entry.sequence());
        if (entry.leafIndex() == null) {
            release.putNull("leafIndex");
        } else {
            release.put("leafIndex", entry.leafIndex());
        }
        release.put("actor", entry.actor());
        release.put("contentWithheld", PublicReleases.policy(entry.type()).disclosure() == Disclosure.MARKER);
        release.set("content", content.get());
        return Optional.of(release);
    }

    /** The OCDS stage an event belongs to, for readers who know OCDS. */
    static String stage(String eventType) {
        if (eventType.startsWith("Agreement")) {
            return switch (eventType) {
                case "AgreementDrafted", "AgreementAmended", "AgreementOpenedForSignature", "AgreementRejected" ->
                        "planning";
                case "AgreementEnteredIntoForce", "AgreementTerminationNoticeGiven", "AgreementTerminationNoticeWithdrawn",
                     "AgreementTerminated", "AgreementExpired" -> "implementation";
                default -> "contract";
            };
        }
        if (eventType.startsWith("Dispute") || eventType.startsWith("Subject") || eventType.startsWith("Mediator")) {
            return "dispute";
        }
        return "implementation";
    }

    /**
     * Writes the compiled release in its fields' order; its lists that grow with the agreement's history
     * (monitoring reports with their samples, assessments, transfers, rulings), null in {@code compiled}, are read
     * and written a page at a time.
     */
    private void writeCompiled(JsonGenerator generator, PublicAgreement agreement, ObjectNode compiled)
            throws IOException {
        String id = agreement.view().id();
        generator.writeStartObject();
        for (Map.Entry<String, JsonNode> field : compiled.properties()) {
            generator.writeFieldName(field.getKey());
            if (!field.getValue().isNull() || !PAGED.contains(field.getKey())) {
                json.writeTree(generator, field.getValue());
                continue;
            }
            generator.writeStartArray();
            Consumer<Object> item = value -> {
                try {
                    json.writeValue(generator, value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            try {
                switch (field.getKey()) {
                    case "monitoringReports" -> monitoringReports(id, item);
                    case "assessments" -> ledger.assessmentsOf(id, historyPage, item::accept);
                    case "transfers" -> ledger.transfersOf(id, historyPage, item::accept);
                    default -> ledger.rulings(id, item::accept);
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            generator.writeEndArray();
            generator.flush();
        }
        generator.writeEndObject();
    }

    private void monitoringReports(String agreementId, Consumer<Object> visitor) {
        long offset = 0;
        MonitoringReportList page;
        do {
            page = queries.query(new ListMonitoringReportsQuery(agreementId, null, null, offset, historyPage),
                    MonitoringReportList.class).join();
            page.items().forEach(visitor);
            offset += page.items().size();
        } while (!page.items().isEmpty() && offset < page.total());
    }

    /** The current public state; {@code last} is the last release written (null when there was none). */
    private ObjectNode compiled(String ocid, PublicAgreement agreement, JsonNode last) {
        AgreementStatusView view = agreement.view();
        AgreementEntry entry = ledger.entry(agreement);
        ObjectNode compiled = json.createObjectNode();
        compiled.put("ocid", ocid);
        compiled.put("id", ocid + "-" + (last == null ? "0" : last.path("id").asText()));
        compiled.set("date", last == null ? json.nullNode() : last.path("date"));
        compiled.set("tag", json.createArrayNode().add("compiled"));

        ObjectNode summary = json.valueToTree(entry);
        summary.remove("parties");
        summary.remove("recordUrl");
        compiled.set("agreement", summary);
        compiled.set("parties", parties(entry.parties()));

        JsonNode document = ledger.document(agreement.terms());
        compiled.set("terms", document.path("terms").isMissingNode() ? json.nullNode() : document.path("terms"));
        compiled.put("termsUrl", "/api/v1/agreements/" + view.id() + "/terms");

        compiled.set("obligations", json.valueToTree(view.obligations()));

        if (agreement.inForceOrEnded()) {
            // written a page at a time by writeCompiled
            compiled.putNull("monitoringReports");
            compiled.putNull("assessments");
            compiled.putNull("transfers");
            compiled.set("complianceSummary", json.valueToTree(ledger.complianceSummary(view.id())));
        } else {
            compiled.set("monitoringReports", json.createArrayNode());
            compiled.set("assessments", json.createArrayNode());
            compiled.set("transfers", json.createArrayNode());
            compiled.putNull("complianceSummary");
        }
        compiled.putNull("rulings");
        return compiled;
    }

    /** OCDS-style parties: the registry's name and level with the role in this agreement and the signing key. */
    private ArrayNode parties(List<PartyEntry> parties) {
        ArrayNode array = json.createArrayNode();
        Map<String, JurisdictionView> registry = new HashMap<>();
        for (PartyEntry party : parties) {
            JurisdictionView jurisdiction = registry.computeIfAbsent(party.jurisdictionId(),
                    id -> queries.query(new FindJurisdictionQuery(id), JurisdictionView.class).join());
            ObjectNode node = array.addObject();
            node.put("id", party.jurisdictionId());
            node.put("name", jurisdiction == null ? null : jurisdiction.name());
            node.put("level", jurisdiction == null || jurisdiction.level() == null ? null : jurisdiction.level().name());
            node.set("roles", json.createArrayNode().add(party.role().name()));
            node.put("signedAt", party.signedAt() == null ? null : party.signedAt().toString());
            node.put("keyId", party.keyId());
            String publicKey = jurisdiction == null || party.keyId() == null ? null : jurisdiction.keys().stream()
                    .filter(k -> k.keyId().equals(party.keyId())).map(JurisdictionView.KeyView::publicKey)
                    .findFirst().orElse(null);
            node.put("publicKey", publicKey);
        }
        return array;
    }

    private JsonNode parse(String payload) {
        if (payload == null) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored event payload is not JSON", e);
        }
    }
}
