package org.basinledger.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.basinledger.api.incident.IncidentChange.Kind;
import org.basinledger.query.live.LiveUpdateCodec.Message;
import org.junit.jupiter.api.Test;

class LiveUpdateCodecTest {

    private static final String NODE = "4711@ledger-a/1f2e3d4c";

    @Test
    void statusAndIncidentUpdatesRoundTripInTheirOrder() {
        List<LiveUpdate> updates = List.of(
                LiveUpdate.status(41, "AGR-2026-0001"),
                LiveUpdate.incident(42, Kind.RAISED, "INC-1", "AGR-2026-0001", null, "CN-ZJ"),
                LiveUpdate.incident(43, Kind.ACKNOWLEDGED, "INC-1", "AGR-2026-0001", 2, "CN-AH"),
                LiveUpdate.incident(44, Kind.CLOSED, "INC-1", "AGR-2026-0001", null, null));

        List<String> payloads = LiveUpdateCodec.encode(NODE, updates, LiveUpdateCodec.MAX_BYTES);

        assertThat(payloads).hasSize(1);
        Message message = LiveUpdateCodec.decode(payloads.get(0));
        assertThat(message.node()).isEqualTo(NODE);
        assertThat(message.resync()).isFalse();
        assertThat(message.updates()).containsExactlyElementsOf(updates);
    }

    @Test
    void updatesBeyondOnePayloadAreSplitInOrderAndEachPayloadStaysWithinTheLimit() {
        List<LiveUpdate> updates = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            updates.add(LiveUpdate.incident(1000 + i, Kind.UPDATED, "INC-" + i, "AGR-2026-" + i, null, "CN-浙江"));
        }

        List<String> payloads = LiveUpdateCodec.encode(NODE, updates, LiveUpdateCodec.MAX_BYTES);

        assertThat(payloads).hasSizeGreaterThan(1);
        assertThat(payloads).allSatisfy(p ->
                assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(LiveUpdateCodec.MAX_BYTES));
        List<LiveUpdate> decoded = new ArrayList<>();
        payloads.forEach(p -> decoded.addAll(LiveUpdateCodec.decode(p).updates()));
        assertThat(decoded).containsExactlyElementsOf(updates);
    }

    @Test
    void anUpdateTooLargeForAnyPayloadBecomesAResyncBetweenTheOthers() {
        List<LiveUpdate> updates = List.of(LiveUpdate.status(1, "AGR-1"), LiveUpdate.status(2, "A".repeat(300)),
                LiveUpdate.status(3, "AGR-3"));

        List<String> payloads = LiveUpdateCodec.encode(NODE, updates, 200);

        assertThat(payloads).extracting(p -> LiveUpdateCodec.decode(p).resync()).containsExactly(false, true, false);
        assertThat(LiveUpdateCodec.decode(payloads.get(0)).updates()).containsExactly(updates.get(0));
        assertThat(LiveUpdateCodec.decode(payloads.get(2)).updates()).containsExactly(updates.get(2));
    }

    @Test
    void nothingToAnnounceIsNoPayload() {
        assertThat(LiveUpdateCodec.encode(NODE, List.of(), LiveUpdateCodec.MAX_BYTES)).isEmpty();
    }

    @Test
    void anythingElseOnTheChannelIsRefused() {
        assertThatThrownBy(() -> LiveUpdateCodec.decode("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LiveUpdateCodec.decode("{\"updates\":[]}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LiveUpdateCodec.decode("{\"node\":\"x\",\"updates\":[{\"p\":1}]}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LiveUpdateCodec.decode("{\"node\":\"x\",\"updates\":[{\"p\":1,\"a\":\"A\",\"k\":\"EXPLODED\",\"i\":\"I\"}]}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LiveUpdateCodec.decode("{\"node\":\"x\",\"updates\":[{\"p\":1,\"a\":\"A\",\"k\":\"RAISED\"}]}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
