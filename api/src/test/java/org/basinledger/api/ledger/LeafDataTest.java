package org.basinledger.api.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import org.basinledger.api.registry.KeyIds;
import org.junit.jupiter.api.Test;

class LeafDataTest {

    private static final StoredEvent EVENT = new StoredEvent("e-1", "Agreement", "AG-1", 3,
            "org.basinledger.api.agreement.AgreementSignedEvent", null, "2025-03-01T08:00:00.123Z",
            "{\"agreementId\":\"AG-1\"}".getBytes(StandardCharsets.UTF_8),
            "{\"actor\":\"jurisdiction:CN-ZJ\"}".getBytes(StandardCharsets.UTF_8));

    @Test
    void theEncodingIsLengthPrefixedAndDocumentedByteForByte() {
        StoredEvent small = new StoredEvent("e", null, "a", 1, "T", "", "t", new byte[] {7}, null);
        String expected = "00000015" + HexFormat.of().formatHex(LeafData.FORMAT.getBytes(StandardCharsets.UTF_8))
                + "00000001" + "65"            // eventIdentifier "e"
                + "ffffffff"                   // aggregateType absent
                + "00000001" + "61"            // aggregateIdentifier "a"
                + "00000008" + "0000000000000001"
                + "00000001" + "54"            // payloadType "T"
                + "00000000"                   // payloadRevision "" (empty, not absent)
                + "00000001" + "74"            // timestamp "t"
                + "00000001" + "07"            // payload
                + "ffffffff";                  // metaData absent
        assertThat(HexFormat.of().formatHex(LeafData.encode(small))).isEqualTo(expected);
    }

    @Test
    void decodeReadsBackWhatEncodeWrote() {
        assertThat(LeafData.decode(LeafData.encode(EVENT))).isEqualTo(EVENT);
        StoredEvent nulls = new StoredEvent("e-2", null, "e-2", 0, "P", null, "t", new byte[0], null);
        assertThat(LeafData.decode(LeafData.encode(nulls))).isEqualTo(nulls);
    }

    @Test
    void anyChangeToTheEventChangesTheLeaf() {
        byte[] hash = LeafData.leafHash(EVENT);
        byte[] payload = EVENT.payload().clone();
        payload[5] ^= 1;
        assertThat(LeafData.leafHash(new StoredEvent(EVENT.eventIdentifier(), EVENT.aggregateType(),
                EVENT.aggregateIdentifier(), EVENT.sequenceNumber(), EVENT.payloadType(), EVENT.payloadRevision(),
                EVENT.timestamp(), payload, EVENT.metaData()))).isNotEqualTo(hash);
        assertThat(LeafData.leafHash(new StoredEvent(EVENT.eventIdentifier(), EVENT.aggregateType(),
                EVENT.aggregateIdentifier(), 4, EVENT.payloadType(), EVENT.payloadRevision(),
                EVENT.timestamp(), EVENT.payload(), EVENT.metaData()))).isNotEqualTo(hash);
        assertThat(LeafData.leafHash(new StoredEvent(EVENT.eventIdentifier(), EVENT.aggregateType(),
                EVENT.aggregateIdentifier(), EVENT.sequenceNumber(), EVENT.payloadType(), "",
                EVENT.timestamp(), EVENT.payload(), EVENT.metaData()))).isNotEqualTo(hash);
        assertThat(LeafData.leafHash(EVENT)).isEqualTo(hash);
    }

    @Test
    void malformedLeafDataIsRefused() {
        byte[] data = LeafData.encode(EVENT);
        assertThatThrownBy(() -> LeafData.decode(java.util.Arrays.copyOf(data, data.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeafData.decode(java.util.Arrays.copyOf(data, data.length + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeafData.decode(new byte[] {0, 0, 0, 1, 'x'}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignedTreeHeadSignsTheDocumentedBytesAndVerifiesWithTheKey() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Instant at = Instant.parse("2025-03-01T08:00:00.120Z");
        String root = HexFormat.of().formatHex(Rfc6962.emptyRoot());
        byte[] bytes = SignedTreeHead.signedBytes(0, root, at);
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo("basin-ledger:tree-head:v1:0:" + root + ":2025-03-01T08:00:00.120Z");
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(bytes);
        String publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        SignedTreeHead head = new SignedTreeHead(0, root, at, KeyIds.of(publicKey),
                Base64.getEncoder().encodeToString(signer.sign()));
        assertThat(head.isSignedBy(publicKey)).isTrue();
        assertThat(new SignedTreeHead(1, root, at, head.keyId(), head.signature()).isSignedBy(publicKey)).isFalse();
        assertThat(new SignedTreeHead(0, root, at.plusMillis(1), head.keyId(), head.signature()).isSignedBy(publicKey))
                .isFalse();
    }
}
