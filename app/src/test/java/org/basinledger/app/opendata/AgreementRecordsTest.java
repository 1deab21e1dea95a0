package org.basinledger.app.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.agreement.AgreementHistoryPage;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.FindAgreementHistoryQuery;
import org.basinledger.app.opendata.PublicLedger.PublicAgreement;
import org.junit.jupiter.api.Test;

/** A record is written while it is read; one cut short by a failure is never valid JSON. */
class AgreementRecordsTest {

    @Test
    void aRecordCutShortByAFailedReadIsNotValidJson() {
        QueryGateway queries = mock(QueryGateway.class);
        when(queries.query(eq(new FindAgreementHistoryQuery("AG-1", 0, 2)), eq(AgreementHistoryPage.class)))
                .thenReturn(CompletableFuture.completedFuture(new AgreementHistoryPage("AG-1", List.of(), 7L)));
        when(queries.query(eq(new FindAgreementHistoryQuery("AG-1", 7, 2)), eq(AgreementHistoryPage.class)))
                .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("the database went away")));
        PublicLedger ledger = mock(PublicLedger.class);
        when(ledger.ocid(any())).thenReturn("ocds-test-AG-1");
        AgreementStatusView view = mock(AgreementStatusView.class);
        when(view.id()).thenReturn("AG-1");
        ObjectMapper json = new ObjectMapper();
        AgreementRecords records = new AgreementRecords(ledger, queries, json, 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> records.write(new PublicAgreement(view, null), out))
                .isInstanceOf(CompletionException.class);

        String written = out.toString(StandardCharsets.UTF_8);
        assertThat(written).startsWith("{\"ocid\":\"ocds-test-AG-1\",\"releases\":[");
        assertThatThrownBy(() -> json.readTree(written)).isInstanceOf(JsonProcessingException.class);
    }
}
