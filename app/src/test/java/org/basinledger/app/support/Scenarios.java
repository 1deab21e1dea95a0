package org.basinledger.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.basinledger.app.support.LedgerDriver.Government;

/** Agreements and reports shaped like the real ones of DOMAIN.md, for end-to-end tests. */
public final class Scenarios {

    /** The last full calendar year: assessable now. */
    public static final int LAST_YEAR = LocalDate.now().getYear() - 1;

    private Scenarios() {
    }

    /**
     * The Xin'an River model: Anhui upstream, Zhejiang downstream, a central funder; a water-quality-index rule
     * at the Jiekou section (k = 0.85, four indicators of weight 0.25, 100 million either way) and the funder's
     * fixed 300 million a year to Anhui. In force from January of the year before last.
     */
    public static Map<String, Object> xinan(Government anhui, Government zhejiang, Government ministry) {
        Map<String, Object> body = LedgerDriver.draftBody(LocalDate.of(LAST_YEAR - 1, 1, 1),
                LocalDate.of(LAST_YEAR + 3, 12, 31), anhui, zhejiang, ministry);
        terms(body).put("compensation", List.of(
                Map.of("rule", "WATER_QUALITY_INDEX", "sectionId", "JIEKOU", "period", "YEAR",
                        "stabilityCoefficient", "0.85",
                        "indicators", List.of(
                                Map.of("pollutant", "CODMN", "baseline", "1.80", "weight", "0.25"),
                                Map.of("pollutant", "NH3N", "baseline", "0.12", "weight", "0.25"),
                                Map.of("pollutant", "TP", "baseline", "0.025", "weight", "0.25"),
                                Map.of("pollutant", "TN", "baseline", "1.20", "weight", "0.25")),
                        "amountIfMet", cny("100000000.00"), "amountIfNotMet", cny("100000000.00")),
                Map.of("rule", "FIXED_CONTRIBUTION", "payer", ministry.id(), "payee", anhui.id(), "period", "YEAR",
                        "amount", cny("300000000.00"))));
        return body;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> terms(Map<String, Object> draft) {
        return (Map<String, Object>) draft.get("terms");
    }

    /** Drafts (by the first party), opens and has every party sign; asserts the agreement is in force. */
    public static String signedInForce(LedgerDriver ledger, Map<String, Object> body, Government... parties) {
        String id = ledger.draft(parties[0], body).path("id").asText();
        ledger.open(parties[0], id);
        Http.Answer last = null;
        for (Government party : parties) {
            last = ledger.sign(party, id, true);
            assertThat(last.status()).as(last.toString()).isEqualTo(200);
        }
        assertThat(last.json().path("status").asText()).isEqualTo("IN_FORCE");
        return id;
    }

    /** Two samples of each pollutant in the month (the 5th and the 20th), at the given concentrations. */
    public static Map<String, Object> monthlyReport(String sectionId, int year, int month,
                                                    Map<String, String> concentrations, String flow) {
        List<Map<String, Object>> samples = new ArrayList<>();
        for (int day : new int[] {5, 20}) {
            String takenAt = LocalDate.of(year, month, day).atTime(2, 0).toInstant(ZoneOffset.UTC).toString();
            concentrations.forEach((pollutant, value) -> samples.add(sample(takenAt, pollutant, value)));
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("sectionId", sectionId);
        report.put("period", String.format("%04d-%02d", year, month));
        report.put("samples", samples);
        if (flow != null) {
            report.put("flowCubicMetresPerSecond", flow);
        }
        return report;
    }

    public static Map<String, Object> sample(String takenAt, String pollutant, String value) {
        return Map.of("takenAt", takenAt, "pollutant", pollutant, "value", value, "unit", "mg/L");
    }

    public static Map<String, String> cny(String amount) {
        return Map.of("amount", amount, "currency", "CNY");
    }

    public static Map<String, Object> evidence(String description) {
        return Map.of("sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "uri", "https://example.org/" + description.replace(' ', '-') + ".pdf", "description", description);
    }
}
