package org.basinledger.command.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.basinledger.api.common.Money;
import org.basinledger.api.dispute.DisputeRaisedEvent;
import org.basinledger.api.dispute.DisputeRuledEvent;
import org.basinledger.api.dispute.Remedy;
import org.basinledger.api.dispute.RemedyType;
import org.basinledger.api.dispute.RulingOutcome;
import org.basinledger.api.dispute.Subject;
import org.basinledger.api.dispute.SubjectType;
import org.basinledger.api.transfer.TransferCreatedEvent;
import org.basinledger.api.transfer.TransferSource;
import org.junit.jupiter.api.Test;

/**
 * Events stored before remedies and corrections existed read back with the new optional fields null (records
 * with a second, shorter constructor are still read through their canonical one), and the new forms round-trip.
 */
class StoredEventFormsTest {

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();

    @Test
    void aDisputeRaisedBeforeRemediesReadsWithoutOne() throws Exception {
        DisputeRaisedEvent event = mapper.readValue("""
                {"disputeId":"D-1","agreementId":"AG-1","claimant":"CN-ZJ",
                 "subject":{"type":"TRANSFER","id":"T-1"},"respondents":["CN-AH"],"claim":"Too much."}""",
                DisputeRaisedEvent.class);

        assertThat(event).isEqualTo(new DisputeRaisedEvent("D-1", "AG-1", "CN-ZJ",
                new Subject(SubjectType.TRANSFER, "T-1"), List.of("CN-AH"), "Too much."));
        assertThat(event.remedy()).isNull();
    }

    @Test
    void aRulingRecordedBeforeRemediesReadsWithoutOne() throws Exception {
        DisputeRuledEvent event = mapper.readValue("""
                {"disputeId":"D-1","agreementId":"AG-1","subject":{"type":"TRANSFER","id":"T-1"},
                 "mediatorId":"M-1","outcome":"ADJUSTED","reasoning":"r",
                 "adjustedAmount":{"amount":"60.00","currency":"CNY"}}""", DisputeRuledEvent.class);

        assertThat(event.remedy()).isNull();
        assertThat(event.adjustedAmount()).isEqualTo(Money.of("60.00", "CNY"));
        assertThat(event.outcome()).isEqualTo(RulingOutcome.ADJUSTED);
    }

    @Test
    void aTransferCreatedBeforeCorrectionsReadsCorrectingNothing() throws Exception {
        TransferCreatedEvent event = mapper.readValue("""
                {"transferId":"T-1","agreementId":"AG-1","payer":"CN-AH","payee":"CN-ZJ",
                 "amount":{"amount":"100.00","currency":"CNY"},"reason":"r","source":"ASSESSMENT","sourceId":"A-1"}""",
                TransferCreatedEvent.class);

        assertThat(event.correctsTransferId()).isNull();
        assertThat(event.source()).isEqualTo(TransferSource.ASSESSMENT);
    }

    @Test
    void theNewFormsRoundTrip() throws Exception {
        Remedy adjust = new Remedy(RemedyType.ADJUST, Money.of("60.00", "CNY"));
        DisputeRaisedEvent raised = new DisputeRaisedEvent("D-1", "AG-1", "CN-ZJ",
                new Subject(SubjectType.ASSESSMENT, "A-1"), List.of("CN-AH"), "c", adjust);
        DisputeRuledEvent ruled = new DisputeRuledEvent("D-1", "AG-1", new Subject(SubjectType.ASSESSMENT, "A-1"),
                "M-1", RulingOutcome.UPHELD, "r", null, adjust);
        TransferCreatedEvent refund = new TransferCreatedEvent("T-2", "AG-1", "CN-ZJ", "CN-AH",
                Money.of("40.00", "CNY"), "refund", TransferSource.REFUND, "D-1", "T-1");

        assertThat(mapper.readValue(mapper.writeValueAsBytes(raised), DisputeRaisedEvent.class)).isEqualTo(raised);
        assertThat(mapper.readValue(mapper.writeValueAsBytes(ruled), DisputeRuledEvent.class)).isEqualTo(ruled);
        assertThat(mapper.readValue(mapper.writeValueAsBytes(refund), TransferCreatedEvent.class)).isEqualTo(refund);
    }
}
