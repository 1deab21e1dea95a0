package org.basinledger.app.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class PublicReleasesTest {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode payload(String text) throws Exception {
        return json.readTree(text);
    }

    @Test
    void aDraftIsAMarkerWithoutItsContent() throws Exception {
        ObjectNode content = PublicReleases.publicContent("AgreementDrafted", payload(
                "{\"agreementId\":\"A1\",\"draftedBy\":\"CN-AH-HS\",\"draft\":{\"title\":\"secret title\"}}")).orElseThrow();

        assertThat(content.toString()).doesNotContain("secret title");
        assertThat(content.path("draftedBy").asText()).isEqualTo("CN-AH-HS");
        assertThat(PublicReleases.policy("AgreementDrafted").disclosure()).isEqualTo(PublicReleases.Disclosure.MARKER);
        assertThat(PublicReleases.policy("AgreementAmended").disclosure()).isEqualTo(PublicReleases.Disclosure.MARKER);
    }

    @Test
    void theOpenedDocumentIsPublic() throws Exception {
        ObjectNode content = PublicReleases.publicContent("AgreementOpenedForSignature", payload(
                "{\"agreementId\":\"A1\",\"openedBy\":\"X\",\"canonicalDocument\":\"{}\",\"termsHash\":\"ab\"}"))
                .orElseThrow();

        assertThat(content.path("canonicalDocument").asText()).isEqualTo("{}");
        assertThat(content.path("termsHash").asText()).isEqualTo("ab");
    }

    @Test
    void anAmendmentsDocumentIsPublishedOnlyOnceItTakesEffect() throws Exception {
        ObjectNode proposed = PublicReleases.publicContent("AmendmentProposed", payload(
                "{\"agreementId\":\"A1\",\"number\":1,\"reason\":\"taper\",\"canonicalDocument\":\"{secret}\","
                        + "\"draft\":{\"title\":\"secret title\"},\"termsHash\":\"ab\"}")).orElseThrow();
        assertThat(proposed.toString()).doesNotContain("secret").contains("taper");
        assertThat(proposed.path("termsHash").asText()).isEqualTo("ab");

        ObjectNode tookEffect = PublicReleases.publicContent("AmendmentTookEffect", payload(
                "{\"agreementId\":\"A1\",\"number\":1,\"draft\":{\"title\":\"amended\"},\"termsHash\":\"ab\"}"))
                .orElseThrow();
        assertThat(tookEffect.path("draft").path("title").asText()).isEqualTo("amended");
    }

        @Test
    void statementsAreNeverPublished() throws Exception {
        assertThat(PublicReleases.publicContent("StatementAdded", payload(
                "{\"disputeId\":\"D1\",\"agreementId\":\"A1\",\"text\":\"private words\"}"))).isEmpty();
    }

    @Test
    void aRaisedDisputeIsAMarkerWithoutTheClaim() throws Exception {
        ObjectNode content = PublicReleases.publicContent("DisputeRaised", payload("{\"disputeId\":\"D1\","
                + "\"agreementId\":\"A1\",\"claimant\":\"X\",\"subject\":{\"type\":\"TRANSFER\",\"id\":\"T1\"},"
                + "\"respondents\":[\"Y\"],\"claim\":\"private claim\"}")).orElseThrow();

        assertThat(content.toString()).doesNotContain("private claim");
        assertThat(content.path("subject").path("id").asText()).isEqualTo("T1");
    }

    @Test
    void aRulingIsPublishedWithItsReasoning() throws Exception {
        ObjectNode content = PublicReleases.publicContent("DisputeRuled", payload("{\"disputeId\":\"D1\","
                + "\"agreementId\":\"A1\",\"outcome\":\"UPHELD\",\"reasoning\":\"because\",\"mediatorId\":\"M\"}"))
                .orElseThrow();

        assertThat(content.path("reasoning").asText()).isEqualTo("because");
        assertThat(content.path("outcome").asText()).isEqualTo("UPHELD");
    }

    @Test
    void anUnknownEventTypeOrFieldIsNotPublished() throws Exception {
        ObjectNode unknown = PublicReleases.publicContent("SomethingNew", payload(
                "{\"agreementId\":\"A1\",\"secret\":\"s\"}")).orElseThrow();
        ObjectNode extraField = PublicReleases.publicContent("TransferSettled", payload(
                "{\"transferId\":\"T\",\"agreementId\":\"A1\",\"payee\":\"P\",\"internalNote\":\"n\"}")).orElseThrow();

        assertThat(unknown.toString()).isEqualTo("{\"agreementId\":\"A1\"}");
        assertThat(PublicReleases.policy("SomethingNew").disclosure()).isEqualTo(PublicReleases.Disclosure.MARKER);
        assertThat(extraField.has("internalNote")).isFalse();
        assertThat(extraField.path("payee").asText()).isEqualTo("P");
    }

    @Test
    void stagesFollowOcds() {
        assertThat(AgreementRecords.stage("AgreementDrafted")).isEqualTo("planning");
        assertThat(AgreementRecords.stage("AgreementSigned")).isEqualTo("contract");
        assertThat(AgreementRecords.stage("TransferPaid")).isEqualTo("implementation");
        assertThat(AgreementRecords.stage("DisputeRuled")).isEqualTo("dispute");
    }
}
