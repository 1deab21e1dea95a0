package org.basinledger.command.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementTerms;
import org.basinledger.api.agreement.AssessmentPeriod;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.CompensationRuleType;
import org.basinledger.api.agreement.EmergencyTerms;
import org.basinledger.api.agreement.MonitoringSection;
import org.basinledger.api.agreement.Party;
import org.basinledger.api.agreement.PartyRole;
import org.basinledger.api.agreement.PaymentTerms;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.Money;
import org.basinledger.api.incident.WarningLevel;
import org.junit.jupiter.api.Test;

class CanonicalTermsTest {

    private static AgreementDraft smallDraft(String title, BigDecimal target) {
        return new AgreementDraft(title, "B",
                List.of(new Party("CN-A", PartyRole.UPSTREAM), new Party("CN-B", PartyRole.DOWNSTREAM)),
                LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31),
                new AgreementTerms("x",
                        List.of(new MonitoringSection("S1", "s", "w", null, "CN-A", "CN-B")),
                        List.of(),
                        List.of(new CompensationRule(CompensationRuleType.FIXED_CONTRIBUTION, null, AssessmentPeriod.YEAR,
                                        null, null, null, null, null, "CN-A", "CN-B", Money.of("300000000", Money.CNY)),
                                new CompensationRule(CompensationRuleType.EXCEEDANCE_PER_TONNE, "S1", AssessmentPeriod.MONTH,
                                        null, null, null, null,
                                        List.of(new CompensationRule.PollutantRate(Pollutant.CODMN, target,
                                                Money.of("15000", Money.CNY))),
                                        null, null, null))));
    }

    @Test
    void paymentTermsAreSignedWhenSetAndLeaveEveryOtherDocumentAsItWas() {
        AgreementDraft draft = smallDraft("T", new BigDecimal("6"));
        AgreementTerms terms = draft.terms();
        AgreementDraft withPayment = new AgreementDraft(draft.title(), draft.basin(), draft.parties(),
                draft.effectiveFrom(), draft.effectiveUntil(), new AgreementTerms(terms.text(), terms.sections(),
                terms.obligations(), terms.compensation(), new PaymentTerms(30, new BigDecimal("0.0005"))));

        String without = CanonicalTerms.of("A-1", draft).document();
        String with = CanonicalTerms.of("A-1", withPayment).document();

        assertThat(without).doesNotContain("payment");
        assertThat(with).contains("\"payment\":{\"dueDays\":30,\"lateInterestDailyRate\":\"0.0005\"}");
        assertThat(with.replace(",\"payment\":{\"dueDays\":30,\"lateInterestDailyRate\":\"0.0005\"}", ""))
                .isEqualTo(without);
    }

    @Test
    void writesTheDocumentWithSortedKeysDecimalStringsIsoDatesAndNoNulls() {
        CanonicalTerms canonical = CanonicalTerms.of("A-1", smallDraft("T", new BigDecimal("6")));

        assertThat(canonical.document()).isEqualTo("{\"agreementId\":\"A-1\",\"basin\":\"B\","
                + "\"effectiveFrom\":\"2025-01-01\",\"effectiveUntil\":\"2025-12-31\","
                + "\"parties\":[{\"jurisdictionId\":\"CN-A\",\"role\":\"UPSTREAM\"},"
                + "{\"jurisdictionId\":\"CN-B\",\"role\":\"DOWNSTREAM\"}],"
                + "\"terms\":{\"compensation\":["
                + "{\"amount\":{\"amount\":\"300000000.00\",\"currency\":\"CNY\"},\"payee\":\"CN-B\",\"payer\":\"CN-A\","
                + "\"period\":\"YEAR\",\"rule\":\"FIXED_CONTRIBUTION\"},"
                + "{\"period\":\"MONTH\",\"pollutants\":[{\"pollutant\":\"CODMN\","
                + "\"ratePerTonne\":{\"amount\":\"15000.00\",\"currency\":\"CNY\"},\"target\":\"6\"}],"
                + "\"rule\":\"EXCEEDANCE_PER_TONNE\",\"sectionId\":\"S1\"}],"
                + "\"obligations\":[],"
                + "\"sections\":[{\"downstream\":\"CN-B\",\"id\":\"S1\",\"kind\":\"RIVER\",\"name\":\"s\",\"upstream\":\"CN-A\",\"waterBody\":\"w\"}],"
                + "\"text\":\"x\"},\"title\":\"T\"}");
    }

    @Test
    void writesNoticeAndGraceDaysOnlyWhenTheTermsSetThem() {
        AgreementDraft draft = smallDraft("T", new BigDecimal("6"));
        AgreementDraft withEndings = new AgreementDraft(draft.title(), draft.basin(), draft.parties(),
                draft.effectiveFrom(), draft.effectiveUntil(), draft.terms().withEndings(30, 120));

        assertThat(CanonicalTerms.of("A-1", draft).document())
                .doesNotContain("terminationNoticeDays").doesNotContain("reportingGraceDays");
        assertThat(CanonicalTerms.of("A-1", withEndings).document())
                .contains("\"obligations\":[],\"reportingGraceDays\":120,\"sections\":")
                .contains("\"terminationNoticeDays\":30,\"text\":\"x\"");
    }

    @Test
    void signsEmergencyDutiesWhenSetWithTheirDurationsAsWrittenAndLeavesOtherDocumentsAsTheyWere() {
        AgreementDraft draft = smallDraft("T", new BigDecimal("6"));
        Map<WarningLevel, String> within = new LinkedHashMap<>();
        within.put(WarningLevel.RED, "PT1H");
        within.put(WarningLevel.BLUE, "P1D");
        within.put(WarningLevel.YELLOW, "PT12H");
        within.put(WarningLevel.ORANGE, "PT120M");
        AgreementDraft withEmergency = new AgreementDraft(draft.title(), draft.basin(), draft.parties(),
                draft.effectiveFrom(), draft.effectiveUntil(), draft.terms().withEmergency(
                new EmergencyTerms(within, Money.of("500000", Money.CNY))));

        String emergency = ",\"emergency\":{\"acknowledgeWithin\":{\"BLUE\":\"P1D\",\"ORANGE\":\"PT120M\","
                + "\"RED\":\"PT1H\",\"YELLOW\":\"PT12H\"},"
                + "\"penaltyForMissedAcknowledgement\":{\"amount\":\"500000.00\",\"currency\":\"CNY\"}}";
        String without = CanonicalTerms.of("A-1", draft).document();
        String with = CanonicalTerms.of("A-1", withEmergency).document();

        assertThat(without).doesNotContain("emergency");
        assertThat(with).contains(emergency);
        assertThat(with.replace(emergency, "")).isEqualTo(without);
    }

    @Test
    void hashesTheUtf8BytesOfTheDocumentAsLowercaseHex() throws Exception {
        CanonicalTerms canonical = CanonicalTerms.of("A-1", smallDraft("T", new BigDecimal("6")));

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.document().getBytes(StandardCharsets.UTF_8)));
        assertThat(canonical.termsHash()).isEqualTo(expected).matches("[0-9a-f]{64}");
        assertThat(canonical.bytes()).isEqualTo(canonical.document().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void givesEqualDraftsTheSameDocumentAndHash() {
        CanonicalTerms first = CanonicalTerms.of(AgreementSamples.AGREEMENT_ID, AgreementSamples.twoPartyDraft());
        CanonicalTerms second = CanonicalTerms.of(AgreementSamples.AGREEMENT_ID, AgreementSamples.twoPartyDraft());

        assertThat(second).isEqualTo(first);
    }

    @Test
    void givesAnotherAgreementIdAnotherHash() {
        CanonicalTerms first = CanonicalTerms.of("A-1", AgreementSamples.twoPartyDraft());
        CanonicalTerms second = CanonicalTerms.of("A-2", AgreementSamples.twoPartyDraft());

        assertThat(second.termsHash()).isNotEqualTo(first.termsHash());
    }

    @Test
    void writesDecimalsAsPlainStringsWithTheirScale() {
        String document = CanonicalTerms.of(AgreementSamples.AGREEMENT_ID, AgreementSamples.twoPartyDraft()).document();

        assertThat(document)
                .contains("\"stabilityCoefficient\":\"0.85\"")
                .contains("\"baseline\":\"0.025\"")
                .contains("\"amountIfMet\":{\"amount\":\"100000000.00\",\"currency\":\"CNY\"}")
                .doesNotContain("positive");
    }

    @Test
    void neverWritesDecimalsInExponentNotation() {
        String document = CanonicalTerms.of("A-1", smallDraft("T", new BigDecimal("1E+2"))).document();

        assertThat(document).contains("\"target\":\"100\"");
    }

    @Test
    void keepsNonAsciiTitlesAsUtf8() {
        CanonicalTerms canonical = CanonicalTerms.of("A-1", smallDraft("新安江流域生态补偿协议", BigDecimal.ONE));

        assertThat(canonical.document()).contains("\"title\":\"新安江流域生态补偿协议\"").doesNotContain("\\u");
        assertThat(new String(canonical.bytes(), StandardCharsets.UTF_8)).isEqualTo(canonical.document());
    }
}
