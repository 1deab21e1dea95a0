package org.basinledger.app.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.basinledger.app.opendata.PublicLedger.PublicAgreement;
import org.basinledger.app.web.ProblemHandler;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** At most {@code ledger.open-data.records-at-once} records are written at once; one more is 503 for now. */
class RecordDownloadsAtOnceTest {

    @Test
    void aRecordAskedForWhileTheLimitIsReachedIs503WithRetryAfterAndOneAskedForAfterIsWritten() throws Exception {
        AgreementRecords records = mock(AgreementRecords.class);
        PublicAgreement agreement = new PublicAgreement(null, null);
        when(records.find("AG-1")).thenReturn(Optional.of(agreement));
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        doAnswer(call -> {
            writing.countDown();
            assertThat(finish.await(10, TimeUnit.SECONDS)).isTrue();
            call.getArgument(1, OutputStream.class).write("{}".getBytes(StandardCharsets.UTF_8));
            return null;
        }).when(records).write(eq(agreement), any());
        OpenDataController controller = new OpenDataController(mock(PublicLedger.class), mock(EmissionRegistry.class), records,
                new ObjectMapper(), 1);
        MockMvc mvc = MockMvcBuilders.standaloneSetup(controller).setControllerAdvice(new ProblemHandler()).build();

        CompletableFuture<MvcResult> first = CompletableFuture.supplyAsync(() -> {
            try {
                return mvc.perform(get("/open-data/agreements/AG-1/record.json")).andReturn();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

        MvcResult refused = mvc.perform(get("/open-data/agreements/AG-1/record.json")).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(503);
        assertThat(refused.getResponse().getHeader("Retry-After")).isEqualTo("5");
        assertThat(refused.getResponse().getContentType()).startsWith("application/problem+json");

        finish.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).getResponse().getStatus()).isEqualTo(200);
        MvcResult after = mvc.perform(get("/open-data/agreements/AG-1/record.json")).andReturn();
        assertThat(after.getResponse().getStatus()).isEqualTo(200);
        assertThat(after.getResponse().getContentAsString()).isEqualTo("{}");
    }

    @Test
    void aRecordThatIsNotPublicIs404AndTakesNoPlace() throws Exception {
        AgreementRecords records = mock(AgreementRecords.class);
        when(records.find(any())).thenReturn(Optional.empty());
        PublicAgreement agreement = new PublicAgreement(null, null);
        when(records.find("AG-1")).thenReturn(Optional.of(agreement));
        OpenDataController controller = new OpenDataController(mock(PublicLedger.class), mock(EmissionRegistry.class), records,
                new ObjectMapper(), 1);
        MockMvc mvc = MockMvcBuilders.standaloneSetup(controller).setControllerAdvice(new ProblemHandler()).build();
        for (int i = 0; i < 3; i++) {
            assertThat(mvc.perform(get("/open-data/agreements/DRAFT/record.json")).andReturn().getResponse()
                    .getStatus()).isEqualTo(404);
        }
        assertThat(mvc.perform(get("/open-data/agreements/AG-1/record.json")).andReturn().getResponse().getStatus())
                .as("the one place is free").isEqualTo(200);
    }
}
