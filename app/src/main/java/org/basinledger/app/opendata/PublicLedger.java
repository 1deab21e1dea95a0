package org.basinledger.app.opendata;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.incident.IncidentList;
import org.basinledger.api.incident.IncidentStatus;
import org.basinledger.api.incident.IncidentView;
import org.basinledger.api.incident.ListIncidentsQuery;
import org.basinledger.api.incident.WarningLevel;
import org.basinledger.api.agreement.AgreementPage;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.AgreementTermsDocument;
import org.basinledger.api.agreement.FindAgreementStatusQuery;
import org.basinledger.api.agreement.FindAgreementTermsQuery;
import org.basinledger.api.agreement.ListAgreementsQuery;
import org.basinledger.api.agreement.PartyRole;
import org.basinledger.api.common.Caller;
import org.basinledger.api.common.Money;
import org.basinledger.api.compliance.AssessmentView;
import org.basinledger.api.compliance.ComplianceHistory;
import org.basinledger.api.compliance.FindComplianceHistoryQuery;
import org.basinledger.api.dispute.DisputeList;
import org.basinledger.api.dispute.DisputeStatus;
import org.basinledger.api.dispute.DisputeSummary;
import org.basinledger.api.dispute.ListDisputesQuery;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.ledger.FindTreeHeadQuery;
import org.basinledger.api.ledger.SignedTreeHead;
import org.basinledger.api.registry.JurisdictionList;
import org.basinledger.api.registry.JurisdictionView;
import org.basinledger.api.registry.ListJurisdictionsQuery;
import org.basinledger.api.report.FindPublicReportStatisticsQuery;
import org.basinledger.api.report.ListPublicReportsQuery;
import org.basinledger.api.report.PublicReportList;
import org.basinledger.api.report.PublicReportStatistics;
import org.basinledger.api.report.PublicReportStatus;
import org.basinledger.api.report.PublicReportView;
import org.basinledger.api.transfer.ListTransfersQuery;
import org.basinledger.api.transfer.TransferList;
import org.basinledger.api.transfer.TransferStatus;
import org.basinledger.api.transfer.TransferView;
import org.basinledger.app.web.agreement.AgreementVisibility;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The ledger as the public sees it, read through the query gateway with the rules of
 * {@link AgreementVisibility} for {@link Caller#PUBLIC}: an agreement once it is open for signature or later (a
 * draft is private, also when a rejection has sent a once-public agreement back to draft),
 * its money, monitoring and assessments once it has entered into force, a dispute once it is ruled (without its
 * claim and statements), jurisdictions with their public keys. Whatever token a request carries, open data is
 * this one view. Agreements are read page by page, everything else one agreement at a time, so a download never
 * holds more than one page or one agreement's items in memory.
 */
@Component
public class PublicLedger {

    /** Transfers read at once while a list is written. */
    static final int TRANSFER_PAGE = 500;

    static final int PAGE_SIZE = 100;

    private final QueryGateway queries;
    private final ObjectMapper json;
    private final String ocidPrefix;

    public PublicLedger(QueryGateway queries, ObjectMapper json,
                        @Value("${ledger.open-data.ocid-prefix:basin-ledger-}") String ocidPrefix) {
        this.queries = queries;
        this.json = json;
        this.ocidPrefix = ocidPrefix;
    }

    /** A party of a public agreement; {@code signedAt} and {@code keyId} for the current public terms. */
    public record PartyEntry(String jurisdictionId, PartyRole role, Instant signedAt, String keyId) {
    }

    /** A public agreement as the downloads show it. */
    public record AgreementEntry(String id, String ocid, String title, String basin, AgreementStatus status,
                                 String termsHash, LocalDate effectiveFrom, LocalDate effectiveUntil,
                                 List<PartyEntry> parties, Instant publicSince, Instant signedAt, Instant inForceAt,
                                 Instant endedAt, String endReason, int openDisputes,
                                 AgreementStatusView.Outstanding outstanding, String recordUrl,
                                 Instant terminationEffectiveAt) {
    }

    /** A ruled dispute: who, about what, the ruling and its reasoning; never the claim or the statements. */
    public record RulingEntry(String disputeId, String agreementId, Subject subject, String claimant,
                              List<String> respondents, String mediatorId, String outcome, String reasoning,
                              Money adjustedAmount, Instant raisedAt, Instant ruledAt) {
    }

    /** An agreement's public status view, with its terms document when it was read (records read it). */
    public record PublicAgreement(AgreementStatusView view, AgreementTermsDocument terms) {

        public boolean inForceOrEnded() {
            return AgreementVisibility.canSeeDetails(view, Caller.PUBLIC);
        }
    }

    public String ocid(String agreementId) {
        return ocidPrefix + agreementId;
    }

    /** The agreement with its terms document when the public may see it, else null (unknown, or a draft). */
    public PublicAgreement agreement(String agreementId) {
        AgreementStatusView view = queries.query(new FindAgreementStatusQuery(agreementId, null),
                AgreementStatusView.class).join();
        if (view == null || !AgreementVisibility.canSee(view, Caller.PUBLIC)) {
            return null;
        }
        return new PublicAgreement(view, termsInEffect(view));
    }

    /** The canonical document of the terms in effect: the first signed, or that of the amendment in effect. */
    private AgreementTermsDocument termsInEffect(AgreementStatusView view) {
        if (view.termsVersion() > 0) {
            org.basinledger.api.agreement.AmendmentTermsDocument amended = queries.query(
                    new org.basinledger.api.agreement.FindAmendmentTermsQuery(view.id(), view.termsVersion()),
                    org.basinledger.api.agreement.AmendmentTermsDocument.class).join();
            if (amended != null) {
                return new AgreementTermsDocument(view.id(), amended.canonicalDocument(), amended.termsHash(), true);
            }
        }
        return queries.query(new FindAgreementTermsQuery(view.id()), AgreementTermsDocument.class).join();
    }

    /** Every public agreement matching the filters (each optional), newest first, page by page. */
    public void agreements(AgreementStatus status, String party, String basin, Consumer<PublicAgreement> visitor) {
        int page = 0;
        AgreementPage current;
        do {
            current = queries.query(new ListAgreementsQuery(status, party, basin, page, PAGE_SIZE, Caller.PUBLIC),
                    AgreementPage.class).join();
            for (AgreementStatusView view : current.items()) {
                if (AgreementVisibility.canSee(view, Caller.PUBLIC)) {
                    visitor.accept(new PublicAgreement(view, null));
                }
            }
            page++;
        } while (page < current.totalPages());
    }

    /** The public agreements whose details are public (in force, or ended after being in force). */
    private void detailedAgreements(String agreementId, Consumer<PublicAgreement> visitor) {
        if (agreementId != null) {
            PublicAgreement one = agreement(agreementId);
            if (one != null && one.inForceOrEnded()) {
                visitor.accept(one);
            }
            return;
        }
        agreements(null, null, null, a -> {
            if (a.inForceOrEnded()) {
                visitor.accept(a);
            }
        });
    }

    public void agreementEntries(AgreementStatus status, String party, String basin, Consumer<AgreementEntry> visitor) {
        agreements(status, party, basin, a -> visitor.accept(entry(a)));
    }

    /** The agreement as published. */
    public AgreementEntry entry(PublicAgreement agreement) {
        AgreementStatusView view = agreement.view();
        List<PartyEntry> parties = view.parties().stream()
                .map(p -> new PartyEntry(p.jurisdictionId(), p.role(), p.signedAt(), p.keyId())).toList();
        return new AgreementEntry(view.id(), ocid(view.id()), view.title(), view.basin(), view.status(),
                view.termsHash(), view.effectiveFrom(), view.effectiveUntil(), parties, view.publicSince(),
                view.signedAt(), view.inForceAt(), view.endedAt(), view.endReason(), view.openDisputes(),
                view.outstanding(), "/open-data/agreements/" + view.id() + "/record.json",
                view.terminationEffectiveAt());
    }

    /** The canonical document as JSON; an empty object when there is none. */
    public JsonNode document(AgreementTermsDocument terms) {
        if (terms == null) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(terms.canonicalDocument());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the terms document of " + terms.agreementId() + " is not JSON", e);
        }
    }

    /**
     * Transfers of agreements whose details are public, newest first within each agreement, read a page of
     * {@value #TRANSFER_PAGE} at a time.
     */
    public void transfers(String agreementId, String party, TransferStatus status, Consumer<TransferView> visitor) {
        detailedAgreements(agreementId, a -> {
            long offset = 0;
            TransferList page;
            do {
                page = queries.query(new ListTransfersQuery(a.view().id(), party, status, offset, TRANSFER_PAGE),
                        TransferList.class).join();
                page.items().forEach(visitor);
                offset += page.items().size();
            } while (!page.items().isEmpty() && offset < page.total());
        });
    }

    /** Public reports (never a contact), newest first, read a page of {@value #PAGE_SIZE} at a time. */
    public void publicReports(String basin, String jurisdictionId, PublicReportStatus status, String waterBody,
                              Consumer<PublicReportView> visitor) {
        long offset = 0;
        PublicReportList page;
        do {
            page = queries.query(new ListPublicReportsQuery(basin, jurisdictionId, status, waterBody, offset,
                    PAGE_SIZE), PublicReportList.class).join();
            page.items().forEach(visitor);
            offset += page.items().size();
        } while (!page.items().isEmpty() && offset < page.total());
    }

    /** The response statistics of all public reports. */
    public PublicReportStatistics publicReportStatistics() {
        return queries.query(new FindPublicReportStatisticsQuery(null, null), PublicReportStatistics.class).join();
    }

    /**
     * Assessments of agreements whose details are public, oldest first within each agreement, read a page of
     * {@value #PAGE_SIZE} at a time.
     */
    public void assessments(String agreementId, String sectionId, String period, Consumer<AssessmentView> visitor) {
        detailedAgreements(agreementId, a -> assessmentsOf(a.view().id(), PAGE_SIZE, x -> {
            if ((sectionId == null || sectionId.equals(x.sectionId())) && (period == null || period.equals(x.period()))) {
                visitor.accept(x);
            }
        }));
    }

    /** The agreement's assessments, oldest first, read {@code pageSize} at a time. */
    public void assessmentsOf(String agreementId, int pageSize, Consumer<AssessmentView> visitor) {
        compliancePages(agreementId, pageSize, ComplianceHistory::assessments, ComplianceHistory.Counts::assessments,
                visitor);
    }

    /** The agreement's transfers, oldest first, read {@code pageSize} at a time. */
    public void transfersOf(String agreementId, int pageSize, Consumer<TransferView> visitor) {
        compliancePages(agreementId, pageSize, ComplianceHistory::transfers, ComplianceHistory.Counts::transfers,
                visitor);
    }

    private <T> void compliancePages(String agreementId, int pageSize, Function<ComplianceHistory, List<T>> list,
                                     ToLongFunction<ComplianceHistory.Counts> count, Consumer<T> visitor) {
        long offset = 0;
        List<T> items;
        ComplianceHistory page;
        do {
            page = queries.query(new FindComplianceHistoryQuery(agreementId, offset, pageSize),
                    ComplianceHistory.class).join();
            items = page == null ? List.of() : list.apply(page);
            items.forEach(visitor);
            offset += items.size();
        } while (!items.isEmpty() && offset < count.applyAsLong(page.counts()));
    }

    /** The agreement's compliance summary (of all its assessments), or null when the agreement is unknown. */
    public ComplianceHistory.Summary complianceSummary(String agreementId) {
        ComplianceHistory none = queries.query(new FindComplianceHistoryQuery(agreementId, 0, 0),
                ComplianceHistory.class).join();
        return none == null ? null : none.summary();
    }

    /** Ruled disputes of public agreements, newest first, read a page of {@value #PAGE_SIZE} at a time. */
    public void rulings(String agreementId, Consumer<RulingEntry> visitor) {
        Map<String, Boolean> visible = new HashMap<>();
        long offset = 0;
        DisputeList ruled;
        do {
            ruled = queries.query(new ListDisputesQuery(agreementId, DisputeStatus.RULED, null, offset, PAGE_SIZE),
                    DisputeList.class).join();
            for (DisputeSummary dispute : ruled.items()) {
                if (dispute.status() != DisputeStatus.RULED || dispute.ruling() == null) {
                    continue;
                }
                if (visible.computeIfAbsent(dispute.agreementId(), id -> agreement(id) != null)) {
                    visitor.accept(ruling(dispute));
                }
            }
            offset += ruled.items().size();
        } while (!ruled.items().isEmpty() && offset < ruled.total());
    }

    /**
     * Incidents of agreements whose details are public (every incident: they are raised only in force), newest
     * first, read a page of {@value #PAGE_SIZE} at a time; agreement, status and level each optional.
     */
    public void incidents(String agreementId, IncidentStatus status, WarningLevel level,
                          Consumer<IncidentView> visitor) {
        Map<String, Boolean> visible = new HashMap<>();
        long offset = 0;
        IncidentList page;
        do {
            page = queries.query(new ListIncidentsQuery(agreementId, status, level, offset, PAGE_SIZE),
                    IncidentList.class).join();
            for (IncidentView incident : page.items()) {
                if (visible.computeIfAbsent(incident.agreementId(), id -> {
                    PublicAgreement agreement = agreement(id);
                    return agreement != null && agreement.inForceOrEnded();
                })) {
                    visitor.accept(incident);
                }
            }
            offset += page.items().size();
        } while (!page.items().isEmpty() && offset < page.total());
    }

    static RulingEntry ruling(DisputeSummary dispute) {
        return new RulingEntry(dispute.id(), dispute.agreementId(), dispute.subject(), dispute.claimant(),
                dispute.respondents(), dispute.ruling().mediatorId(),
                dispute.ruling().outcome() == null ? null : dispute.ruling().outcome().name(),
                dispute.ruling().reasoning(), dispute.ruling().adjustedAmount(), dispute.raisedAt(),
                dispute.ruling().ruledAt());
    }

    /** Every registered jurisdiction with its public keys, by id. */
    public List<JurisdictionView> jurisdictions() {
        return queries.query(new ListJurisdictionsQuery(), JurisdictionList.class).join().jurisdictions();
    }

    /** When the public data last changed at the latest: the time of the ledger's latest signed head (null before any). */
    public Instant lastSignedAt() {
        SignedTreeHead head = queries.query(FindTreeHeadQuery.latest(), SignedTreeHead.class).join();
        return head == null ? null : head.timestamp();
    }

}
