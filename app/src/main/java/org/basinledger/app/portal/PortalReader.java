package org.basinledger.app.portal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.incident.FindIncidentRecordQuery;
import org.basinledger.api.incident.IncidentList;
import org.basinledger.api.incident.IncidentRecord;
import org.basinledger.api.incident.IncidentView;
import org.basinledger.api.incident.WatchIncidentsQuery;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementHistoryPage;
import org.basinledger.api.agreement.AgreementPage;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.AgreementTermsDocument;
import org.basinledger.api.agreement.AmendmentList;
import org.basinledger.api.agreement.AmendmentStatus;
import org.basinledger.api.agreement.AmendmentTermsDocument;
import org.basinledger.api.agreement.AmendmentView;
import org.basinledger.api.agreement.FindAmendmentTermsQuery;
import org.basinledger.api.agreement.FindAmendmentsQuery;
import java.util.ArrayList;
import java.util.Iterator;
import org.basinledger.api.agreement.FindAgreementHistoryQuery;
import org.basinledger.api.agreement.FindAgreementTermsQuery;
import org.basinledger.api.agreement.ListAgreementsQuery;
import org.basinledger.api.agreement.ObligationStatus;
import org.basinledger.api.agreement.PartyRole;
import org.basinledger.api.common.Caller;
import org.basinledger.api.common.Money;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.compliance.AssessmentView;
import org.basinledger.api.compliance.ComplianceHistory;
import org.basinledger.api.compliance.FindComplianceHistoryQuery;
import org.basinledger.api.ledger.FindInclusionProofQuery;
import org.basinledger.api.ledger.FindLedgerKeyQuery;
import org.basinledger.api.ledger.FindTreeHeadQuery;
import org.basinledger.api.ledger.InclusionProof;
import org.basinledger.api.ledger.LedgerKeyView;
import org.basinledger.api.ledger.SignedTreeHead;
import org.basinledger.api.registry.FindJurisdictionQuery;
import org.basinledger.api.registry.JurisdictionList;
import org.basinledger.api.registry.JurisdictionView;
import org.basinledger.api.registry.ListJurisdictionsQuery;
import org.basinledger.api.transfer.FindBalanceQuery;
import org.basinledger.api.transfer.FindMoneyOverTimeQuery;
import org.basinledger.api.transfer.JurisdictionBalance;
import org.basinledger.api.transfer.ListTransfersQuery;
import org.basinledger.api.transfer.MoneyOverTime;
import org.basinledger.api.transfer.TransferList;
import org.basinledger.api.transfer.TransferView;
import org.basinledger.app.web.agreement.AgreementVisibility;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Everything the public pages show, read through the query gateway as {@link Caller#PUBLIC} and by the API's
 * visibility rules ({@link AgreementVisibility}): a draft never opened for signature does not exist here; money,
 * reports and assessments only once the agreement has entered into force; disputes only as the outcome and
 * reasoning of their rulings, never their claims or statements. An agreement that a rejection sent back to draft
 * shows the terms that were last open for signature, not the parties' unpublished amendments.
 */
@Component
public class PortalReader {

    private static final Caller PUBLIC = Caller.PUBLIC;

    private final QueryGateway queries;
    private final ObjectReader draftReader;
    private final ObjectMapper objectMapper;
    private final int rowsPerTable;

    private final int chartAssessments;

    /**
     * {@code rowsPerTable}: rows of a long table (history, transfers, assessments, rulings) on one agreement page;
     * {@code chartAssessments}: the latest assessments the charts are drawn from.
     */
    public PortalReader(QueryGateway queries, ObjectMapper objectMapper,
                        @Value("${ledger.portal.rows-per-table:100}") int rowsPerTable,
                        @Value("${ledger.portal.chart-assessments:120}") int chartAssessments) {
        this.queries = queries;
        this.objectMapper = objectMapper;
        this.draftReader = objectMapper.readerFor(AgreementDraft.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        if (rowsPerTable < 1) {
            throw new IllegalArgumentException("ledger.portal.rows-per-table must be 1 or more");
        }
        this.rowsPerTable = rowsPerTable;
        if (chartAssessments < 1) {
            throw new IllegalArgumentException("ledger.portal.chart-assessments must be 1 or more");
        }
        this.chartAssessments = chartAssessments;
    }

    /** Which part of each long table an agreement page shows: pages from 1, history after an event's sequence. */
    public record TableSelection(int transfersPage, int assessmentsPage, long historyAfter) {

        public static final TableSelection FIRST = new TableSelection(1, 1, 0);
    }

    /** One page of a long table: {@code page} from 1, at most {@code totalPages} (0 for an empty table). */
    public record TablePage<T>(List<T> rows, int page, long totalRows, long totalPages) {

        public boolean hasPrevious() {
            return page > 1;
        }

        public boolean hasNext() {
            return page < totalPages;
        }
    }

    /** The events of one page of the history: after {@code after}; {@code nextAfter} null when none follow. */
    public record HistoryPart(List<HistoryRow> rows, long after, Long nextAfter) {
    }

    /** A party as the pages show it. */
    public record PartyRow(String jurisdictionId, String name, PartyRole role, Instant signedAt) {
    }

    /** An agreement as the public may see it (never a draft: see AgreementVisibility) with its frozen terms. */
    public record PublicAgreement(AgreementStatusView status, String title, String basin, LocalDate effectiveFrom,
                                  LocalDate effectiveUntil, List<PartyRow> parties, AgreementDraft terms,
                                  String termsHash) {

        /** A monitoring section as people know it, "Jiekou (JIEKOU)"; its id alone when the terms do not name it. */
        public String sectionName(String sectionId) {
            if (sectionId == null || terms == null || terms.terms() == null || terms.terms().sections() == null) {
                return sectionId;
            }
            return terms.terms().sections().stream().filter(s -> sectionId.equals(s.id())).findFirst()
                    .map(s -> s.name() + " (" + s.id() + ")").orElse(sectionId);
        }
    }

    /** An obligation and (once it can have one) its state. */
    public record ObligationRow(String id, String party, String partyName, String description, LocalDate dueDate,
                                ObligationStatus status, Instant fulfilledAt) {
    }

    /**
     * One event of the agreement's history: only what is public of it, never its payload; {@code occurredAt} is when
     * the ledger recorded it, {@code happened} when it happened in the basin where the event says so (a payment's
     * {@code paidAt}, a report's or an assessment's period, the date an agreement came into force), else null.
     */
    public record HistoryRow(long sequence, String type, Instant occurredAt, String actor, Long leafIndex,
                             String happened) {
    }

    /** The field of each event type that says when it happened in the basin (all public where the event is). */
    private static final Map<String, String> HAPPENED = Map.of(
            "TransferPaid", "paidAt",
            "MonitoringReportSubmitted", "period",
            "AssessmentRecorded", "period",
            "FixedContributionFellDue", "period",
            "ObligationOverdue", "dueDate",
            "AgreementEnteredIntoForce", "effectiveFrom",
            "AgreementExpired", "effectiveUntil");

    /**
     * The agreement page: the long tables a page at a time ({@code history}, {@code transfers},
     * {@code assessments}); the charts over the latest {@code chartedAssessments} assessments (all when there are no
     * more); the first rulings (their count in {@code compliance.counts()}).
     */
    public record AgreementPageModel(PublicAgreement agreement, boolean details, List<ObligationRow> obligations,
                                     ComplianceHistory compliance, List<ComplianceChart> charts,
                                     int chartedAssessments,
                                     HistoryPart history, TablePage<TransferView> transfers,
                                     TablePage<AssessmentView> assessments, TableSelection selection,
                                     Map<String, String> names, Instant readAt, List<RoundRow> rounds,
                                     List<VersionRow> versions, List<AmendmentView> pendingOrRejected) {
    }

    /** Who signed a version of the terms, and when. */
    public record SignatureRow(String jurisdictionId, String name, Instant signedAt) {
    }

    /**
     * A version of the agreement's terms: 0 as first signed, {@code n} as adopted amendment {@code n} made it; from
     * when it applies, its hash, why (amendments), who signed it and when, and whether it is the one in effect.
     */
    public record VersionRow(int number, LocalDate validFrom, String termsHash, String reason,
                             List<SignatureRow> signatures, Instant inEffectAt, boolean current) {
    }

    /** One field of the canonical documents compared, its value in each (null: absent), and how it changed. */
    public record DiffRow(String field, String before, String after) {

        public String change() {
            if (before == null) {
                return "added";
            }
            if (after == null) {
                return "removed";
            }
            return before.equals(after) ? "same" : "changed";
        }
    }

    /**
     * Two versions of an agreement's terms compared field by field ({@code rows} every field of either, in the
     * documents' order; {@code changed} those that differ); {@code versions} every public version to choose from.
     */
    public record DiffModel(PublicAgreement agreement, int from, int to, List<VersionRow> versions,
                            List<DiffRow> rows, long changed) {
    }

    /**
     * One round of a chain of agreements that continue each other ({@code predecessorId}), oldest first, with its
     * results once in force: periods assessed and met, and what was paid under it per currency.
     */
    public record RoundRow(String id, String title, AgreementStatus status, LocalDate effectiveFrom,
                           LocalDate effectiveUntil, boolean current, boolean details, int periodsAssessed,
                           int periodsMet, List<Money> paid) {
    }

    /** The agreement list. */
    public record ListModel(List<PublicAgreement> items, int page, int size, long totalItems, int totalPages) {
    }

    /** A jurisdiction page. */
    public record JurisdictionModel(JurisdictionView jurisdiction, List<PublicAgreement> agreements,
                                    long totalAgreements, JurisdictionBalance balance, List<MoneyChart> money,
                                    Map<String, String> names) {
    }

    /** The ledger page: its latest signed head (null before the first event) and key, and whether they agree. */
    public record LedgerModel(SignedTreeHead head, LedgerKeyView key, boolean signatureValid) {

        /** Shell commands that check the head's signature with OpenSSL 3, offline. */
        public String verificationScript() {
            if (head == null || key == null) {
                return "";
            }
            return "printf -- '-----BEGIN PUBLIC KEY-----\\n%s\\n-----END PUBLIC KEY-----\\n' \\\n"
                    + "  '" + key.publicKey() + "' > ledger.pem\n"
                    + "printf '%s' 'basin-ledger:tree-head:v1:" + head.treeSize() + ":" + head.rootHash() + ":"
                    + head.timestamp() + "' > head.txt\n"
                    + "printf '%s' '" + head.signature() + "' | base64 -d > head.sig\n"
                    + "openssl pkeyutl -verify -pubin -inkey ledger.pem -rawin -in head.txt -sigfile head.sig";
        }
    }

    public ListModel agreements(AgreementStatus status, String party, String basin, int page, int size) {
        AgreementPage found = ask(new ListAgreementsQuery(status, party, basin, page, size, PUBLIC), AgreementPage.class);
        Map<String, String> names = names();
        return new ListModel(found.items().stream().map(v -> publicFace(v, names)).toList(), found.page(), found.size(),
                found.totalItems(), found.totalPages());
    }

    public AgreementPageModel agreement(String id, TableSelection selection) {
        AgreementStatusView status = visible(id);
        Map<String, String> names = names();
        PublicAgreement agreement = publicFace(status, names);
        boolean details = AgreementVisibility.canSeeDetails(status, PUBLIC);
        // the summary, the counts, the first rulings and the first page of assessments
        ComplianceHistory compliance = ask(new FindComplianceHistoryQuery(id, 0, rowsPerTable),
                ComplianceHistory.class);
        if (compliance == null) {
            compliance = new ComplianceHistory(id, List.of(), List.of(), List.of(), List.of(),
                    new ComplianceHistory.Summary(0, 0, null));
        } else if (!details) {
            compliance = new ComplianceHistory(id, List.of(), compliance.obligations(), List.of(), compliance.rulings(),
                    new ComplianceHistory.Summary(0, 0, null), new ComplianceHistory.Counts(0, 0,
                    compliance.counts().rulings()));
        }
        // one row more than shown: whether later events exist, so a "later events" link never leads to nothing
        AgreementHistoryPage events = ask(new FindAgreementHistoryQuery(id, selection.historyAfter(),
                rowsPerTable + 1), AgreementHistoryPage.class);
        List<HistoryRow> rows = events == null ? List.of() : events.items().stream()
                .limit(rowsPerTable)
                .map(e -> new HistoryRow(e.sequence(), e.type(), e.occurredAt(), e.actor(), e.leafIndex(),
                        happened(e.type(), e.payload())))
                .toList();
        Long nextAfter = events != null && events.items().size() > rowsPerTable
                ? rows.get(rows.size() - 1).sequence() : null;
        HistoryPart history = new HistoryPart(rows, selection.historyAfter(), nextAfter);
        TablePage<TransferView> transfers = new TablePage<>(List.of(), 1, 0, 0);
        if (details) {
            long offset = (long) (selection.transfersPage() - 1) * rowsPerTable;
            TransferList page = ask(new ListTransfersQuery(id, null, null, offset, rowsPerTable), TransferList.class);
            transfers = new TablePage<>(page.items(), selection.transfersPage(), page.total(), pages(page.total()));
        }
        long assessed = compliance.counts().assessments();
        long tableOffset = (long) (selection.assessmentsPage() - 1) * rowsPerTable;
        List<AssessmentView> tableRows = tableOffset == 0 ? compliance.assessments()
                : tableOffset < assessed ? assessmentsFrom(id, tableOffset, rowsPerTable) : List.of();
        TablePage<AssessmentView> assessments = new TablePage<>(tableRows, selection.assessmentsPage(), assessed, pages(assessed));
        List<AssessmentView> charted = latestAssessments(id, assessed);
        return new AgreementPageModel(agreement, details, obligations(agreement, names), compliance,
                ComplianceChart.of(charted), charted.size(), history, transfers, assessments, selection, names,
                Instant.now(), rounds(status), versions(status, names),
                amendments(id).stream().filter(x -> x.status() != AmendmentStatus.ADOPTED).toList());
    }

    /** The agreement's amendments, by number (none when it has none). */
    private List<AmendmentView> amendments(String id) {
        AmendmentList list = ask(new FindAmendmentsQuery(id), AmendmentList.class);
        return list == null ? List.of() : list.items();
    }

    /**
     * Every version of the public agreement's terms, oldest first: version 0 signed by its parties (the signatures
     * the history shows, after the last rejection of the draft), then each adopted amendment with its signatures.
     */
    List<VersionRow> versions(AgreementStatusView status, Map<String, String> names) {
        List<VersionRow> versions = new ArrayList<>();
        AgreementTermsDocument original = ask(new FindAgreementTermsQuery(status.id()), AgreementTermsDocument.class);
        if (original == null || status.inForceAt() == null && status.signedAt() == null) {
            return versions;
        }
        AgreementDraft first = parse(original.canonicalDocument());
        versions.add(new VersionRow(0, first == null ? status.effectiveFrom() : first.effectiveFrom(),
                original.termsHash(), null, originalSignatures(status.id(), names), status.inForceAt(),
                status.termsVersion() == 0));
        for (AmendmentView amendment : amendments(status.id())) {
            if (amendment.status() != AmendmentStatus.ADOPTED) {
                continue;
            }
            versions.add(new VersionRow(amendment.number(), amendment.validFrom(), amendment.termsHash(),
                    amendment.reason(), amendment.signatures().stream()
                    .map(x -> new SignatureRow(x.jurisdictionId(),
                            names.getOrDefault(x.jurisdictionId(), x.jurisdictionId()), x.signedAt()))
                    .toList(), amendment.inEffectAt(), status.termsVersion() == amendment.number()));
        }
        return versions;
    }

    /** The agreement's signatures of its first terms: its AgreementSigned events after its last rejection. */
    private List<SignatureRow> originalSignatures(String id, Map<String, String> names) {
        List<SignatureRow> signatures = new ArrayList<>();
        long after = 0;
        // signing comes before anything in force: the first pages of the history hold it
        for (int pages = 0; pages < 5; pages++) {
            AgreementHistoryPage page = ask(new FindAgreementHistoryQuery(id, after, 200), AgreementHistoryPage.class);
            if (page == null || page.items().isEmpty()) {
                break;
            }
            for (AgreementHistoryPage.Entry entry : page.items()) {
                if ("AgreementRejected".equals(entry.type())) {
                    signatures.clear();
                } else if ("AgreementSigned".equals(entry.type())) {
                    String party = field(entry.payload(), "jurisdictionId");
                    signatures.add(new SignatureRow(party, names.getOrDefault(party, party), entry.occurredAt()));
                } else if ("AgreementEnteredIntoForce".equals(entry.type()) || "AgreementFullySigned".equals(entry.type())) {
                    return signatures;
                }
            }
            if (page.nextAfter() == null) {
                break;
            }
            after = page.nextAfter();
        }
        return signatures;
    }

    private String field(String payload, String name) {
        try {
            JsonNode value = objectMapper.readTree(payload).path(name);
            return value.isValueNode() && !value.isNull() ? value.asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * Two public versions of the agreement's terms compared field by field; {@code from} and {@code to} as typed (a
     * value that is not a version number: the version before the one in effect, and the one in effect). An unknown
     * or not public version is not found.
     */
    public DiffModel diff(String id, String from, String to) {
        AgreementStatusView status = visible(id);
        Map<String, String> names = names();
        List<VersionRow> versions = versions(status, names);
        if (versions.isEmpty()) {
            throw new NotFoundException("agreement " + id + " has no signed terms to compare");
        }
        int current = status.termsVersion();
        int previous = versions.stream().mapToInt(VersionRow::number).filter(n -> n < current).max().orElse(current);
        int a = parseVersion(from, previous);
        int b = parseVersion(to, current);
        JsonNode before = document(id, a, versions);
        JsonNode after = document(id, b, versions);
        Map<String, String> left = new LinkedHashMap<>();
        Map<String, String> right = new LinkedHashMap<>();
        flatten("", before, left);
        flatten("", after, right);
        List<String> fields = new ArrayList<>(left.keySet());
        right.keySet().stream().filter(k -> !left.containsKey(k)).forEach(fields::add);
        List<DiffRow> rows = fields.stream().map(f -> new DiffRow(f, left.get(f), right.get(f))).toList();
        long changed = rows.stream().filter(r -> !"same".equals(r.change())).count();
        return new DiffModel(publicFace(status, names), a, b, versions, rows, changed);
    }

    private static int parseVersion(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The canonical document of a public version, parsed. */
    private JsonNode document(String id, int version, List<VersionRow> versions) {
        if (versions.stream().noneMatch(v -> v.number() == version)) {
            throw new NotFoundException("agreement " + id + " has no public version " + version + " of its terms");
        }
        String text;
        if (version == 0) {
            text = ask(new FindAgreementTermsQuery(id), AgreementTermsDocument.class).canonicalDocument();
        } else {
            text = ask(new FindAmendmentTermsQuery(id, version), AmendmentTermsDocument.class).canonicalDocument();
        }
        try {
            return objectMapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the canonical document of version " + version + " of " + id
                    + " is not JSON", e);
        }
    }

    /** Every value of the document by its path ({@code terms.compensation[1].amount.amount}), in document order. */
    private static void flatten(String path, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                into.put(path, "{}");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), into);
            }
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                into.put(path, "[]");
            }
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), into);
            }
        } else {
            into.put(path, node.isNull() ? "null" : node.asText());
        }
    }

    /** The most rounds a chain shows on each side of the agreement. */
    static final int MAX_ROUNDS = 20;

    /**
     * The chain of rounds the agreement belongs to, oldest first: its predecessors as far back as they are public,
     * itself, and its public successors; empty when it continues none and none continues it.
     */
    private List<RoundRow> rounds(AgreementStatusView agreement) {
        if (agreement.predecessorId() == null && agreement.successorId() == null) {
            return List.of();
        }
        LinkedList<AgreementStatusView> chain = new LinkedList<>(List.of(agreement));
        Set<String> seen = new HashSet<>(List.of(agreement.id()));
        for (String id = agreement.predecessorId(); id != null && seen.add(id) && seen.size() <= MAX_ROUNDS; ) {
            AgreementStatusView round = publicOrNull(id);
            if (round == null) {
                break;
            }
            chain.addFirst(round);
            id = round.predecessorId();
        }
        for (String id = agreement.successorId(); id != null && seen.add(id) && seen.size() <= 2 * MAX_ROUNDS; ) {
            AgreementStatusView round = publicOrNull(id);
            if (round == null) {
                break;
            }
            chain.addLast(round);
            id = round.successorId();
        }
        return chain.stream().map(round -> roundRow(round, round.id().equals(agreement.id()))).toList();
    }

    private AgreementStatusView publicOrNull(String id) {
        AgreementStatusView view = ask(new org.basinledger.api.agreement.FindAgreementStatusQuery(id, null),
                AgreementStatusView.class);
        return view != null && AgreementVisibility.canSee(view, PUBLIC) ? view : null;
    }

    private RoundRow roundRow(AgreementStatusView round, boolean current) {
        boolean details = AgreementVisibility.canSeeDetails(round, PUBLIC);
        int assessed = 0;
        int met = 0;
        List<Money> paid = List.of();
        if (details) {
            ComplianceHistory compliance = ask(new FindComplianceHistoryQuery(round.id(), 0, 1), ComplianceHistory.class);
            if (compliance != null && compliance.summary() != null) {
                assessed = compliance.summary().periodsAssessed();
                met = compliance.summary().periodsMet();
            }
            MoneyOverTime money = ask(FindMoneyOverTimeQuery.ofAgreement(round.id()), MoneyOverTime.class);
            Map<String, BigDecimal> byCurrency = new TreeMap<>();
            if (money != null) {
                money.totals().stream().filter(t -> t.flow() == MoneyOverTime.Flow.PAID)
                        .forEach(t -> byCurrency.merge(t.currency(), t.amount(), BigDecimal::add));
            }
            paid = byCurrency.entrySet().stream().map(e -> Money.of(e.getValue(), e.getKey())).toList();
        }
        return new RoundRow(round.id(), round.title(), round.status(), round.effectiveFrom(), round.effectiveUntil(),
                current, details, assessed, met, paid);
    }

    /** The latest {@code chartAssessments} of the agreement's {@code assessed} assessments, oldest first. */
    private List<AssessmentView> latestAssessments(String id, long assessed) {
        if (assessed == 0) {
            return List.of();
        }
        return assessmentsFrom(id, Math.max(0, assessed - chartAssessments), chartAssessments);
    }

    private List<AssessmentView> assessmentsFrom(String id, long offset, int limit) {
        ComplianceHistory page = ask(new FindComplianceHistoryQuery(id, offset, limit), ComplianceHistory.class);
        return page == null ? List.of() : page.assessments();
    }

    /**
     * The agreement's money over time, a chart per currency; none (empty) until its money is public, when it has
     * entered into force, as its transfers.
     */
    public List<MoneyChart> agreementMoney(String id) {
        if (!AgreementVisibility.canSeeDetails(visible(id), PUBLIC)) {
            return List.of();
        }
        return MoneyChart.of(ask(FindMoneyOverTimeQuery.ofAgreement(id), MoneyOverTime.class));
    }

    private long pages(long rows) {
        return (rows + rowsPerTable - 1) / rowsPerTable;
    }

    public JurisdictionModel jurisdiction(String id) {
        JurisdictionView jurisdiction = ask(new FindJurisdictionQuery(id), JurisdictionView.class);
        if (jurisdiction == null) {
            throw new NotFoundException("no jurisdiction " + id);
        }
        Map<String, String> names = names();
        AgreementPage page = ask(new ListAgreementsQuery(null, id, null, 0, 100, PUBLIC), AgreementPage.class);
        JurisdictionBalance balance = ask(new FindBalanceQuery(id), JurisdictionBalance.class);
        List<MoneyChart> money = MoneyChart.of(ask(FindMoneyOverTimeQuery.ofJurisdiction(id), MoneyOverTime.class));
        return new JurisdictionModel(jurisdiction, page.items().stream().map(v -> publicFace(v, names)).toList(),
                page.totalItems(), balance, money, names);
    }

    /**
     * The open incidents the banner shows, of one agreement or all (null), newest first (at most
     * {@value org.basinledger.query.incident.IncidentProjection#MAX_WATCHED}): incidents are raised only under
     * agreements in force, whose details are public.
     */
    public IncidentBanner openIncidents(String agreementId) {
        IncidentList open = ask(new WatchIncidentsQuery(agreementId), IncidentList.class);
        return new IncidentBanner(agreementId, open.items(), open.total(), names());
    }

    /** The banner of open incidents: the incidents, how many are open in all, and the names of jurisdictions. */
    public record IncidentBanner(String agreementId, List<IncidentView> incidents, long total,
                                 Map<String, String> names) {

        /** How many of the incident's current notices were acknowledged, of those not withdrawn. */
        public String acknowledgements(IncidentView incident) {
            long current = incident.notices().stream().filter(n -> !n.withdrawn()).count();
            long acknowledged = incident.notices().stream().filter(n -> !n.withdrawn() && n.acknowledgedAt() != null)
                    .count();
            return acknowledged + " of " + current;
        }
    }

    /** A jurisdiction's public record of answering incidents' notices. */
    public IncidentRecord incidentRecord(String jurisdictionId) {
        return ask(new FindIncidentRecordQuery(jurisdictionId), IncidentRecord.class);
    }

    public LedgerModel ledger() {
        SignedTreeHead head = ask(FindTreeHeadQuery.latest(), SignedTreeHead.class);
        LedgerKeyView key = ask(new FindLedgerKeyQuery(), LedgerKeyView.class);
        return new LedgerModel(head, key, head != null && key != null && head.isSignedBy(key.publicKey()));
    }

    /** A leaf of the integrity log with its proof of inclusion in the latest signed head, and whether it holds. */
    public record LeafModel(InclusionProof proof, SignedTreeHead head, boolean verifies) {
    }

    /** Leaf {@code leafIndex} proven against the latest signed head; not found when no head covers it yet. */
    public LeafModel leaf(long leafIndex) {
        SignedTreeHead head = ask(FindTreeHeadQuery.latest(), SignedTreeHead.class);
        if (head == null || leafIndex < 0 || leafIndex >= head.treeSize()) {
            throw new NotFoundException("no signed head covers leaf " + leafIndex + " yet");
        }
        InclusionProof proof = ask(new FindInclusionProofQuery(leafIndex, head.treeSize()), InclusionProof.class);
        return new LeafModel(proof, head, proof.verifies(head.rootHash()));
    }

    /** When the event says it happened in the basin (its {@link #HAPPENED} field), or null. */
    private String happened(String type, String payload) {
        String field = HAPPENED.get(type);
        if (field == null || payload == null) {
            return null;
        }
        try {
            JsonNode value = objectMapper.readTree(payload).path(field);
            return value.isValueNode() && !value.isNull() ? value.asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Every registered jurisdiction's name by id, ordered by id. */
    public Map<String, String> names() {
        JurisdictionList list = ask(new ListJurisdictionsQuery(), JurisdictionList.class);
        Map<String, String> names = new LinkedHashMap<>();
        if (list != null) {
            list.jurisdictions().forEach(j -> names.put(j.id(), j.name()));
        }
        return names;
    }

    private AgreementStatusView visible(String id) {
        AgreementStatusView view = ask(new org.basinledger.api.agreement.FindAgreementStatusQuery(id, null),
                AgreementStatusView.class);
        if (view == null || !AgreementVisibility.canSee(view, PUBLIC)) {
            throw new NotFoundException("no agreement " + id);
        }
        return view;
    }

    private PublicAgreement publicFace(AgreementStatusView view, Map<String, String> names) {
        if (view.termsVersion() > 0) {
            // the terms in effect: those of the amendment that made them (its document has the draft's fields too)
            AmendmentTermsDocument amended = ask(new FindAmendmentTermsQuery(view.id(), view.termsVersion()),
                    AmendmentTermsDocument.class);
            if (amended != null) {
                return publicFace(view, names, parse(amended.canonicalDocument()), amended.termsHash());
            }
        }
        AgreementTermsDocument document = ask(new FindAgreementTermsQuery(view.id()), AgreementTermsDocument.class);
        AgreementDraft frozen = document == null ? null : parse(document.canonicalDocument());
        return publicFace(view, names, frozen, document == null ? view.termsHash() : document.termsHash());
    }

    private PublicAgreement publicFace(AgreementStatusView view, Map<String, String> names, AgreementDraft frozen,
                                       String termsHash) {
        List<PartyRow> parties = view.parties().stream()
                .map(p -> new PartyRow(p.jurisdictionId(), names.getOrDefault(p.jurisdictionId(), p.jurisdictionId()),
                        p.role(), p.signedAt()))
                .toList();
        return new PublicAgreement(view, view.title(), view.basin(), view.effectiveFrom(), view.effectiveUntil(),
                parties, frozen, termsHash);
    }

    private List<ObligationRow> obligations(PublicAgreement agreement, Map<String, String> names) {
        if (agreement.status().obligations() == null) {
            if (agreement.terms() == null || agreement.terms().terms() == null) {
                return List.of();
            }
            return agreement.terms().terms().obligations().stream()
                    .map(o -> new ObligationRow(o.id(), o.party(), names.getOrDefault(o.party(), o.party()),
                            o.description(), o.dueDate(), null, null))
                    .toList();
        }
        return agreement.status().obligations().stream()
                .sorted(Comparator.comparing(AgreementStatusView.ObligationView::dueDate,
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .map(o -> new ObligationRow(o.id(), o.party(), names.getOrDefault(o.party(), o.party()),
                        o.description(), o.dueDate(), o.status(), o.fulfilledAt()))
                .toList();
    }

    private AgreementDraft parse(String canonicalDocument) {
        try {
            return draftReader.readValue(canonicalDocument);
        } catch (Exception e) {
            return null;
        }
    }

    private <R> R ask(Object query, Class<R> type) {
        try {
            return queries.query(query, type).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
