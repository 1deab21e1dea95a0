package org.basinledger.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.basinledger.app.support.Http;
import org.basinledger.app.support.LedgerDriver;
import org.basinledger.app.support.LedgerDriver.Government;
import org.basinledger.app.support.Scenarios;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Disputes and mediation over HTTP (issue 4): from claim to a ruling that takes effect, the mediator's case
 * file, who may do and see what, and every refusal leaving nothing changed. Run on H2 and PostgreSQL.
 */
abstract class DisputeContract {

    static final int YEAR = Scenarios.LAST_YEAR;

    @LocalServerPort
    int port;

    Http http;
    LedgerDriver ledger;

    Government anhui;
    Government zhejiang;
    Government ministry;
    String mediatorId;
    String mediatorToken;
    String agreementId;
    String reportId;
    JsonNode assessment;

    @BeforeEach
    void aYearNotMetAndAssessed() {
        http = new Http(port);
        ledger = new LedgerDriver(http);
        anhui = ledger.register("CN-AH-HS");
        zhejiang = ledger.register("CN-ZJ-HZ");
        ministry = ledger.register("CN-MOF");
        agreementId = Scenarios.signedInForce(ledger, Scenarios.xinan(anhui, zhejiang, ministry), anhui, zhejiang, ministry);
        // a contested June report: 20% over every baseline, so the year misses the standard (P = 1.0200)
        Http.Answer report = http.post("/api/v1/agreements/" + agreementId + "/monitoring-reports",
                Scenarios.monthlyReport("JIEKOU", YEAR, 6, Map.of("CODMN", "2.16", "NH3N", "0.144", "TP", "0.030",
                        "TN", "1.44"), null)).token(zhejiang.token()).send();
        assertThat(report.status()).as(report.toString()).isEqualTo(201);
        reportId = report.json().path("id").asText();
        Http.Answer assessed = http.post("/api/v1/agreements/" + agreementId + "/assessments",
                Map.of("sectionId", "JIEKOU", "period", String.valueOf(YEAR))).token(zhejiang.token()).send();
        assertThat(assessed.status()).as(assessed.toString()).isEqualTo(201);
        assessment = assessed.json();
        assertThat(assessment.path("result").path("payer").asText()).isEqualTo(anhui.id());

        mediatorId = LedgerDriver.uniqueId("TAIHU-BA");
        Http.Answer mediator = http.post("/api/v1/mediators", Map.of("id", mediatorId, "name", "Taihu Basin Authority"))
                .token(LedgerDriver.REGISTRAR_TOKEN).send();
        assertThat(mediator.status()).as(mediator.toString()).isEqualTo(201);
        mediatorToken = ledger.tokenFor("MEDIATOR", mediatorId);
    }

    @Test
    void theUpstreamCityDisputesTheAssessmentTheMediatorAdjustsItAndTheTransferSettlesAtTheNewAmount() {
        String transferId = assessment.path("transferId").asText();
        Http.Answer raised = raise(anhui, Map.of("type", "ASSESSMENT", "id", assessment.path("id").asText()),
                List.of(zhejiang.id()), "The June report of the Jiekou section was taken during the flood release; "
                        + "it is not representative of the year.");
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        String disputeId = raised.json().path("dispute").path("id").asText();
        assertThat(raised.json().path("dispute").path("status").asText()).isEqualTo("OPEN");

        assertThat(transfer(transferId).path("status").asText()).isEqualTo("DISPUTED");
        Http.Answer acknowledge = http.post("/api/v1/transfers/" + transferId + "/acknowledgement", null)
                .token(anhui.token()).send();
        assertThat(acknowledge.status()).as(acknowledge.toString()).isEqualTo(409);
        assertThat(ledger.status(agreementId, null).path("openDisputes").asInt()).isEqualTo(1);

        assertThat(post("/api/v1/disputes/" + disputeId + "/mediator", Map.of("mediatorId", mediatorId),
                LedgerDriver.REGISTRAR_TOKEN).json().path("status").asText()).isEqualTo("UNDER_MEDIATION");
        assertThat(post("/api/v1/disputes/" + disputeId + "/statements", Map.of("text", "Flood release log attached.",
                "evidence", List.of(Scenarios.evidence("flood release log"))), anhui.token()).status()).isEqualTo(201);
        assertThat(post("/api/v1/disputes/" + disputeId + "/statements", Map.of("text",
                "The sampling followed the joint plan.", "evidence", List.of()), zhejiang.token()).status()).isEqualTo(201);
        Http.Answer question = post("/api/v1/disputes/" + disputeId + "/statements", Map.of("text",
                "Both parties: the hydrological record of June, please.", "evidence", List.of()), mediatorToken);
        assertThat(question.status()).as(question.toString()).isEqualTo(201);
        assertThat(question.json().path("authorRole").asText()).isEqualTo("MEDIATOR");

        JsonNode caseFile = http.get("/api/v1/disputes/" + disputeId).token(mediatorToken).send().json();
        assertThat(caseFile.path("statements")).extracting(s -> s.path("number").asInt()).containsExactly(1, 2, 3);
        assertThat(caseFile.path("statements")).extracting(s -> s.path("authorId").asText())
                .containsExactly(anhui.id(), zhejiang.id(), mediatorId);
        assertThat(caseFile.path("relatedHistory")).extracting(e -> e.path("type").asText())
                .contains("AgreementDrafted", "MonitoringReportSubmitted", "AssessmentRecorded", "TransferCreated",
                        "DisputeRaised", "TransferDisputed", "MediatorAssigned", "StatementAdded");
        assertThat(caseFile.path("relatedHistory")).allSatisfy(e -> {
            assertThat(e.path("occurredAt").isTextual()).isTrue();
            assertThat(e.path("actor").isTextual()).isTrue();
        });
        assertThat(caseFile.path("relatedHistory")).extracting(e -> e.path("sequence").asLong()).isSorted();

        Http.Answer ruled = post("/api/v1/disputes/" + disputeId + "/ruling", Map.of("outcome", "ADJUSTED",
                "reasoning", "The June samples stand but weigh less: the amount is reduced to 40 million.",
                "adjustedAmount", Scenarios.cny("40000000.00")), mediatorToken);
        assertThat(ruled.status()).as(ruled.toString()).isEqualTo(200);
        assertThat(ruled.json().path("status").asText()).isEqualTo("RULED");

        JsonNode adjusted = transfer(transferId);
        assertThat(adjusted.path("status").asText()).isEqualTo("DUE");
        assertThat(adjusted.path("amount").path("amount").asText()).isEqualTo("40000000.00");
        assertThat(post("/api/v1/transfers/" + transferId + "/acknowledgement", null, anhui.token()).status()).isEqualTo(200);
        assertThat(post("/api/v1/transfers/" + transferId + "/payment", Map.of("reference", "AH-2026-0007",
                "paidAt", "2026-03-01T00:00:00Z"), anhui.token()).status()).isEqualTo(200);
        JsonNode settled = post("/api/v1/transfers/" + transferId + "/receipt", null, zhejiang.token()).json();
        assertThat(settled.path("status").asText()).isEqualTo("SETTLED");
        assertThat(settled.path("amount").path("amount").asText()).isEqualTo("40000000.00");

        JsonNode compliance = http.get("/api/v1/agreements/" + agreementId + "/compliance").send().json();
        assertThat(compliance.path("rulings")).hasSize(1);
        assertThat(compliance.path("rulings").path(0).path("outcome").asText()).isEqualTo("ADJUSTED");
        assertThat(ledger.status(agreementId, null).path("openDisputes").asInt()).isZero();

        JsonNode publicView = http.get("/api/v1/disputes/" + disputeId).send().json();
        assertThat(publicView.path("dispute").path("ruling").path("reasoning").asText()).contains("40 million");
        assertThat(publicView.path("statements")).isEmpty();
        assertThat(publicView.path("relatedHistory")).isEmpty();
        JsonNode history = http.get("/api/v1/agreements/" + agreementId + "/history?limit=500").token(zhejiang.token())
                .send().json();
        assertThat(history.path("items")).extracting(e -> e.path("type").asText())
                .contains("DisputeRaised", "DisputeRuled", "TransferAdjusted", "TransferSettled");
    }

    @Test
    void aPaidTransferAdjustedDownIsRefundedTheDifferenceAndAdjustedUpIsToppedUpNobodyPaysTwice() {
        String transferId = assessment.path("transferId").asText();
        pay(transferId, anhui, "AH-2026-0100");

        // lowered after payment: what was paid stands, 40 million go back from Zhejiang to Anhui
        String lowering = rule(raise(anhui, Map.of("type", "TRANSFER", "id", transferId), List.of(zhejiang.id()),
                "Too much."), Map.of("outcome", "ADJUSTED", "reasoning", "60 million is what the index owes.",
                "adjustedAmount", Scenarios.cny("60000000.00")));
        JsonNode paid = transfer(transferId);
        assertThat(paid.path("status").asText()).isEqualTo("PAID");
        assertThat(paid.path("amount").path("amount").asText()).isEqualTo("100000000.00");
        assertThat(paid.path("ruledAmount").path("amount").asText()).isEqualTo("60000000.00");
        JsonNode refund = transfer(correctionId(lowering, transferId));
        assertThat(refund.path("source").asText()).isEqualTo("REFUND");
        assertThat(refund.path("correctsTransferId").asText()).isEqualTo(transferId);
        assertThat(refund.path("sourceId").asText()).isEqualTo(lowering);
        assertThat(refund.path("payer").asText()).isEqualTo(zhejiang.id());
        assertThat(refund.path("payee").asText()).isEqualTo(anhui.id());
        assertThat(refund.path("amount").path("amount").asText()).isEqualTo("40000000.00");
        assertThat(refund.path("status").asText()).isEqualTo("DUE");
        // paying the original again is refused: it is paid
        assertThat(post("/api/v1/transfers/" + transferId + "/payment", Map.of("reference", "AH-2026-0101",
                "paidAt", java.time.Instant.now().minusSeconds(60).toString()), anhui.token()).status()).isEqualTo(409);
        assertThat(post("/api/v1/transfers/" + transferId + "/receipt", null, zhejiang.token()).json()
                .path("status").asText()).isEqualTo("SETTLED");

        // raised after settlement: the difference from the 60 million that stood is topped up
        String raising = rule(raise(zhejiang, Map.of("type", "TRANSFER", "id", transferId), List.of(anhui.id()),
                "Too little."), Map.of("outcome", "ADJUSTED", "reasoning", "75 million after all.",
                "adjustedAmount", Scenarios.cny("75000000.00")));
        JsonNode settled = transfer(transferId);
        assertThat(settled.path("status").asText()).isEqualTo("SETTLED");
        assertThat(settled.path("amount").path("amount").asText()).isEqualTo("100000000.00");
        assertThat(settled.path("ruledAmount").path("amount").asText()).isEqualTo("75000000.00");
        JsonNode topUp = transfer(correctionId(raising, transferId));
        assertThat(topUp.path("source").asText()).isEqualTo("TOP_UP");
        assertThat(topUp.path("correctsTransferId").asText()).isEqualTo(transferId);
        assertThat(topUp.path("payer").asText()).isEqualTo(anhui.id());
        assertThat(topUp.path("payee").asText()).isEqualTo(zhejiang.id());
        assertThat(topUp.path("amount").path("amount").asText()).isEqualTo("15000000.00");

        // Anhui's position: 100 settled to Zhejiang, 40 due back, 15 due on top: 75 net, as ruled
        JsonNode balance = http.get("/api/v1/jurisdictions/" + anhui.id() + "/balance").send().json()
                .path("counterparties");
        JsonNode withZhejiang = null;
        for (JsonNode counterparty : balance) {
            if (counterparty.path("counterparty").asText().equals(zhejiang.id())) {
                withZhejiang = counterparty;
            }
        }
        assertThat(withZhejiang).as(balance.toString()).isNotNull();
        assertThat(withZhejiang.path("due").path("amount").asText()).isEqualTo("25000000.00");
        assertThat(withZhejiang.path("settled").path("amount").asText()).isEqualTo("-100000000.00");
        assertThat(withZhejiang.path("transfers").asInt()).isEqualTo(3);

        JsonNode listed = http.get("/api/v1/transfers?agreementId=" + agreementId).token(LedgerDriver.REGISTRAR_TOKEN)
                .send().json().path("items");
        // (the ministry's fixed contributions to Anhui are the agreement's other transfers)
        assertThat(listed).extracting(t -> t.path("source").asText()).filteredOn(source -> !source.equals(
                "FIXED_CONTRIBUTION")).containsExactlyInAnyOrder("ASSESSMENT", "REFUND", "TOP_UP");
        JsonNode compliance = http.get("/api/v1/agreements/" + agreementId + "/compliance").send().json();
        assertThat(compliance.path("transfers"))
                .filteredOn(t -> t.path("correctsTransferId").isTextual())
                .extracting(t -> t.path("correctsTransferId").asText()).containsExactly(transferId, transferId);
        JsonNode history = http.get("/api/v1/agreements/" + agreementId + "/history?limit=500").token(zhejiang.token())
                .send().json();
        assertThat(history.path("items")).extracting(e -> e.path("type").asText())
                .contains("TransferCorrected").doesNotContain("TransferAdjusted");
    }

    @Test
    void anUpheldClaimToCancelAPaidTransferRefundsAllOfIt() {
        String transferId = assessment.path("transferId").asText();
        pay(transferId, anhui, "AH-2026-0200");
        Http.Answer raised = http.post("/api/v1/disputes", Map.of("agreementId", agreementId,
                "subject", Map.of("type", "TRANSFER", "id", transferId), "respondents", List.of(zhejiang.id()),
                "claim", "The June report was void: nothing is owed.", "remedy", Map.of("type", "CANCEL")))
                .token(anhui.token()).send();
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        assertThat(raised.json().path("dispute").path("remedy").path("type").asText()).isEqualTo("CANCEL");

        String disputeId = rule(raised, Map.of("outcome", "UPHELD", "reasoning", "Nothing is owed."));

        JsonNode original = transfer(transferId);
        assertThat(original.path("status").asText()).isEqualTo("PAID");
        assertThat(original.path("ruledAmount").path("amount").asText()).isEqualTo("0.00");
        JsonNode refund = transfer(correctionId(disputeId, transferId));
        assertThat(refund.path("source").asText()).isEqualTo("REFUND");
        assertThat(refund.path("payer").asText()).isEqualTo(zhejiang.id());
        assertThat(refund.path("amount").path("amount").asText()).isEqualTo("100000000.00");
        JsonNode ruling = http.get("/api/v1/disputes/" + disputeId).send().json().path("dispute").path("ruling");
        assertThat(ruling.path("remedy").path("type").asText()).isEqualTo("CANCEL");
    }

    @Test
    void anUpheldClaimToAdjustAnUnpaidTransferSetsItsAmountAndBadRemediesAreRefused() {
        String transferId = assessment.path("transferId").asText();
        Map<String, Object> subject = Map.of("type", "TRANSFER", "id", transferId);
        for (Map<String, Object> bad : List.of(Map.<String, Object>of("type", "ANNUL"),
                Map.<String, Object>of("type", "ADJUST"),
                Map.<String, Object>of("type", "ADJUST", "amount", Map.of("amount", "5.00", "currency", "USD")),
                Map.<String, Object>of("type", "CANCEL", "amount", Scenarios.cny("5.00")),
                Map.<String, Object>of("type", "NO-SUCH-REMEDY"))) {
            Http.Answer refused = http.post("/api/v1/disputes", Map.of("agreementId", agreementId, "subject", subject,
                    "respondents", List.of(zhejiang.id()), "claim", "c", "remedy", bad)).token(anhui.token()).send();
            assertThat(refused.status()).as(bad + " " + refused).isEqualTo(400);
        }
        assertThat(transfer(transferId).path("status").asText()).isEqualTo("DUE");

        Http.Answer raised = http.post("/api/v1/disputes", Map.of("agreementId", agreementId, "subject", subject,
                "respondents", List.of(zhejiang.id()), "claim", "Half of it.", "remedy",
                Map.of("type", "ADJUST", "amount", Scenarios.cny("50000000.00")))).token(anhui.token()).send();
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        rule(raised, Map.of("outcome", "UPHELD", "reasoning", "Half of it, as claimed."));

        JsonNode adjusted = transfer(transferId);
        assertThat(adjusted.path("status").asText()).isEqualTo("DUE");
        assertThat(adjusted.path("amount").path("amount").asText()).isEqualTo("50000000.00");
        assertThat(http.get("/api/v1/transfers?agreementId=" + agreementId).token(LedgerDriver.REGISTRAR_TOKEN).send()
                .json().path("items")).extracting(t -> t.path("source").asText())
                .doesNotContain("REFUND", "TOP_UP").contains("ASSESSMENT");
    }

    @Test
    void noAssessmentWhileAReportOfItsPeriodIsDisputedAndOneAfterItsRelease() {
        int earlier = YEAR - 1;
        Http.Answer report = http.post("/api/v1/agreements/" + agreementId + "/monitoring-reports",
                Scenarios.monthlyReport("JIEKOU", earlier, 3, Map.of("CODMN", "1.80", "NH3N", "0.12", "TP", "0.025",
                        "TN", "1.20"), null)).token(zhejiang.token()).send();
        assertThat(report.status()).as(report.toString()).isEqualTo(201);
        String earlierReport = report.json().path("id").asText();
        Http.Answer raised = raise(anhui, Map.of("type", "MONITORING_REPORT", "id", earlierReport),
                List.of(zhejiang.id()), "Sampled at the wrong place.");
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        String disputeId = raised.json().path("dispute").path("id").asText();

        Map<String, String> assess = Map.of("sectionId", "JIEKOU", "period", String.valueOf(earlier));
        Http.Answer refused = http.post("/api/v1/agreements/" + agreementId + "/assessments", assess)
                .token(zhejiang.token()).send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().path("type").asText()).isEqualTo("urn:basin-ledger:problem:invalid-state");
        assertThat(refused.json().path("disputeId").asText()).isEqualTo(disputeId);
        assertThat(refused.json().path("detail").asText()).contains(disputeId, earlierReport);

        rule(raised, Map.of("outcome", "DISMISSED", "reasoning", "The samples stand."));
        Http.Answer accepted = http.post("/api/v1/agreements/" + agreementId + "/assessments", assess)
                .token(zhejiang.token()).send();
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(accepted.json().path("inputs").path("reportIds")).extracting(JsonNode::asText)
                .containsExactly(earlierReport);
    }

    @Test
    void anAssessmentAnnulledByTheRulingIsMadeAgainFromItsReportReadBackFromTheEventStore() {
        // the year is assessed, so the agreement keeps no summary of its June report, only its place in the stream
        Http.Answer raised = http.post("/api/v1/disputes", Map.of("agreementId", agreementId,
                "subject", Map.of("type", "ASSESSMENT", "id", assessment.path("id").asText()),
                "respondents", List.of(zhejiang.id()), "claim", "The index was computed on the wrong baselines.",
                "remedy", Map.of("type", "ANNUL"))).token(anhui.token()).send();
        rule(raised, Map.of("outcome", "UPHELD", "reasoning", "Assess the year again."));

        Http.Answer again = http.post("/api/v1/agreements/" + agreementId + "/assessments",
                Map.of("sectionId", "JIEKOU", "period", String.valueOf(YEAR))).token(zhejiang.token()).send();
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.json().path("id").asText()).isNotEqualTo(assessment.path("id").asText());
        assertThat(again.json().path("inputs")).isEqualTo(assessment.path("inputs"));
        assertThat(again.json().path("inputs").path("reports").path(0).path("reportId").asText()).isEqualTo(reportId);
        assertThat(again.json().path("result").path("index").asText()).isEqualTo("1.0200");
    }

    @Test
    void aDisputedReportIsLeftOutOfAssessmentsAndAReportRejectedByTheRulingStaysOnRecord() {
        Http.Answer raised = raise(anhui, Map.of("type", "MONITORING_REPORT", "id", reportId), List.of(zhejiang.id()),
                "Sampled downstream of the outfall, not at the section.");
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        String disputeId = raised.json().path("dispute").path("id").asText();
        assertThat(http.get("/api/v1/monitoring-reports/" + reportId).token(anhui.token()).send().json()
                .path("status").asText()).isEqualTo("DISPUTED");
        post("/api/v1/disputes/" + disputeId + "/mediator", Map.of("mediatorId", mediatorId), LedgerDriver.REGISTRAR_TOKEN);
        Http.Answer ruled = post("/api/v1/disputes/" + disputeId + "/ruling", Map.of("outcome", "UPHELD",
                "reasoning", "The samples were not taken at the section."), mediatorToken);
        assertThat(ruled.status()).as(ruled.toString()).isEqualTo(200);
        JsonNode report = http.get("/api/v1/monitoring-reports/" + reportId).token(anhui.token()).send().json();
        assertThat(report.path("status").asText()).isEqualTo("REJECTED");
        assertThat(report.path("samples")).isNotEmpty();
    }

    @Test
    void theClaimantWithdrawsAndTheTransferIsReleased() {
        String transferId = assessment.path("transferId").asText();
        String disputeId = raise(anhui, Map.of("type", "TRANSFER", "id", transferId), List.of(zhejiang.id()),
                "Wrong amount.").json().path("dispute").path("id").asText();
        assertThat(transfer(transferId).path("status").asText()).isEqualTo("DISPUTED");
        assertThat(post("/api/v1/disputes/" + disputeId + "/withdrawal", null, zhejiang.token()).status()).isEqualTo(403);
        Http.Answer withdrawn = post("/api/v1/disputes/" + disputeId + "/withdrawal", null, anhui.token());
        assertThat(withdrawn.json().path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(transfer(transferId).path("status").asText()).isEqualTo("DUE");

        post("/api/v1/disputes/" + disputeId + "/mediator", Map.of("mediatorId", mediatorId), LedgerDriver.REGISTRAR_TOKEN);
        Http.Answer ruleWithdrawn = post("/api/v1/disputes/" + disputeId + "/ruling", Map.of("outcome", "DISMISSED",
                "reasoning", "late"), mediatorToken);
        assertThat(ruleWithdrawn.status()).as(ruleWithdrawn.toString()).isEqualTo(409);
    }

    @Test
    void badDisputesAreRefusedAndChangeNothing() {
        Government outsider = ledger.register("CN-JS-WX");
        String transferId = assessment.path("transferId").asText();
        Map<String, Object> transferSubject = Map.of("type", "TRANSFER", "id", transferId);

        assertThat(raise(outsider, transferSubject, List.of(anhui.id()), "not mine").status()).isEqualTo(403);
        Http.Answer againstOutsider = raise(anhui, transferSubject, List.of(outsider.id()), "x");
        assertThat(againstOutsider.status()).as(againstOutsider.toString()).isEqualTo(400);

        Government other = ledger.register("CN-SH-QP");
        String otherAgreement = Scenarios.signedInForce(ledger, LedgerDriver.draftBody(
                java.time.LocalDate.of(YEAR - 1, 1, 1), java.time.LocalDate.of(YEAR + 3, 12, 31), anhui, other), anhui, other);
        Http.Answer foreignSubject = http.post("/api/v1/disputes", Map.of("agreementId", otherAgreement,
                "subject", transferSubject, "respondents", List.of(other.id()), "claim", "x")).token(anhui.token()).send();
        assertThat(foreignSubject.status()).as(foreignSubject.toString()).isEqualTo(400);
        assertThat(transfer(transferId).path("status").asText()).isEqualTo("DUE");

        Http.Answer first = raise(anhui, transferSubject, List.of(zhejiang.id()), "Wrong amount.");
        assertThat(first.status()).isEqualTo(201);
        Http.Answer second = raise(zhejiang, transferSubject, List.of(anhui.id()), "Also wrong.");
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(http.get("/api/v1/disputes?agreementId=" + agreementId).token(LedgerDriver.REGISTRAR_TOKEN).send()
                .json().path("items")).hasSize(1);

        String disputeId = first.json().path("dispute").path("id").asText();
        String otherMediator = LedgerDriver.uniqueId("YRCC");
        http.post("/api/v1/mediators", Map.of("id", otherMediator, "name", "Yangtze River Commission"))
                .token(LedgerDriver.REGISTRAR_TOKEN).send();
        String otherMediatorToken = ledger.tokenFor("MEDIATOR", otherMediator);
        post("/api/v1/disputes/" + disputeId + "/mediator", Map.of("mediatorId", mediatorId), LedgerDriver.REGISTRAR_TOKEN);
        Map<String, Object> dismiss = Map.of("outcome", "DISMISSED", "reasoning", "no");
        assertThat(post("/api/v1/disputes/" + disputeId + "/ruling", dismiss, otherMediatorToken).status()).isEqualTo(403);
        assertThat(post("/api/v1/disputes/" + disputeId + "/ruling", Map.of("outcome", "ADJUSTED", "reasoning", "r"),
                mediatorToken).status()).isEqualTo(400);
        assertThat(post("/api/v1/disputes/" + disputeId + "/ruling", Map.of("outcome", "ADJUSTED", "reasoning", "r",
                "adjustedAmount", Scenarios.cny("-5.00")), mediatorToken).status()).isEqualTo(400);
        assertThat(post("/api/v1/disputes/" + disputeId + "/ruling", Map.of("outcome", "SOMETHING", "reasoning", "r"),
                mediatorToken).status()).isEqualTo(400);
        JsonNode still = http.get("/api/v1/disputes/" + disputeId).token(LedgerDriver.REGISTRAR_TOKEN).send().json();
        assertThat(still.path("dispute").path("status").asText()).isEqualTo("UNDER_MEDIATION");
        assertThat(transfer(transferId).path("status").asText()).isEqualTo("DISPUTED");
    }

    @Test
    void everyRoleOnEveryDisputeEndpoint() {
        Government bystander = ledger.register("CN-JS-SZ");
        String otherMediator = LedgerDriver.uniqueId("YRCC");
        http.post("/api/v1/mediators", Map.of("id", otherMediator, "name", "Yangtze River Commission"))
                .token(LedgerDriver.REGISTRAR_TOKEN).send();
        String otherMediatorToken = ledger.tokenFor("MEDIATOR", otherMediator);
        Map<String, Object> subject = Map.of("type", "AGREEMENT", "id", agreementId);

        // raise: a party only
        assertThat(http.post("/api/v1/disputes", Map.of("agreementId", agreementId, "subject", subject,
                "respondents", List.of(zhejiang.id()), "claim", "c")).send().status()).isEqualTo(401);
        assertThat(raise(bystander, subject, List.of(zhejiang.id()), "c").status()).isEqualTo(403);
        assertThat(http.post("/api/v1/disputes", Map.of("agreementId", agreementId, "subject", subject,
                "respondents", List.of(zhejiang.id()), "claim", "c")).token(mediatorToken).send().status()).isEqualTo(403);
        assertThat(http.post("/api/v1/disputes", Map.of("agreementId", agreementId, "subject", subject,
                "respondents", List.of(zhejiang.id()), "claim", "c")).token(LedgerDriver.REGISTRAR_TOKEN).send().status())
                .isEqualTo(403);
        String id = raise(ministry, subject, List.of(zhejiang.id()), "The funder's terms are not met.")
                .json().path("dispute").path("id").asText();
        String path = "/api/v1/disputes/" + id;

        // assign: the registrar only
        Map<String, Object> assign = Map.of("mediatorId", mediatorId);
        assertThat(http.post(path + "/mediator", assign).send().status()).isEqualTo(401);
        assertThat(post(path + "/mediator", assign, ministry.token()).status()).isEqualTo(403);
        assertThat(post(path + "/mediator", assign, mediatorToken).status()).isEqualTo(403);
        assertThat(post(path + "/mediator", Map.of("mediatorId", "NO-SUCH-MEDIATOR"), LedgerDriver.REGISTRAR_TOKEN)
                .status()).isEqualTo(400);
        assertThat(post(path + "/mediator", assign, LedgerDriver.REGISTRAR_TOKEN).status()).isEqualTo(200);

        // statements: claimant, respondents, the assigned mediator
        Map<String, Object> statement = Map.of("text", "t", "evidence", List.of());
        assertThat(http.post(path + "/statements", statement).send().status()).isEqualTo(401);
        assertThat(post(path + "/statements", statement, bystander.token()).status()).isEqualTo(403);
        assertThat(post(path + "/statements", statement, anhui.token()).status()).isEqualTo(403);
        assertThat(post(path + "/statements", statement, otherMediatorToken).status()).isEqualTo(403);
        assertThat(post(path + "/statements", statement, LedgerDriver.REGISTRAR_TOKEN).status()).isEqualTo(403);
        assertThat(post(path + "/statements", statement, ministry.token()).status()).isEqualTo(201);
        assertThat(post(path + "/statements", statement, zhejiang.token()).status()).isEqualTo(201);
        assertThat(post(path + "/statements", statement, mediatorToken).status()).isEqualTo(201);

        // the case file: its parties, its mediator, the registrar; others see nothing before the ruling
        assertThat(http.get(path).send().status()).isEqualTo(404);
        assertThat(http.get(path).token(bystander.token()).send().status()).isEqualTo(404);
        assertThat(http.get(path).token(anhui.token()).send().status()).isEqualTo(404);
        assertThat(http.get(path).token(otherMediatorToken).send().status()).isEqualTo(403);
        for (String reader : List.of(ministry.token(), zhejiang.token(), mediatorToken, LedgerDriver.REGISTRAR_TOKEN)) {
            assertThat(http.get(path).token(reader).send().json().path("statements")).hasSize(3);
        }
        assertThat(idsIn(http.get("/api/v1/disputes?agreementId=" + agreementId).send())).isEmpty();
        assertThat(idsIn(http.get("/api/v1/disputes?agreementId=" + agreementId).token(otherMediatorToken).send())).isEmpty();
        assertThat(idsIn(http.get("/api/v1/disputes?agreementId=" + agreementId).token(mediatorToken).send())).containsExactly(id);
        assertThat(idsIn(http.get("/api/v1/disputes?agreementId=" + agreementId).token(zhejiang.token()).send())).containsExactly(id);

        // ruling: the assigned mediator only; withdrawal: the claimant only
        Map<String, Object> ruling = Map.of("outcome", "DISMISSED", "reasoning", "The terms are met.");
        assertThat(http.post(path + "/ruling", ruling).send().status()).isEqualTo(401);
        assertThat(post(path + "/ruling", ruling, ministry.token()).status()).isEqualTo(403);
        assertThat(post(path + "/ruling", ruling, LedgerDriver.REGISTRAR_TOKEN).status()).isEqualTo(403);
        assertThat(post(path + "/ruling", ruling, otherMediatorToken).status()).isEqualTo(403);
        assertThat(http.post(path + "/withdrawal", null).send().status()).isEqualTo(401);
        assertThat(post(path + "/withdrawal", null, zhejiang.token()).status()).isEqualTo(403);
        assertThat(post(path + "/withdrawal", null, mediatorToken).status()).isEqualTo(403);
        assertThat(post(path + "/ruling", ruling, mediatorToken).status()).isEqualTo(200);

        // once ruled, the public sees the ruling and its reasoning, not the statements
        JsonNode ruled = http.get(path).send().json();
        assertThat(ruled.path("dispute").path("ruling").path("outcome").asText()).isEqualTo("DISMISSED");
        assertThat(ruled.path("statements")).isEmpty();
        assertThat(idsIn(http.get("/api/v1/disputes?agreementId=" + agreementId).send())).containsExactly(id);
        assertThat(post(path + "/withdrawal", null, ministry.token()).status()).isEqualTo(409);
    }

    @Test
    void historyPagesSkipNothingAndRepeatNothingWhileEventsKeepComing() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            int month = 1;
            while (writing.get() && month <= 7) {
                if (month != 6) {
                    http.post("/api/v1/agreements/" + agreementId + "/monitoring-reports",
                            Scenarios.monthlyReport("JIEKOU", YEAR, month, Map.of("CODMN", "1.8", "NH3N", "0.12",
                                    "TP", "0.025", "TN", "1.2"), null)).token(anhui.token()).send();
                }
                month++;
            }
        });
        writer.start();
        List<Long> seen = new java.util.ArrayList<>();
        long after = 0;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while ((writer.isAlive() || after < lastSequence()) && System.nanoTime() < deadline) {
            JsonNode page = http.get("/api/v1/agreements/" + agreementId + "/history?limit=3&after=" + after)
                    .token(zhejiang.token()).send().json();
            for (JsonNode entry : page.path("items")) {
                seen.add(entry.path("sequence").asLong());
                after = entry.path("sequence").asLong();
            }
        }
        writing.set(false);
        writer.join();
        assertThat(seen).isNotEmpty().doesNotHaveDuplicates();
        assertThat(seen).isEqualTo(java.util.stream.LongStream.rangeClosed(1, seen.size()).boxed().toList());
        assertThat(seen.get(seen.size() - 1)).isEqualTo(lastSequence());
    }

    private long lastSequence() {
        JsonNode all = http.get("/api/v1/agreements/" + agreementId + "/history?limit=500").token(zhejiang.token())
                .send().json().path("items");
        return all.get(all.size() - 1).path("sequence").asLong();
    }

    private Http.Answer raise(Government claimant, Map<String, Object> subject, List<String> respondents, String claim) {
        return http.post("/api/v1/disputes", Map.of("agreementId", agreementId, "subject", subject,
                "respondents", respondents, "claim", claim)).token(claimant.token()).send();
    }

    /** The payer acknowledges and pays the transfer. */
    private void pay(String transferId, Government payer, String reference) {
        assertThat(post("/api/v1/transfers/" + transferId + "/acknowledgement", null, payer.token()).status())
                .isEqualTo(200);
        Http.Answer paid = post("/api/v1/transfers/" + transferId + "/payment", Map.of("reference", reference,
                "paidAt", java.time.Instant.now().minusSeconds(60).toString()), payer.token());
        assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
        assertThat(paid.json().path("status").asText()).isEqualTo("PAID");
    }

    /** Assigns the mediator to the raised dispute and has it rule; answers the dispute id. */
    private String rule(Http.Answer raised, Map<String, Object> ruling) {
        assertThat(raised.status()).as(raised.toString()).isEqualTo(201);
        String disputeId = raised.json().path("dispute").path("id").asText();
        assertThat(post("/api/v1/disputes/" + disputeId + "/mediator", Map.of("mediatorId", mediatorId),
                LedgerDriver.REGISTRAR_TOKEN).status()).isEqualTo(200);
        Http.Answer ruled = post("/api/v1/disputes/" + disputeId + "/ruling", ruling, mediatorToken);
        assertThat(ruled.status()).as(ruled.toString()).isEqualTo(200);
        return disputeId;
    }

    /** The refund or top-up of a ruling: its id derives from the dispute and the transfer, never random. */
    private static String correctionId(String disputeId, String transferId) {
        return java.util.UUID.nameUUIDFromBytes(("ruling-correction:" + disputeId + ":" + transferId)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    private Http.Answer post(String path, Object body, String token) {
        return http.post(path, body).token(token).send();
    }

    private JsonNode transfer(String id) {
        return http.get("/api/v1/transfers/" + id).token(LedgerDriver.REGISTRAR_TOKEN).send().json();
    }

    private static List<String> idsIn(Http.Answer page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        page.json().path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }
}
