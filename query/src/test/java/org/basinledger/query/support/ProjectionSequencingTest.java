package org.basinledger.query.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.basinledger.query.support.Agreements.HS;
import static org.basinledger.query.support.Agreements.HZ;
import static org.basinledger.query.support.Agreements.draft;
import static org.basinledger.query.support.Events.at;

import java.util.List;

import org.basinledger.api.agreement.AgreementDraftedEvent;
import org.basinledger.api.dispute.DisputeRaisedEvent;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.dispute.SubjectType;
import org.basinledger.api.emission.EmissionAccountOpenedEvent;
import org.basinledger.api.registry.JurisdictionRegisteredEvent;
import org.basinledger.api.registry.JurisdictionLevel;
import org.basinledger.api.registry.MediatorRegisteredEvent;
import org.basinledger.api.transfer.TransferDisputedEvent;
import org.basinledger.api.transfer.TransferStatus;
import org.junit.jupiter.api.Test;

class ProjectionSequencingTest {

    private final ProjectionSequencing policy = new ProjectionSequencing();

    @Test
    void theEventsOfOneAgreementShareOneSequenceWhicheverAggregatePublishedThem() {
        Object drafted = policy.getSequenceIdentifierFor(Events.agreement("AG-1", 0,
                new AgreementDraftedEvent("AG-1", HZ, draft("Xin'an", "XINAN", HZ, HS)), at(0)));
        Object transferCreated = policy.getSequenceIdentifierFor(Events.transfer("TR-1", 0,
                Compliance.transferCreated("TR-1", "AG-1", HZ, HS, "100.00", "CNY"), at(1)));
        Object transferDisputed = policy.getSequenceIdentifierFor(Events.transfer("TR-1", 1,
                new TransferDisputedEvent("TR-1", "AG-1", "D-1", TransferStatus.DUE), at(2)));
        Object disputeRaised = policy.getSequenceIdentifierFor(Events.dispute("D-1", 0, new DisputeRaisedEvent("D-1",
                "AG-1", HZ, new Subject(SubjectType.TRANSFER, "TR-1"), List.of(HS), "too much"), at(2), HZ));

        assertThat(List.of(transferCreated, transferDisputed, disputeRaised)).containsOnly(drafted);
        assertThat(policy.getSequenceIdentifierFor(Events.agreement("AG-2", 0,
                new AgreementDraftedEvent("AG-2", HZ, draft("Taihu", "TAIHU", HZ, HS)), at(0)))).isNotEqualTo(drafted);
    }

    @Test
    void anEmissionSchemeIsOneSequenceAndEverythingElseSharesOne() {
        assertThat(ProjectionSequencing.sequenceOf(new EmissionAccountOpenedEvent("ES-1", HZ)))
                .isEqualTo(ProjectionSequencing.sequenceOf(new EmissionAccountOpenedEvent("ES-1", HS)))
                .isNotEqualTo(ProjectionSequencing.sequenceOf(new EmissionAccountOpenedEvent("ES-2", HZ)));
        assertThat(List.of(
                ProjectionSequencing.sequenceOf(new JurisdictionRegisteredEvent(HZ, "Hangzhou",
                        JurisdictionLevel.CITY, "CN-ZJ")),
                ProjectionSequencing.sequenceOf(new MediatorRegisteredEvent("M-1", "Taihu Basin Authority")),
                // a transfer of an emission scheme belongs to no agreement
                ProjectionSequencing.sequenceOf(Compliance.transferCreated("TR-9", null, HZ, HS, "1.00", "CNY")),
                ProjectionSequencing.sequenceOf("an event type added later")))
                .containsOnly(ProjectionSequencing.SHARED_SEQUENCE);
    }
}
