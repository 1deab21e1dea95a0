package org.basinledger.command.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementTerms;
import org.basinledger.api.agreement.AssessmentPeriod;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.CompensationRuleType;
import org.basinledger.api.agreement.MonitoringSection;
import org.basinledger.api.agreement.ObligationTerm;
import org.basinledger.api.agreement.Party;
import org.basinledger.api.agreement.PartyRole;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.agreement.SectionKind;
import org.basinledger.api.common.Money;

/** The Xin'an River agreement (round 1 figures) as test data. */
final class AgreementSamples {

    static final String AGREEMENT_ID = "AGR-XINAN-1";
    static final String ANHUI = "CN-AH";
    static final String ZHEJIANG = "CN-ZJ";
    static final String MINISTRY = "CN-MOF";
    static final String OUTSIDER = "CN-JS";
    static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    static final LocalDate UNTIL = LocalDate.of(2027, 12, 31);
    static final String OBLIGATION = "JOINT-MONITORING";
    static final LocalDate OBLIGATION_DUE = LocalDate.of(2025, 6, 30);
    static final String JIEKOU = "JIEKOU";
    static final String QIANDAO = "QIANDAO-LAKE";
    static final Money HUNDRED_MILLION = Money.of("100000000.00", Money.CNY);
    static final Money THREE_HUNDRED_MILLION = Money.of("300000000.00", Money.CNY);
    /** The index of each rule in {@link #compensationTerms()}. */
    static final int WQI_RULE = 0;
    static final int EXCEEDANCE_RULE = 1;
    static final int FIXED_RULE = 2;

    private AgreementSamples() {
    }

    static AgreementDraft twoPartyDraft() {
        return draft("新安江流域生态补偿协议", List.of(new Party(ANHUI, PartyRole.UPSTREAM), new Party(ZHEJIANG, PartyRole.DOWNSTREAM)));
    }

    static AgreementDraft threePartyDraft() {
        return draft("新安江流域生态补偿协议", List.of(new Party(ANHUI, PartyRole.UPSTREAM),
                new Party(ZHEJIANG, PartyRole.DOWNSTREAM), new Party(MINISTRY, PartyRole.FUNDER)));
    }

    static AgreementDraft draft(String title, List<Party> parties) {
        return new AgreementDraft(title, "Xin'an River", parties, FROM, UNTIL, terms());
    }

    /**
     * Anhui upstream, Zhejiang downstream, the ministry funding: Jiekou assessed yearly by the Xin'an index and
     * monthly per tonne of CODMn and NH3-N over target, and the ministry's 300 million a year to Anhui.
     */
    static AgreementDraft compensationDraft() {
        return new AgreementDraft("新安江流域生态补偿协议", "Xin'an River", List.of(new Party(ANHUI, PartyRole.UPSTREAM),
                new Party(ZHEJIANG, PartyRole.DOWNSTREAM), new Party(MINISTRY, PartyRole.FUNDER)), FROM, UNTIL,
                compensationTerms());
    }

    static AgreementTerms compensationTerms() {
        AgreementTerms xinan = terms();
        List<MonitoringSection> sections = List.of(xinan.sections().get(0),
                new MonitoringSection(QIANDAO, "Qiandao Lake", "Qiandao Lake", SectionKind.LAKE, ANHUI, ZHEJIANG));
        CompensationRule exceedance = new CompensationRule(CompensationRuleType.EXCEEDANCE_PER_TONNE, JIEKOU,
                AssessmentPeriod.MONTH, null, null, null, null, List.of(
                new CompensationRule.PollutantRate(Pollutant.CODMN, new BigDecimal("6"), Money.of("15000.00", Money.CNY)),
                new CompensationRule.PollutantRate(Pollutant.NH3N, new BigDecimal("1.0"), Money.of("100000.00", Money.CNY))),
                null, null, null);
        CompensationRule fixed = new CompensationRule(CompensationRuleType.FIXED_CONTRIBUTION, null, AssessmentPeriod.YEAR,
                null, null, null, null, null, MINISTRY, ANHUI, THREE_HUNDRED_MILLION);
        return new AgreementTerms(xinan.text(), sections, xinan.obligations(),
                List.of(xinan.compensation().get(0), exceedance, fixed));
    }

    static CompensationRule rule(int index) {
        return compensationTerms().compensation().get(index);
    }

    static AgreementTerms terms() {
        Money hundredMillion = Money.of("100000000.00", Money.CNY);
        List<CompensationRule.Indicator> indicators = List.of(
                new CompensationRule.Indicator(Pollutant.CODMN, new BigDecimal("1.80"), new BigDecimal("0.25")),
                new CompensationRule.Indicator(Pollutant.NH3N, new BigDecimal("0.09"), new BigDecimal("0.25")),
                new CompensationRule.Indicator(Pollutant.TP, new BigDecimal("0.025"), new BigDecimal("0.25")),
                new CompensationRule.Indicator(Pollutant.TN, new BigDecimal("1.10"), new BigDecimal("0.25")));
        return new AgreementTerms(
                "Zhejiang and Anhui share the Xin'an River and compensate each other for its quality at Jiekou.",
                List.of(new MonitoringSection("JIEKOU", "Jiekou", "Xin'an River", SectionKind.RIVER, ANHUI, ZHEJIANG)),
                List.of(new ObligationTerm(OBLIGATION, ANHUI, "Monitor Jiekou jointly with Zhejiang", OBLIGATION_DUE)),
                List.of(new CompensationRule(CompensationRuleType.WATER_QUALITY_INDEX, "JIEKOU", AssessmentPeriod.YEAR,
                        new BigDecimal("0.85"), indicators, hundredMillion, hundredMillion, null, null, null, null)));
    }
}
