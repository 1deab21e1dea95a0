package org.basinledger.app.demo;

import static org.basinledger.app.demo.DemoCommands.id;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.AgreementTerms;
import org.basinledger.api.agreement.AmendAgreementCommand;
import org.basinledger.api.agreement.AssessmentPeriod;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.CompensationRuleType;
import org.basinledger.api.agreement.DraftAgreementCommand;
import org.basinledger.api.agreement.FindAgreementStatusQuery;
import org.basinledger.api.agreement.FulfilObligationCommand;
import org.basinledger.api.agreement.MonitoringSection;
import org.basinledger.api.agreement.ObligationTerm;
import org.basinledger.api.agreement.OpenAgreementForSignatureCommand;
import org.basinledger.api.agreement.Party;
import org.basinledger.api.agreement.PartyRole;
import org.basinledger.api.agreement.PaymentTerms;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.agreement.RejectAgreementCommand;
import org.basinledger.api.agreement.SectionKind;
import org.basinledger.api.agreement.SignAgreementCommand;
import org.basinledger.api.common.Caller;
import org.basinledger.api.agreement.ProposeAmendmentCommand;
import org.basinledger.api.agreement.SignAmendmentCommand;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.agreement.EmergencyTerms;
import org.basinledger.api.incident.AcknowledgeIncidentCommand;
import org.basinledger.api.incident.CloseIncidentCommand;
import org.basinledger.api.incident.RaiseIncidentCommand;
import org.basinledger.api.incident.UpdateIncidentCommand;
import org.basinledger.api.incident.WarningLevel;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.common.Money;
import org.basinledger.api.compliance.AssessSectionCommand;
import org.basinledger.api.compliance.Sample;
import org.basinledger.api.compliance.SubmitMonitoringReportCommand;
import org.basinledger.api.dispute.AddStatementCommand;
import org.basinledger.api.dispute.AssignMediatorCommand;
import org.basinledger.api.dispute.RaiseDisputeCommand;
import org.basinledger.api.dispute.RuleOnDisputeCommand;
import org.basinledger.api.dispute.RulingOutcome;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.dispute.SubjectType;
import org.basinledger.api.emission.AcceptEmissionTradeCommand;
import org.basinledger.api.emission.CancelEmissionTradeCommand;
import org.basinledger.api.emission.CreateEmissionSchemeCommand;
import org.basinledger.api.emission.IssueAllowancesCommand;
import org.basinledger.api.emission.OpenEmissionAccountCommand;
import org.basinledger.api.emission.ProposeEmissionTradeCommand;
import org.basinledger.api.emission.RecordVerifiedEmissionsCommand;
import org.basinledger.api.emission.SurrenderAllowancesCommand;
import org.basinledger.api.registry.JurisdictionLevel;
import org.basinledger.api.registry.KeyIds;
import org.basinledger.api.registry.RegisterJurisdictionCommand;
import org.basinledger.api.registry.RegisterMediatorCommand;
import org.basinledger.api.report.ActionTaken;
import org.basinledger.api.report.AnswerPublicReportCommand;
import org.basinledger.api.report.AppointRiverChiefCommand;
import org.basinledger.api.report.AssignPublicReportCommand;
import org.basinledger.api.report.EndRiverChiefTermCommand;
import org.basinledger.api.report.FilePublicReportCommand;
import org.basinledger.api.report.PublicReportCategory;
import org.basinledger.api.report.RejectPublicReportCommand;
import org.basinledger.api.report.ReportContact;
import org.basinledger.api.report.ReportPlace;
import org.basinledger.api.transfer.AcknowledgeTransferCommand;
import org.basinledger.api.transfer.ConfirmTransferReceiptCommand;
import org.basinledger.api.transfer.CreateTransferCommand;
import org.basinledger.api.transfer.ListTransfersQuery;
import org.basinledger.api.transfer.RecordTransferPaymentCommand;
import org.basinledger.api.transfer.TransferList;
import org.basinledger.api.transfer.TransferSource;
import org.basinledger.api.transfer.TransferStatus;
import org.basinledger.api.transfer.TransferView;
import org.basinledger.app.report.TrackingCodes;
import org.basinledger.app.web.ReadAfterWrite;
import org.basinledger.command.agreement.CanonicalTerms;
import org.basinledger.command.emission.EmissionScheme;
import org.springframework.stereotype.Component;

/**
 * A realistic basin, loaded through the real command path (never SQL): the registry with an Ed25519 key pair
 * generated in memory for each jurisdiction (the private keys are dropped after the load and never stored), the
 * three agreements of DOMAIN.md signed over their canonical terms, a few years of monitoring reports with
 * deterministic pseudo-random concentrations near the baselines and targets, yearly and monthly assessments,
 * obligations fulfilled, late and overdue, transfers in every state, and disputes: two ruled, one under
 * mediation. Dates are relative to the day of the load, so the periods assessed have ended. One draft is never
 * opened, and two drafts had other titles before they were opened: none of that may ever be public.
 */
@Component
public class DemoBasin {

    public static final String HUANGSHAN = "CN-AH-HS";
    public static final String HANGZHOU = "CN-ZJ-HZ";
    public static final String FINANCE_MINISTRY = "CN-MOF";
    public static final String QINGPU = "CN-SH-QP";
    public static final String WUJIANG = "CN-JS-SZ-WJ";
    public static final String JIASHAN = "CN-ZJ-JX-JS";
    public static final String WUXI = "CN-JS-WX";
    public static final String SUZHOU = "CN-JS-SZ";
    public static final String CHANGZHOU = "CN-JS-CZ";
    /** The Taihu COD emission rights scheme (issue 15), run by Jiangsu for Wuxi, Suzhou and Changzhou. */
    public static final String TAIHU_COD = "TAIHU-COD";
    public static final String TAIHU_BASIN_AUTHORITY = "TBA-MWR";
    public static final String JIANGSU_ECOLOGY_DEPARTMENT = "JS-DEE";

    public static final String XINAN = id("agreement:xinan");
    /** The Xin'an round before {@link #XINAN}, ended: {@code XINAN} names it as its predecessor. */
    public static final String XINAN_ROUND_1 = id("agreement:xinan-round-1");
    public static final String TAIPU = id("agreement:taipu");
    public static final String JIANGSU = id("agreement:jiangsu");
    public static final String NEXT_ROUND_DRAFT = id("agreement:xinan-round-2");

    public static final String XINAN_TITLE =
            "Xin'an River Basin Horizontal Ecological Compensation Agreement (Huangshan–Hangzhou), round 2";
    public static final String XINAN_ROUND_1_TITLE =
            "Xin'an River Basin Horizontal Ecological Compensation Agreement (Huangshan–Hangzhou), round 1";
    public static final String TAIPU_TITLE = "Taipu River Joint Protection Agreement of the Yangtze River Delta "
            + "Ecological Green Integrated Development Demonstration Zone (Qingpu–Wujiang–Jiashan)";
    public static final String JIANGSU_TITLE =
            "Taihu Basin Upstream-Pays-Downstream Water Quality Compensation: Wuxi–Suzhou at Wangting";

    /** Titles of drafts that were never public: no public download may contain them. */
    public static final List<String> PRIVATE_DRAFT_TITLES = List.of(
            "Xin'an compensation: Huangshan negotiating text v0.3 (internal, not for publication)",
            "Taipu River joint protection: working draft for the river chiefs' meeting (confidential)",
            "Xin'an River compensation, round 3: draft under negotiation (confidential)");

    static final String CLAIM_CANCELLED = "Wuxi contests this transfer: the samples of the month were taken while "
            + "the flood-control dispatch reversed the Grand Canal's flow at Wangting, carrying Taihu water, not "
            + "Wuxi's discharge, through the section (claim ref. WX-ARB-CANCEL).";
    static final String CLAIM_ADJUSTED = "Wuxi contests the flow used in this assessment: the Wangting gauge "
            + "over-read after the spring flood (claim ref. WX-ARB-FLOW).";
    static final String CLAIM_OPEN = "Wuxi contests this transfer: two of the month's CODMn samples were analysed "
            + "after the holding time (claim ref. WX-ARB-HOLD).";
    /** Statement texts: private to the dispute's parties and mediator, in no public download. */
    public static final List<String> STATEMENT_TEXTS = List.of(
            "Statement WX-1: the dispatch order of the Taihu Basin Authority shows reversed flow on both sampling days.",
            "Statement SZ-1: Suzhou maintains that the samples are valid and the dispatch lasted one day only.",
            "Statement MED-1: the mediator has obtained the hourly flow-direction record of the Wangting station.",
            "Statement WX-2: the calibration certificate of the Wangting gauge shows an over-reading of 18 per cent.",
            "Statement SZ-2: Suzhou accepts the calibration result and asks that the corrected flow be applied.",
            "Statement WX-3: the laboratory log shows the samples of the 20th were analysed after 72 hours.",
            "Statement SZ-3: Suzhou's laboratory states the samples were kept refrigerated and remain valid.");
    /** Dispute claims: not published (a raised dispute is a marker); listed for the privacy checks. */
    /** The one (fictitious) contact a demo reporter left: personal data, which no page or download may show. */
    public static final ReportContact DEMO_CONTACT = new ReportContact("Demo Reporter", "+86 000 0000 0000",
            "reporter@example.org");

    public static final List<String> CLAIMS = List.of(CLAIM_CANCELLED, CLAIM_ADJUSTED, CLAIM_OPEN);

    private final CommandGateway gateway;
    private final QueryGateway queries;
    private final ReadAfterWrite readAfterWrite;

    public DemoBasin(CommandGateway gateway, QueryGateway queries, ReadAfterWrite readAfterWrite) {
        this.gateway = gateway;
        this.queries = queries;
        this.readAfterWrite = readAfterWrite;
    }

    /** What was loaded. */
    public record Summary(int jurisdictions, int mediators, int agreements, int monitoringReports, int assessments,
                          Map<TransferStatus, Integer> transfers, int disputes, int rulings, int commands) {
    }

    /** Loads the basin as of {@code today} (basin time) into an empty ledger and waits for the read models. */
    public Summary load(LocalDate today) {
        Load load = new Load(new DemoCommands(gateway), today);
        load.run();
        readAfterWrite.await();
        Map<TransferStatus, Integer> byStatus = new EnumMap<>(TransferStatus.class);
        for (TransferView transfer : transfers(null)) {
            byStatus.merge(transfer.status(), 1, Integer::sum);
        }
        return new Summary(load.keys.size(), 2, 4, load.reports, load.assessments, byStatus, 3, 2,
                load.send.sent());
    }

    private List<TransferView> transfers(String agreementId) {
        // a demo agreement has a few dozen transfers: one page holds them all
        TransferList page = queries.query(new ListTransfersQuery(agreementId, null, null, 0, 500), TransferList.class)
                .join();
        if (page.total() > page.items().size()) {
            throw new IllegalStateException("agreement " + agreementId + " has more transfers than one page");
        }
        return page.items();
    }

    /** One load: its command sender, its dates, its keys and its seeded randomness. */
    private final class Load {

        private final DemoCommands send;
        private final int year;
        private final YearMonth lastMonth;
        private final Instant now = Instant.now();
        private final Random random = new Random(20_080_101L);
        private final Map<String, KeyPair> keys = new LinkedHashMap<>();
        private final Map<String, String> assessmentOfMonth = new LinkedHashMap<>();
        private int reports;
        private int assessments;

        Load(DemoCommands send, LocalDate today) {
            this.send = send;
            this.year = today.getYear();
            this.lastMonth = YearMonth.from(today).minusMonths(1);
        }

        void run() {
            registry();
            xinanRoundOne();
            xinan();
            jiangsu();
            taipu();
            nextRoundDraft();
            readAfterWrite.await();
            disputes();
            payments();
            riverChiefs();
            publicReports();
            emissionRights();
        }

        // ---- paid COD emission rights of the Taihu cities (issue 15) ----

        /**
         * Jiangsu's Taihu pilot: COD allowances paid for at 4,500 yuan a tonne, last year's vintage issued to Wuxi,
         * Suzhou and Changzhou, a year of trades between them (one cancelled, one still proposed), last year's
         * verified emissions recorded after this year's 31 May deadline, so settled at once: Wuxi and Suzhou
         * surrendered enough, Changzhou is 150 t short and owes 150 × 9,000 yuan, with the tonnes still owed. This
         * year's vintage is issued too; its deadline is next May.
         */
        private void emissionRights() {
            String js = "CN-JS";
            send.registrar("emission-scheme", new CreateEmissionSchemeCommand(TAIHU_COD,
                    "Taihu Basin COD emission rights (Jiangsu paid-use pilot)", Pollutant.COD, js,
                    Money.of("4500.00", Money.CNY), "--05-31", Money.of("9000.00", Money.CNY)));
            for (String holder : List.of(WUXI, SUZHOU, CHANGZHOU)) {
                send.jurisdiction(js, "emission-account", new OpenEmissionAccountCommand(TAIHU_COD, holder, js));
            }
            int last = year - 1;
            send.jurisdiction(js, "emission-issuance", new IssueAllowancesCommand(TAIHU_COD, last, List.of(
                    new IssueAllowancesCommand.Allocation(WUXI, new BigDecimal("12000")),
                    new IssueAllowancesCommand.Allocation(SUZHOU, new BigDecimal("18500")),
                    new IssueAllowancesCommand.Allocation(CHANGZHOU, new BigDecimal("9800"))), js));
            String wuxiToSuzhou = trade(WUXI, SUZHOU, last, "800", "5200.00");
            accept(SUZHOU, wuxiToSuzhou);
            String changzhouToSuzhou = trade(CHANGZHOU, SUZHOU, last, "300", "5350.00");
            accept(SUZHOU, changzhouToSuzhou);
            String withdrawn = trade(SUZHOU, WUXI, last, "150", "5100.00");
            send.jurisdiction(SUZHOU, "emission-trade-cancel", new CancelEmissionTradeCommand(TAIHU_COD, withdrawn,
                    SUZHOU));
            String suzhouToWuxi = trade(SUZHOU, WUXI, last, "200.5", "5150.00");
            accept(WUXI, suzhouToWuxi);
            // surrendered for last year: Wuxi 12000 - 800 + 200.5 = 11400.5 held, Suzhou 18500 + 800 + 300 - 200.5
            surrender(WUXI, last, "11350");
            surrender(SUZHOU, last, "19100");
            surrender(CHANGZHOU, last, "9500");
            List<Evidence> evidence = List.of(evidence("Verified COD emissions " + last + " of the Taihu cities, "
                    + "Department of Ecology and Environment of Jiangsu"));
            verified(WUXI, last, "11350", evidence);
            verified(SUZHOU, last, "19050.75", evidence);
            verified(CHANGZHOU, last, "9650", evidence);
            // this year's vintage, and a trade of it still waiting for the buyer
            send.jurisdiction(js, "emission-issuance", new IssueAllowancesCommand(TAIHU_COD, year, List.of(
                    new IssueAllowancesCommand.Allocation(WUXI, new BigDecimal("11500")),
                    new IssueAllowancesCommand.Allocation(SUZHOU, new BigDecimal("18000")),
                    new IssueAllowancesCommand.Allocation(CHANGZHOU, new BigDecimal("9600"))), js));
            trade(WUXI, CHANGZHOU, year, "250", "5300.00");
            // last year's allocations paid by Wuxi and Suzhou, Changzhou's acknowledged
            LocalDate paidOn = LocalDate.of(last, 3, 20);
            for (String holder : List.of(WUXI, SUZHOU, CHANGZHOU)) {
                String transfer = EmissionScheme.allocationTransferId(TAIHU_COD, 1, holder);
                send.jurisdiction(holder, "emission-allocation-acknowledge", new AcknowledgeTransferCommand(transfer,
                        holder));
                if (!holder.equals(CHANGZHOU)) {
                    send.jurisdiction(holder, "emission-allocation-pay", new RecordTransferPaymentCommand(transfer,
                            holder, "JS-TREASURY-COD-" + last + "-" + holder, LedgerCalendar.startOf(paidOn)
                            .plusSeconds(36_000)));
                    send.jurisdiction(js, "emission-allocation-receipt", new ConfirmTransferReceiptCommand(transfer,
                            js));
                }
            }
        }

        private String trade(String seller, String buyer, int vintage, String tonnes, String price) {
            return send.jurisdiction(seller, "emission-trade", new ProposeEmissionTradeCommand(TAIHU_COD, buyer,
                    vintage, new BigDecimal(tonnes), Money.of(price, Money.CNY), seller));
        }

        private void accept(String buyer, String tradeId) {
            send.jurisdiction(buyer, "emission-trade-accept", new AcceptEmissionTradeCommand(TAIHU_COD, tradeId,
                    buyer));
        }

        private void surrender(String holder, int year, String tonnes) {
            send.jurisdiction(holder, "emission-surrender", new SurrenderAllowancesCommand(TAIHU_COD, year, year,
                    new BigDecimal(tonnes), holder));
        }

        private void verified(String holder, int year, String tonnes, List<Evidence> evidence) {
            send.jurisdiction("CN-JS", "emission-verified", new RecordVerifiedEmissionsCommand(TAIHU_COD, holder, year,
                    new BigDecimal(tonnes), evidence, "CN-JS"));
        }

        // ---- river chiefs and public reports (issue 16) ----

        private void riverChiefs() {
            chief(WUJIANG, "Taipu River", List.of("JINZE"), "Shen Jianguo", "Deputy head of Wujiang District",
                    LocalDate.of(year - 3, 6, 1));
            chief(QINGPU, "Taipu River", List.of("JINZE"), "Lu Xiaoming", "Deputy head of Qingpu District",
                    LocalDate.of(year - 3, 6, 1));
            chief(JIASHAN, "Taipu River", List.of(), "Gu Lihua", "Deputy head of Jiashan County",
                    LocalDate.of(year - 3, 6, 1));
            chief(HUANGSHAN, "Xin'an River", List.of("JIEKOU"), "Wang Dehai", "Vice mayor of Huangshan",
                    LocalDate.of(year - 5, 1, 1));
            chief(HANGZHOU, "Qiandao Lake", List.of(), "Xu Meifang", "Vice mayor of Hangzhou",
                    LocalDate.of(year - 4, 1, 1));
            chief(WUXI, "Taihu", List.of("WANGTING"), "Zhou Wenbin", "Vice mayor of Wuxi", LocalDate.of(year - 3, 1, 1));
            // a chief replaced: the first term ended, the record of each term is its own
            String former = chief(HUANGSHAN, "Xin'an River", List.of(), "Li Chunhua", "Vice mayor of Huangshan",
                    LocalDate.of(year - 8, 1, 1));
            send.jurisdiction(HUANGSHAN, "river-chief-term-ends", new EndRiverChiefTermCommand(HUANGSHAN, former,
                    HUANGSHAN, LocalDate.of(year - 5, 1, 1).minusDays(1)));
        }

        private String chief(String jurisdiction, String water, List<String> sections, String name, String office,
                             LocalDate from) {
            String chiefId = id("river-chief:" + jurisdiction + ":" + name);
            send.jurisdiction(jurisdiction, "river-chief", new AppointRiverChiefCommand(jurisdiction, chiefId,
                    jurisdiction, name, office, water, sections, from));
            return chiefId;
        }

        /**
         * A season of public reports, seen over the last months (their {@code observedAt}) and recorded at the load:
         * most assigned and answered, one rejected, one assigned to answer by today (overdue at the end of the day,
         * by its persistent deadline), one still open. One reporter left a (fictitious) contact.
         */
        private void publicReports() {
            LocalDate today = LedgerCalendar.dateOf(now);
            int n = 0;
            String fishKill = file(++n, "Taihu", "Taipu River", "JINZE", "East bank below the Jinze bridge",
                    "31.0401", "120.9102", PublicReportCategory.FISH_KILL,
                    "Dead fish, mostly crucian carp, along about 200 m of the east bank; a grey film on the water.",
                    4, DEMO_CONTACT);
            answer(fishKill, WUJIANG, today.plusDays(15), ActionTaken.ENFORCEMENT, "Inspectors traced the film to "
                    + "an overflowing storm drain of a dyeing plant in Lili town; the plant was fined and the outfall "
                    + "sealed. Sampling at Jinze the next day met class II.");
            String bloom = file(++n, "Taihu", "Taipu River", "JINZE", "Jinze water intake, Qingpu side", null, null,
                    PublicReportCategory.ALGAL_BLOOM, "Green scum at the intake's boom; it smells of grass.", 3, null);
            answer(bloom, QINGPU, today.plusDays(10), ActionTaken.INVESTIGATED, "Blue-algae salvage boats cleared the "
                    + "boom the same day; the intake's monitoring showed no toxin above the limit.");
            String odour = file(++n, "Xin'an River", "Xin'an River", "JIEKOU", "Jiekou village landing", null, null,
                    PublicReportCategory.ODOUR, "A sour smell on the river at dawn for three days.", 2, null);
            answer(odour, HUANGSHAN, today.plusDays(20), ActionTaken.NO_VIOLATION_FOUND, "The Jiekou automatic "
                    + "station and two grab samples met class II; the smell came from a tea-processing workshop's "
                    + "chimney, not the water.");
            String discharge = file(++n, "Xin'an River", "Qiandao Lake", null, "Cove north of Chun'an pier",
                    "29.6087", "119.0415", PublicReportCategory.ILLEGAL_DISCHARGE,
                    "A pipe from a farmhouse restaurant runs straight into the lake.", 2, null);
            answer(discharge, HANGZHOU, today.plusDays(14), ActionTaken.ENFORCEMENT, "The restaurant was connected to "
                    + "the village sewer and fined.");
            String taihu = file(++n, "Taihu", "Taihu", "WANGTING", "Wangting lock", null, null,
                    PublicReportCategory.ALGAL_BLOOM, "Thick bloom at the lock gates.", 1, null);
            answer(taihu, WUXI, today.plusDays(7), ActionTaken.REFERRED, "Referred to the Taihu Basin Authority, "
                    + "which runs the lock; salvage started the next morning.");
            String overdue = file(++n, "Taihu", "Taipu River", null, "Jiashan reach, near Taozhuang", null, null,
                    PublicReportCategory.POLLUTION, "Foam and brown water downstream of a pipe under the road bridge.",
                    1, null);
            send.registrar("public-report-assign", new AssignPublicReportCommand(overdue, JIASHAN, today));
            String open = file(++n, "Xin'an River", "Xin'an River", null, "Shendu town riverside path", null, null,
                    PublicReportCategory.OTHER, "Plastic waste piling up behind the weir.", 0, null);
            send.registrar("public-report-assign", new AssignPublicReportCommand(open, HUANGSHAN, today.plusDays(14)));
            String rejected = file(++n, "Huangpu River", null, null, "Bund promenade, central Shanghai", null, null,
                    PublicReportCategory.OTHER, "The river is brown.", 0, null);
            send.registrar("public-report-reject", new RejectPublicReportCommand(rejected, "Not within the basins of "
                    + "the ledger's agreements, and brown water after rain is silt, not pollution: please report "
                    + "pollution of the Huangpu to Shanghai's 12345 line."));
        }

        private String file(int n, String basin, String water, String section, String place, String latitude,
                            String longitude, PublicReportCategory category, String description, int monthsAgo,
                            ReportContact contact) {
            String reportId = id("public-report:" + n);
            Instant observedAt = now.minus(java.time.Duration.ofDays(30L * monthsAgo + 2));
            send.as(Caller.PUBLIC, "public-report", new FilePublicReportCommand(reportId,
                    TrackingCodes.hashOf(TrackingCodes.newCode()), basin, null, section, water,
                    new ReportPlace(place, latitude == null ? null : new BigDecimal(latitude),
                            longitude == null ? null : new BigDecimal(longitude)),
                    category, description, observedAt, List.of(), contact,
                    contact == null ? null : TrackingCodes.newSalt()));
            return reportId;
        }

        private void answer(String reportId, String jurisdiction, LocalDate answerBy, ActionTaken action,
                            String text) {
            send.registrar("public-report-assign", new AssignPublicReportCommand(reportId, jurisdiction, answerBy));
            send.jurisdiction(jurisdiction, "public-report-answer", new AnswerPublicReportCommand(reportId,
                    jurisdiction, text, action, List.of()));
        }

        // ---- registry ----

        private void registry() {
            jurisdiction("CN-AH", "Anhui Province (安徽省)", JurisdictionLevel.PROVINCE, null);
            jurisdiction("CN-ZJ", "Zhejiang Province (浙江省)", JurisdictionLevel.PROVINCE, null);
            jurisdiction("CN-JS", "Jiangsu Province (江苏省)", JurisdictionLevel.PROVINCE, null);
            jurisdiction("CN-SH", "Shanghai Municipality (上海市)", JurisdictionLevel.PROVINCE, null);
            jurisdiction(FINANCE_MINISTRY, "Ministry of Finance of the People's Republic of China (财政部)",
                    JurisdictionLevel.OTHER, null);
            jurisdiction(HUANGSHAN, "Huangshan (黄山市)", JurisdictionLevel.CITY, "CN-AH");
            jurisdiction(HANGZHOU, "Hangzhou (杭州市)", JurisdictionLevel.CITY, "CN-ZJ");
            jurisdiction("CN-ZJ-JX", "Jiaxing (嘉兴市)", JurisdictionLevel.CITY, "CN-ZJ");
            jurisdiction(WUXI, "Wuxi (无锡市)", JurisdictionLevel.CITY, "CN-JS");
            jurisdiction(SUZHOU, "Suzhou (苏州市)", JurisdictionLevel.CITY, "CN-JS");
            jurisdiction(CHANGZHOU, "Changzhou (常州市)", JurisdictionLevel.CITY, "CN-JS");
            jurisdiction(QINGPU, "Qingpu District (青浦区)", JurisdictionLevel.COUNTY, "CN-SH");
            jurisdiction(WUJIANG, "Wujiang District (吴江区)", JurisdictionLevel.COUNTY, SUZHOU);
            jurisdiction(JIASHAN, "Jiashan County (嘉善县)", JurisdictionLevel.COUNTY, "CN-ZJ-JX");
            send.registrar("register-mediator", new RegisterMediatorCommand(TAIHU_BASIN_AUTHORITY,
                    "Taihu Basin Authority, Ministry of Water Resources (水利部太湖流域管理局)"));
            send.registrar("register-mediator", new RegisterMediatorCommand(JIANGSU_ECOLOGY_DEPARTMENT,
                    "Department of Ecology and Environment of Jiangsu Province (江苏省生态环境厅)"));
        }

        private void jurisdiction(String id, String name, JurisdictionLevel level, String parentId) {
            KeyPair pair = generateKeyPair();
            keys.put(id, pair);
            String publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
            send.registrar("register-" + id, new RegisterJurisdictionCommand(id, name, level, parentId, publicKey));
        }

        // ---- Xin'an River, round 1: ended; the central funds tapered 400, 300, 200 million ----

        private void xinanRoundOne() {
            AgreementDraft round2 = xinanDraft(XINAN_ROUND_1_TITLE, "1.35");
            AgreementTerms terms = round2.terms();
            CompensationRule fixed = terms.compensation().get(1);
            AgreementDraft draft = new AgreementDraft(XINAN_ROUND_1_TITLE, round2.basin(), round2.parties(),
                    LocalDate.of(year - 6, 1, 1), LocalDate.of(year - 4, 12, 31), new AgreementTerms(
                    "新安江流域水环境补偿试点 (first round). As the second round, with the central government's "
                            + "contribution to Huangshan tapering from 400 to 300 to 200 million yuan.",
                    terms.sections(), List.of(), List.of(terms.compensation().get(0),
                    new CompensationRule(fixed.rule(), null, fixed.period(), null, null, null, null, null,
                            fixed.payer(), fixed.payee(), null, List.of(
                            new CompensationRule.ScheduledAmount(Integer.toString(year - 6), cny("400000000.00")),
                            new CompensationRule.ScheduledAmount(Integer.toString(year - 5), cny("300000000.00")),
                            new CompensationRule.ScheduledAmount(Integer.toString(year - 4), cny("200000000.00"))),
                            null))));
            send.jurisdiction(HUANGSHAN, "draft-xinan-round-1", new DraftAgreementCommand(XINAN_ROUND_1, HUANGSHAN,
                    draft));
            send.jurisdiction(HUANGSHAN, "open-xinan-round-1", new OpenAgreementForSignatureCommand(XINAN_ROUND_1,
                    HUANGSHAN));
            signAll(XINAN_ROUND_1, draft, HUANGSHAN, HANGZHOU, FINANCE_MINISTRY);
        }

        // ---- Xin'an River: a water quality index at Jiekou and the central government's yearly contribution ----

        private void xinan() {
            send.jurisdiction(HUANGSHAN, "draft-xinan", new DraftAgreementCommand(XINAN, HUANGSHAN,
                    xinanDraft(PRIVATE_DRAFT_TITLES.get(0), "1.35")));
            amend(XINAN, HUANGSHAN, xinanDraft(XINAN_TITLE, "1.35"));
            send.jurisdiction(HUANGSHAN, "open-xinan", new OpenAgreementForSignatureCommand(XINAN, HUANGSHAN));
            send.jurisdiction(HANGZHOU, "reject-xinan", new RejectAgreementCommand(XINAN, HANGZHOU,
                    "The total nitrogen baseline must be the mean of the three preceding years at Jiekou "
                            + "(1.20 mg/L), not 1.35 mg/L."));
            AgreementDraft agreed = xinanDraft(XINAN_TITLE, "1.20");
            amend(XINAN, HUANGSHAN, agreed);
            send.jurisdiction(HUANGSHAN, "open-xinan", new OpenAgreementForSignatureCommand(XINAN, HUANGSHAN));
            signAll(XINAN, agreed, HUANGSHAN, HANGZHOU, FINANCE_MINISTRY);

            double[] yearFactor = {1.02, 1.25, 0.95, 0.97};
            for (YearMonth month = YearMonth.of(year - 3, 1); !month.isAfter(lastMonth); month = month.plusMonths(1)) {
                double factor = yearFactor[Math.min(month.getYear() - (year - 3), 3)];
                double wet = month.getMonthValue() >= 5 && month.getMonthValue() <= 8 ? 0.08 : 0.0;
                List<Sample> samples = new ArrayList<>();
                for (int day : new int[] {8, 22}) {
                    Instant at = sampleTime(month, day);
                    samples.add(sample(at, Pollutant.CODMN, concentration(1.80 * factor, 0.0, 2)));
                    samples.add(sample(at, Pollutant.NH3N, concentration(0.12 * factor, 0.0, 3)));
                    samples.add(sample(at, Pollutant.TP, concentration(0.025 * factor, wet, 3)));
                    samples.add(sample(at, Pollutant.TN, concentration(1.20 * factor, wet, 2)));
                }
                String by = month.getMonthValue() % 2 == 0 ? HANGZHOU : HUANGSHAN;
                report(XINAN, by, "JIEKOU", month.toString(), samples, flow(180, month.getMonthValue() >= 4
                        && month.getMonthValue() <= 7 ? 120 : 0));
            }
            for (int assessed = year - 3; assessed <= year - 1; assessed++) {
                assess(XINAN, HANGZHOU, "JIEKOU", Integer.toString(assessed));
            }
            fulfil(XINAN, "OB-1", HUANGSHAN, "Annual report on pollution-source control in the upstream catchment",
                    "Published on the Huangshan ecology bureau's site; delayed by the provincial audit.");
            taperXinan(agreed);
        }

        /**
         * Amendment 1 of round 2, signed by all three parties: the central funds taper from 300 to 200 million yuan a
         * year, from today (China Standard Time). The year under way began under the terms as signed and still pays
         * 300 million; the next year of the agreement pays 200 million.
         */
        private void taperXinan(AgreementDraft signed) {
            AgreementTerms terms = signed.terms();
            CompensationRule fixed = terms.compensation().get(1);
            AgreementTerms tapered = new AgreementTerms(terms.text().replace(
                    "The central government contributes 300 million yuan a year to Huangshan.",
                    "The central government contributes 300 million yuan a year to Huangshan, and 200 million yuan "
                            + "a year from the year of the agreement that begins after this amendment."),
                    terms.sections(), terms.obligations(), List.of(terms.compensation().get(0),
                    new CompensationRule(fixed.rule(), null, fixed.period(), null, null, null, null, null,
                            fixed.payer(), fixed.payee(), cny("200000000.00"))), terms.payment());
            String reason = "The central funds taper as in round 1: 200 million yuan a year from the next year of "
                    + "the agreement.";
            LocalDate validFrom = LedgerCalendar.dateOf(now);
            Integer number = send.jurisdiction(FINANCE_MINISTRY, "propose-amendment-xinan",
                    new ProposeAmendmentCommand(XINAN, FINANCE_MINISTRY, reason, validFrom, tapered, null, null));
            AgreementDraft amended = new AgreementDraft(signed.title(), signed.basin(), signed.parties(),
                    signed.effectiveFrom(), signed.effectiveUntil(), tapered, signed.predecessorId());
            byte[] document = CanonicalTerms.ofAmendment(XINAN, number, CanonicalTerms.of(XINAN, signed).termsHash(),
                    validFrom, reason, amended).bytes();
            for (String party : List.of(HUANGSHAN, HANGZHOU, FINANCE_MINISTRY)) {
                KeyPair pair = keys.get(party);
                send.jurisdiction(party, "sign-amendment", new SignAmendmentCommand(XINAN, party, number,
                        sign(pair, document), KeyIds.of(pair.getPublic().getEncoded())));
            }
        }

        private AgreementDraft xinanDraft(String title, String totalNitrogenBaseline) {
            AgreementTerms terms = new AgreementTerms(
                    "新安江流域上下游横向生态补偿协议. Huangshan (upstream) and Hangzhou (downstream) keep the Xin'an "
                            + "River at the Jiekou boundary section at or better than its baseline. Each year the "
                            + "water quality index P is computed from the permanganate index, ammonia nitrogen, "
                            + "total phosphorus and total nitrogen against their baselines: if P ≤ 1 Hangzhou pays "
                            + "Huangshan 100 million yuan, otherwise Huangshan pays Hangzhou 100 million yuan. The "
                            + "central government contributes 300 million yuan a year to Huangshan.",
                    List.of(new MonitoringSection("JIEKOU", "Jiekou (街口) boundary section", "Xin'an River",
                            SectionKind.RIVER, HUANGSHAN, HANGZHOU)),
                    List.of(new ObligationTerm("OB-1", HUANGSHAN,
                                    "Publish the annual report on pollution-source control in the upstream catchment",
                                    LocalDate.of(year - 1, 3, 31)),
                            new ObligationTerm("OB-2", HANGZHOU,
                                    "Share the Jiekou automatic monitoring station's data with Huangshan every day",
                                    LocalDate.of(year + 1, 6, 30))),
                    List.of(new CompensationRule(CompensationRuleType.WATER_QUALITY_INDEX, "JIEKOU",
                                    AssessmentPeriod.YEAR, new BigDecimal("0.85"),
                                    List.of(indicator(Pollutant.CODMN, "1.80"), indicator(Pollutant.NH3N, "0.12"),
                                            indicator(Pollutant.TP, "0.025"),
                                            indicator(Pollutant.TN, totalNitrogenBaseline)),
                                    cny("100000000.00"), cny("100000000.00"), null, null, null, null),
                            new CompensationRule(CompensationRuleType.FIXED_CONTRIBUTION, null, AssessmentPeriod.YEAR,
                                    null, null, null, null, null, FINANCE_MINISTRY, HUANGSHAN,
                                    cny("300000000.00"))),
                    // due within 30 days; late payment costs 0.05% a day, the rate of China's tax law
                    new PaymentTerms(30, new BigDecimal("0.0005")));
            return new AgreementDraft(title, "Xin'an River", List.of(new Party(HUANGSHAN, PartyRole.UPSTREAM),
                    new Party(HANGZHOU, PartyRole.DOWNSTREAM), new Party(FINANCE_MINISTRY, PartyRole.FUNDER)),
                    LocalDate.of(year - 3, 1, 1), LocalDate.of(year + 1, 12, 31), terms, XINAN_ROUND_1);
        }

        // ---- Jiangsu: the upstream city pays the downstream one per tonne of monthly excess at Wangting ----

        private void jiangsu() {
            AgreementTerms terms = new AgreementTerms(
                    "江苏省太湖流域环境资源区域补偿. Where the monthly mean concentration at the Wangting boundary "
                            + "section of the Grand Canal exceeds its class III target, Wuxi (upstream) pays Suzhou "
                            + "(downstream) per tonne of excess pollutant: 15,000 yuan for the permanganate index, "
                            + "100,000 yuan for ammonia nitrogen and for total phosphorus. Disputes over data go to "
                            + "mediation.",
                    List.of(new MonitoringSection("WANGTING", "Wangting (望亭) boundary section",
                            "Beijing–Hangzhou Grand Canal", SectionKind.RIVER, WUXI, SUZHOU)),
                    List.of(new ObligationTerm("OB-1", WUXI, "Install the automatic water-quality station at Wangting "
                                    + "and share its data with Suzhou in real time", LocalDate.of(year - 3, 6, 30)),
                            new ObligationTerm("OB-2", SUZHOU, "Publish each month's Wangting assessment data on the "
                                    + "city's environmental information portal", LocalDate.of(year + 1, 12, 31))),
                    List.of(new CompensationRule(CompensationRuleType.EXCEEDANCE_PER_TONNE, "WANGTING",
                            AssessmentPeriod.MONTH, null, null, null, null,
                            List.of(rate(Pollutant.CODMN, "6", "15000.00"), rate(Pollutant.NH3N, "1.0", "100000.00"),
                                    rate(Pollutant.TP, "0.2", "100000.00")), null, null, null)));
            AgreementDraft draft = new AgreementDraft(JIANGSU_TITLE, "Taihu",
                    List.of(new Party(WUXI, PartyRole.UPSTREAM), new Party(SUZHOU, PartyRole.DOWNSTREAM)),
                    LocalDate.of(year - 3, 1, 1), LocalDate.of(year + 2, 12, 31), terms);
            send.jurisdiction(WUXI, "draft-jiangsu", new DraftAgreementCommand(JIANGSU, WUXI, draft));
            send.jurisdiction(WUXI, "open-jiangsu", new OpenAgreementForSignatureCommand(JIANGSU, WUXI));
            signAll(JIANGSU, draft, WUXI, SUZHOU);

            for (YearMonth month = YearMonth.of(year - 3, 1); !month.isAfter(lastMonth); month = month.plusMonths(1)) {
                int m = month.getMonthValue();
                double improvement = 1.0 - 0.03 * (month.getYear() - (year - 3));
                double summer = m >= 7 && m <= 9 ? 0.17 : 0.0;
                double winter = m == 12 || m <= 2 ? 0.45 : 0.0;
                List<Sample> samples = new ArrayList<>();
                for (int day : new int[] {5, 20}) {
                    Instant at = sampleTime(month, day);
                    samples.add(sample(at, Pollutant.CODMN, concentration(5.3 * improvement, summer, 2)));
                    samples.add(sample(at, Pollutant.NH3N, concentration(0.75 * improvement, winter, 3)));
                    samples.add(sample(at, Pollutant.TP, concentration(0.16 * improvement, summer, 3)));
                }
                String by = m % 3 == 0 ? WUXI : SUZHOU;
                report(JIANGSU, by, "WANGTING", month.toString(), samples, flow(70, m >= 6 && m <= 9 ? 35 : 0));
                assessmentOfMonth.put(month.toString(), assess(JIANGSU, SUZHOU, "WANGTING", month.toString()));
            }
            fulfil(JIANGSU, "OB-1", WUXI, "Commissioning record of the Wangting automatic station",
                    "Station in operation; data shared with Suzhou's monitoring centre.");
        }

        // ---- Taipu River: joint protection by obligations, joint monitoring at Jinze, a few shared costs ----

        private void taipu() {
            AgreementTerms terms = new AgreementTerms(
                    "太浦河联保共治协议. Qingpu, Wujiang and Jiashan protect the Taipu River together: joint patrol, "
                            + "joint monitoring, joint enforcement, joint cleaning and joint treatment, and shared "
                            + "monitoring of the Jinze drinking-water source. Each party fulfils its obligations by "
                            + "their due dates and records the evidence on the ledger.",
                    List.of(new MonitoringSection("JINZE", "Jinze (金泽) water-source section", "Taipu River",
                            SectionKind.RIVER, WUJIANG, QINGPU)),
                    List.of(new ObligationTerm("OB-1", QINGPU, "Organise the joint river-chief patrol of the Taipu "
                                    + "River and publish the patrol log", LocalDate.of(year - 2, 12, 31)),
                            new ObligationTerm("OB-2", WUJIANG, "Publish the joint monitoring plan of the Jinze "
                                    + "drinking-water source with shared sampling dates", LocalDate.of(year - 2, 3, 31)),
                            new ObligationTerm("OB-3", JIASHAN, "Clear the floating vegetation of the Taipu River's "
                                    + "Jiashan reach before the flood season", LocalDate.of(year - 1, 5, 31)),
                            new ObligationTerm("OB-4", QINGPU, "Hold the joint enforcement action against illegal "
                                    + "discharges along the Taipu River", LocalDate.of(year - 1, 9, 30)),
                            new ObligationTerm("OB-5", WUJIANG, "Upgrade the sewage interception of Lili town's "
                                    + "outfalls to the Taipu River", LocalDate.of(year - 1, 12, 31)),
                            new ObligationTerm("OB-6", JIASHAN, "Publish the annual joint monitoring data report of "
                                    + "the Jinze section", LocalDate.of(year + 1, 3, 31)),
                            new ObligationTerm("OB-7", QINGPU, "Run the joint drinking-water emergency drill for the "
                                    + "Jinze intake", LocalDate.of(year + 1, 10, 31))),
                    List.of()).withEmergency(taipuEmergency());
            LocalDate from = LocalDate.of(year - 3, 6, 1);
            AgreementDraft agreed = new AgreementDraft(TAIPU_TITLE, "Taipu River",
                    List.of(new Party(WUJIANG, PartyRole.UPSTREAM), new Party(QINGPU, PartyRole.DOWNSTREAM),
                            new Party(JIASHAN, PartyRole.MEMBER)),
                    from, LocalDate.of(year + 2, 5, 31), terms);
            AgreementDraft working = new AgreementDraft(PRIVATE_DRAFT_TITLES.get(1), agreed.basin(), agreed.parties(),
                    agreed.effectiveFrom(), agreed.effectiveUntil(), agreed.terms());
            send.jurisdiction(QINGPU, "draft-taipu", new DraftAgreementCommand(TAIPU, QINGPU, working));
            amend(TAIPU, QINGPU, agreed);
            send.jurisdiction(QINGPU, "open-taipu", new OpenAgreementForSignatureCommand(TAIPU, QINGPU));
            signAll(TAIPU, agreed, QINGPU, WUJIANG, JIASHAN);

            String[] monitors = {WUJIANG, QINGPU, JIASHAN};
            int n = 0;
            for (YearMonth month = YearMonth.from(from); !month.isAfter(lastMonth); month = month.plusMonths(1)) {
                if (month.getMonthValue() % 3 != 0) {
                    continue;
                }
                boolean summer = month.getMonthValue() == 6 || month.getMonthValue() == 9;
                List<Sample> samples = new ArrayList<>();
                Instant at = sampleTime(month, 12);
                samples.add(sample(at, Pollutant.CODMN, concentration(3.6, summer ? 0.1 : 0.0, 2)));
                samples.add(sample(at, Pollutant.NH3N, concentration(0.32, summer ? 0.0 : 0.15, 3)));
                samples.add(sample(at, Pollutant.TP, concentration(0.11, summer ? 0.15 : 0.0, 3)));
                samples.add(sample(at, Pollutant.DO, concentration(7.2, summer ? -0.15 : 0.05, 2)));
                report(TAIPU, monitors[n++ % 3], "JINZE", month.toString(), samples, null);
            }
            fulfil(TAIPU, "OB-1", QINGPU, "Joint patrol log of the Taipu River", "Four joint patrols held.");
            fulfil(TAIPU, "OB-2", WUJIANG, "Joint monitoring plan of the Jinze source", null);
            fulfil(TAIPU, "OB-4", QINGPU, "Report on the joint enforcement action", "Eleven outfalls closed.");
            fulfil(TAIPU, "OB-6", JIASHAN, "Annual joint monitoring data report, Jinze section", null);

            send.jurisdiction(QINGPU, "transfer-taipu", new CreateTransferCommand(id("transfer:taipu:algae"), TAIPU,
                    QINGPU, WUJIANG, cny("1260000.00"), "Qingpu's share of the joint blue-algae salvage on the Taipu "
                    + "River, summer " + (year - 1), TransferSource.PARTY, null, QINGPU));
            send.jurisdiction(JIASHAN, "transfer-taipu", new CreateTransferCommand(id("transfer:taipu:vegetation"),
                    TAIPU, JIASHAN, WUJIANG, cny("840000.00"), "Jiashan's share of the joint clearing of floating "
                    + "vegetation, " + (year - 1), TransferSource.PARTY, null, JIASHAN));
            incidents();
        }

        /**
         * The Taipu River's emergency duties (issue 14): acknowledge a notice within a day (blue), 12 hours (yellow),
         * 4 hours (orange) or one hour (red); a missed notice costs 200,000 yuan.
         */
        private EmergencyTerms taipuEmergency() {
            Map<WarningLevel, String> within = new EnumMap<>(WarningLevel.class);
            within.put(WarningLevel.BLUE, "P1D");
            within.put(WarningLevel.YELLOW, "PT12H");
            within.put(WarningLevel.ORANGE, "PT4H");
            within.put(WarningLevel.RED, "PT1H");
            return new EmergencyTerms(within, cny("200000.00"));
        }

        /**
         * Two incidents at the Jinze source, raised as the demo loads (so their deadlines run from then): a red
         * oil-sheen alert by Qingpu that both other parties acknowledged and Qingpu closed, and an orange algae bloom
         * raised by Wujiang, raised to orange after a first blue notice, that Qingpu acknowledged and Jiashan has not
         * yet (four hours to go): the banner shows it, and it will be missed with its penalty if nobody answers.
         */
        private void incidents() {
            String oil = id("incident:taipu:oil-sheen");
            send.jurisdiction(QINGPU, "raise-incident", new RaiseIncidentCommand(oil, TAIPU, QINGPU, "JINZE",
                    WarningLevel.RED, "petroleum hydrocarbons", "Oil sheen about 300 m long drifting towards the "
                    + "Jinze intake from a capsized sand barge upstream; intake valves closed as a precaution.",
                    now.minus(java.time.Duration.ofMinutes(25)), List.of(evidence("Drone photographs of the oil sheen"))));
            send.jurisdiction(WUJIANG, "acknowledge-incident", new AcknowledgeIncidentCommand(oil, WUJIANG,
                    "Booms deployed at Lili; the barge owner is identified."));
            send.jurisdiction(JIASHAN, "acknowledge-incident", new AcknowledgeIncidentCommand(oil, JIASHAN, null));
            send.jurisdiction(QINGPU, "close-incident", new CloseIncidentCommand(oil, QINGPU, "Sheen contained by "
                    + "booms and skimmed; hydrocarbons below detection at the intake for six hours; intake reopened."));

            String algae = id("incident:taipu:algae");
            send.jurisdiction(WUJIANG, "raise-incident", new RaiseIncidentCommand(algae, TAIPU, WUJIANG, "JINZE",
                    WarningLevel.BLUE, "chlorophyll-a", "Blue-green algae gathering in the slow reach above Jinze "
                    + "after a week of heat; chlorophyll-a rising at the automatic station.",
                    now.minus(java.time.Duration.ofHours(2)), List.of(evidence("Jinze automatic station readings"))));
            send.jurisdiction(WUJIANG, "update-incident", new UpdateIncidentCommand(algae, WUJIANG, "Bloom "
                    + "thickening; microcystin detected in the raw water at the intake.", WarningLevel.ORANGE,
                    List.of(evidence("Microcystin test of the Jinze raw water"))));
            send.jurisdiction(QINGPU, "acknowledge-incident", new AcknowledgeIncidentCommand(algae, QINGPU,
                    "Water works on advanced treatment; salvage boats on their way."));
        }

        private void nextRoundDraft() {
            AgreementDraft draft = xinanDraft(PRIVATE_DRAFT_TITLES.get(2), "1.15");
            send.jurisdiction(HUANGSHAN, "draft-xinan-round-2", new DraftAgreementCommand(NEXT_ROUND_DRAFT, HUANGSHAN,
                    new AgreementDraft(draft.title(), draft.basin(), draft.parties().subList(0, 2),
                            LocalDate.of(year + 2, 1, 1), LocalDate.of(year + 4, 12, 31),
                            new AgreementTerms("Round 3 (confidential negotiating text): each province 200 million "
                                    + "yuan a year.", draft.terms().sections(), List.of(),
                                    draft.terms().compensation().subList(0, 1)), XINAN)));
        }

        // ---- disputes over Jiangsu's money: one cancelled, one adjusted, one under mediation ----

        private void disputes() {
            List<TransferView> owed = jiangsuTransfersInMonthOrder();
            if (owed.size() < 7) {
                throw new IllegalStateException("the demo expects at least 7 monthly transfers at Wangting, got "
                        + owed.size());
            }
            TransferView cancelled = owed.get(1);
            String d1 = id("dispute:cancelled");
            send.jurisdiction(WUXI, "raise-dispute", new RaiseDisputeCommand(d1, JIANGSU, WUXI,
                    new Subject(SubjectType.TRANSFER, cancelled.id()), List.of(SUZHOU), CLAIM_CANCELLED));
            send.registrar("assign-mediator", new AssignMediatorCommand(d1, JIANGSU_ECOLOGY_DEPARTMENT));
            statement(d1, WUXI, null, STATEMENT_TEXTS.get(0));
            statement(d1, SUZHOU, null, STATEMENT_TEXTS.get(1));
            statement(d1, null, JIANGSU_ECOLOGY_DEPARTMENT, STATEMENT_TEXTS.get(2));
            send.mediator(JIANGSU_ECOLOGY_DEPARTMENT, "rule", new RuleOnDisputeCommand(d1, JIANGSU_ECOLOGY_DEPARTMENT,
                    RulingOutcome.UPHELD, "The hourly flow-direction record of the Wangting station shows the canal "
                            + "flowing from Suzhou towards Wuxi on both sampling days of the month, under the flood-"
                            + "control dispatch. The samples do not measure water leaving Wuxi; the excess is not "
                            + "attributable to Wuxi and the transfer is cancelled.", null));

            TransferView adjusted = owed.get(2);
            String d2 = id("dispute:adjusted");
            send.jurisdiction(WUXI, "raise-dispute", new RaiseDisputeCommand(d2, JIANGSU, WUXI,
                    new Subject(SubjectType.ASSESSMENT, adjusted.sourceId()), List.of(SUZHOU), CLAIM_ADJUSTED));
            send.registrar("assign-mediator", new AssignMediatorCommand(d2, TAIHU_BASIN_AUTHORITY));
            statement(d2, WUXI, null, STATEMENT_TEXTS.get(3));
            statement(d2, SUZHOU, null, STATEMENT_TEXTS.get(4));
            Money corrected = Money.of(adjusted.amount().amount().multiply(new BigDecimal("0.82"))
                    .setScale(2, RoundingMode.HALF_UP), adjusted.amount().currency());
            send.mediator(TAIHU_BASIN_AUTHORITY, "rule", new RuleOnDisputeCommand(d2, TAIHU_BASIN_AUTHORITY,
                    RulingOutcome.ADJUSTED, "The calibration certificate of the Wangting gauge shows it over-read the "
                            + "flow by 18 per cent in the month. With the corrected mean flow the excess tonnage, and "
                            + "with it the amount owed, falls by the same share: " + corrected.amount().toPlainString()
                            + " yuan instead of " + adjusted.amount().amount().toPlainString() + ".", corrected));

            TransferView contested = owed.get(owed.size() - 2);
            String d3 = id("dispute:open");
            send.jurisdiction(WUXI, "raise-dispute", new RaiseDisputeCommand(d3, JIANGSU, WUXI,
                    new Subject(SubjectType.TRANSFER, contested.id()), List.of(SUZHOU), CLAIM_OPEN));
            send.registrar("assign-mediator", new AssignMediatorCommand(d3, TAIHU_BASIN_AUTHORITY));
            statement(d3, WUXI, null, STATEMENT_TEXTS.get(5));
            statement(d3, SUZHOU, null, STATEMENT_TEXTS.get(6));
        }

        private void statement(String disputeId, String jurisdiction, String mediator, String text) {
            Evidence evidence = evidence("Exhibit to dispute " + disputeId + ": " + text);
            if (mediator != null) {
                send.mediator(mediator, "statement", new AddStatementCommand(disputeId, null, mediator, text,
                        List.of(evidence)));
            } else {
                send.jurisdiction(jurisdiction, "statement", new AddStatementCommand(disputeId, jurisdiction, null,
                        text, List.of(evidence)));
            }
        }

        // ---- payments: every state of a transfer ----

        private void payments() {
            readAfterWrite.await();
            List<TransferView> owed = jiangsuTransfersInMonthOrder();
            int n = owed.size();
            for (int i = 0; i < n; i++) {
                if (i == 1 || i == n - 2 || i == n - 1) {
                    continue; // cancelled, under dispute, due
                }
                TransferStatus target = i == n - 4 ? TransferStatus.PAID
                        : i == n - 3 ? TransferStatus.ACKNOWLEDGED : TransferStatus.SETTLED;
                YearMonth month = YearMonth.parse(periodOf(owed.get(i)));
                advance(owed.get(i), target, month.plusMonths(2).atDay(15), "JS-FIN-" + month + "-WX");
            }

            List<TransferView> xinan = transfers(XINAN);
            for (TransferView transfer : xinan) {
                if (transfer.source() == TransferSource.FIXED_CONTRIBUTION) {
                    int contributionYear = Integer.parseInt(transfer.sourceId().substring(
                            transfer.sourceId().lastIndexOf(':') + 1));
                    LocalDate due = LocalDate.of(year - 3, 1, 1).plusYears(contributionYear);
                    // the second year's is paid 45 days after it fell due, 15 days late: it owes late interest
                    advance(transfer, contributionYear < 3 ? TransferStatus.SETTLED : TransferStatus.PAID,
                            due.plusDays(contributionYear == 2 ? 45 : 20), "MOF-ECO-" + due.getYear() + "-"
                                    + contributionYear);
                }
            }
            for (int assessed = year - 3; assessed <= year - 1; assessed++) {
                String assessmentId = id("assessment:" + XINAN + ":JIEKOU:" + assessed);
                for (TransferView transfer : xinan) {
                    if (assessmentId.equals(transfer.sourceId())) {
                        advance(transfer, assessed < year - 1 ? TransferStatus.SETTLED : TransferStatus.ACKNOWLEDGED,
                                LocalDate.of(assessed + 1, 4, 30), "XA-COMP-" + assessed);
                    }
                }
            }
            for (TransferView transfer : transfers(XINAN_ROUND_1)) {
                int contributionYear = Integer.parseInt(transfer.sourceId().substring(
                        transfer.sourceId().lastIndexOf(':') + 1));
                LocalDate due = LocalDate.of(year - 6, 1, 1).plusYears(contributionYear);
                advance(transfer, TransferStatus.SETTLED, due.plusDays(25), "MOF-ECO-" + due.getYear() + "-R1");
            }
            for (TransferView transfer : transfers(TAIPU)) {
                if (transfer.id().equals(id("transfer:taipu:algae"))) {
                    advance(transfer, TransferStatus.SETTLED, LocalDate.of(year - 1, 11, 20), "QP-CZ-" + (year - 1)
                            + "-0347");
                }
            }
        }

        private List<TransferView> jiangsuTransfersInMonthOrder() {
            Map<String, TransferView> bySource = new LinkedHashMap<>();
            for (TransferView transfer : transfers(JIANGSU)) {
                bySource.put(transfer.sourceId(), transfer);
            }
            List<TransferView> ordered = new ArrayList<>();
            for (String assessmentId : assessmentOfMonth.values()) {
                TransferView transfer = bySource.get(assessmentId);
                if (transfer != null) {
                    ordered.add(transfer);
                }
            }
            return ordered;
        }

        private String periodOf(TransferView transfer) {
            return assessmentOfMonth.entrySet().stream().filter(e -> e.getValue().equals(transfer.sourceId()))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
        }

        private void advance(TransferView transfer, TransferStatus target, LocalDate paidOn, String reference) {
            String payer = transfer.payer();
            send.jurisdiction(payer, "acknowledge", new AcknowledgeTransferCommand(transfer.id(), payer));
            if (target == TransferStatus.ACKNOWLEDGED) {
                return;
            }
            Instant paidAt = LedgerCalendar.startOf(paidOn).plusSeconds(10 * 3600);
            if (paidAt.isAfter(now)) {
                paidAt = now.minusSeconds(3600);
            }
            send.jurisdiction(payer, "pay", new RecordTransferPaymentCommand(transfer.id(), payer, reference, paidAt));
            if (target == TransferStatus.PAID) {
                return;
            }
            send.jurisdiction(transfer.payee(), "confirm-receipt",
                    new ConfirmTransferReceiptCommand(transfer.id(), transfer.payee()));
        }

        // ---- steps shared by the agreements ----

        private void amend(String agreementId, String party, AgreementDraft draft) {
            readAfterWrite.await();
            AgreementStatusView view = queries.query(new FindAgreementStatusQuery(agreementId, null),
                    AgreementStatusView.class).join();
            send.jurisdiction(party, "amend", new AmendAgreementCommand(agreementId, party, view.version(), draft));
        }

        private void signAll(String agreementId, AgreementDraft draft, String... parties) {
            byte[] document = CanonicalTerms.of(agreementId, draft).bytes();
            for (String party : parties) {
                KeyPair pair = keys.get(party);
                String keyId = KeyIds.of(pair.getPublic().getEncoded());
                send.jurisdiction(party, "sign", new SignAgreementCommand(agreementId, party, sign(pair, document),
                        keyId));
            }
        }

        private void report(String agreementId, String by, String sectionId, String period, List<Sample> samples,
                            BigDecimal flow) {
            String reportId = id("report:" + agreementId + ":" + sectionId + ":" + period);
            send.jurisdiction(by, "report", new SubmitMonitoringReportCommand(agreementId, reportId, by, sectionId,
                    period, samples, flow));
            reports++;
        }

        private String assess(String agreementId, String by, String sectionId, String period) {
            String assessmentId = id("assessment:" + agreementId + ":" + sectionId + ":" + period);
            send.jurisdiction(by, "assess", new AssessSectionCommand(agreementId, assessmentId, by, sectionId, period));
            assessments++;
            return assessmentId;
        }

        private void fulfil(String agreementId, String obligationId, String party, String document, String note) {
            send.jurisdiction(party, "fulfil", new FulfilObligationCommand(agreementId, obligationId, party,
                    List.of(evidence(document)), note));
        }

        /** A concentration near {@code base}, raised by {@code seasonal}, with 7 % noise; never below 30 % of it. */
        private BigDecimal concentration(double base, double seasonal, int scale) {
            double value = base * (1 + seasonal) * (1 + 0.07 * random.nextGaussian());
            return BigDecimal.valueOf(Math.max(value, base * 0.3)).setScale(scale, RoundingMode.HALF_UP);
        }

        private BigDecimal flow(double base, double seasonal) {
            double value = (base + seasonal) * (1 + 0.12 * random.nextGaussian());
            return BigDecimal.valueOf(Math.max(value, base * 0.3)).setScale(1, RoundingMode.HALF_UP);
        }
    }

    private static Instant sampleTime(YearMonth month, int day) {
        // 10:00 basin time
        return month.atDay(day).atTime(LocalTime.of(2, 0)).toInstant(ZoneOffset.UTC);
    }

    private static Sample sample(Instant takenAt, Pollutant pollutant, BigDecimal value) {
        return new Sample(takenAt, pollutant, value, "mg/L");
    }

    private static CompensationRule.Indicator indicator(Pollutant pollutant, String baseline) {
        return new CompensationRule.Indicator(pollutant, new BigDecimal(baseline), new BigDecimal("0.25"));
    }

    private static CompensationRule.PollutantRate rate(Pollutant pollutant, String target, String perTonne) {
        return new CompensationRule.PollutantRate(pollutant, new BigDecimal(target), cny(perTonne));
    }

    private static Money cny(String amount) {
        return Money.of(amount, Money.CNY);
    }

    /** Evidence for a document that lives outside the ledger: its SHA-256 and where it is published. */
    static Evidence evidence(String document) {
        try {
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(document.getBytes(StandardCharsets.UTF_8)));
            return new Evidence(sha256, "https://example.org/basin-ledger-demo/" + sha256.substring(0, 16) + ".pdf",
                    document.length() > 200 ? document.substring(0, 200) : document);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generateKeyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    private static String sign(KeyPair pair, byte[] document) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(pair.getPrivate());
            signer.update(document);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
