package org.basinledger.app.opendata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.agreement.AgreementHistoryPage;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.FindAgreementHistoryQuery;
import org.basinledger.api.compliance.ComplianceHistory;
import org.basinledger.api.compliance.ListMonitoringReportsQuery;
import org.basinledger.api.compliance.MonitoringReportList;
import org.basinledger.api.registry.FindJurisdictionQuery;
import org.basinledger.api.registry.JurisdictionView;
import org.basinledger.app.opendata.PublicLedger.AgreementEntry;
import org.basinledger.app.opendata.PublicLedger.PartyEntry;
import org.basinledger.app.opendata.PublicLedger.PublicAgreement;
import org.basinledger.app.opendata.PublicReleases.Disclosure;
import org.springframework.stereotype.Component;

/**
 * An agreement's public record in the manner of the Open Contracting Data Standard's record package entry:
 * {@code ocid}, the immutable list of {@code releases} (one per public event of the agreement's history, in the
 * ledger's order, each with the event id, time, type, leaf index in the integrity log and its public content per
 * {@link PublicReleases}), and the {@code compiledRelease}: the agreement's current public state.
 */
@Component
public class AgreementRecords {

    private static final int HISTORY_PAGE = 500;

    private final PublicLedger ledger;
    private final QueryGateway queries;
    private final ObjectMapper json;

    public AgreementRecords(PublicLedger ledger, QueryGateway queries, ObjectMapper json) {
        this.ledger = ledger;
        this.queries = queries;
        this.json = json;
    }

    /** The record, or empty when the public may not see the agreement. */
    public Optional<ObjectNode> record(String agreementId) {
        PublicAgreement agreement = ledger.agreement(agreementId);
        if (agreement == null) {
            return Optional.empty();
        }
        String ocid = ledger.ocid(agreementId);
        ArrayNode releases = json.createArrayNode();
        Long after = 0L;
        while (after != null) {
            AgreementHistoryPage page = queries.query(new FindAgreementHistoryQuery(agreementId, after, HISTORY_PAGE),
                    AgreementHistoryPage.class).join();
            for (AgreementHistoryPage.Entry entry : page.items()) {
                release(ocid, entry).ifPresent(releases::add);
            }
            after = page.nextAfter();
        }
        ObjectNode record = json.createObjectNode();
        record.put("ocid", ocid);
        record.set("releases", releases);
        record.set("compiledRelease", compiled(ocid, agreement, releases));
        return Optional.of(record);
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
                case "AgreementEnteredIntoForce", "AgreementTerminated", "AgreementExpired" -> "implementation";
                default -> "contract";
            };
        }
        if (eventType.startsWith("Dispute") || eventType.startsWith("Subject") || eventType.startsWith("Mediator")) {
            return "dispute";
        }
        return "implementation";
    }

    private ObjectNode compiled(String ocid, PublicAgreement agreement, ArrayNode releases) {
        AgreementStatusView view = agreement.view();
        AgreementEntry entry = ledger.entry(agreement);
        ObjectNode compiled = json.createObjectNode();
        compiled.put("ocid", ocid);
        JsonNode last = releases.isEmpty() ? null : releases.get(releases.size() - 1);
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
            compiled.set("monitoringReports", json.valueToTree(queries.query(
                    new ListMonitoringReportsQuery(view.id(), null, null), MonitoringReportList.class).join().items()));
            ComplianceHistory history = ledger.compliance(view.id());
            compiled.set("assessments", json.valueToTree(history == null ? List.of() : history.assessments()));
            compiled.set("transfers", json.valueToTree(history == null ? List.of() : history.transfers()));
            compiled.set("complianceSummary", history == null ? json.nullNode() : json.valueToTree(history.summary()));
        } else {
            compiled.set("monitoringReports", json.createArrayNode());
            compiled.set("assessments", json.createArrayNode());
            compiled.set("transfers", json.createArrayNode());
            compiled.putNull("complianceSummary");
        }
        List<PublicLedger.RulingEntry> rulings = new ArrayList<>();
        ledger.rulings(view.id(), rulings::add);
        compiled.set("rulings", json.valueToTree(rulings));
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
