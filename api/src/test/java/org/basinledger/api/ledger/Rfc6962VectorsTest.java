package org.basinledger.api.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every RFC 6962 test vector (roots, inclusion and consistency proofs of the eight reference leaves), both ways. */
class Rfc6962VectorsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static JsonNode vectors;
    private static List<byte[]> leafHashes;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = Rfc6962VectorsTest.class.getResourceAsStream("/rfc6962-vectors.json")) {
            vectors = new ObjectMapper().readTree(in);
        }
        leafHashes = new ArrayList<>();
        vectors.path("leaves").forEach(leaf -> leafHashes.add(Rfc6962.leafHash(HEX.parseHex(leaf.asText()))));
        assertThat(leafHashes).hasSize(8);
    }

    private static byte[] root(long size) {
        return HEX.parseHex(vectors.path("roots").path(Long.toString(size)).asText());
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> list = new ArrayList<>();
        array.forEach(h -> list.add(HEX.parseHex(h.asText())));
        return list;
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }

    @Test
    void everyRootOfThePrefixesIsReproduced() {
        assertThat(vectors.path("roots").size()).isEqualTo(9);
        for (int size = 0; size <= 8; size++) {
            assertThat(HEX.formatHex(Rfc6962.root(leafHashes.subList(0, size)))).as("root of %d", size)
                    .isEqualTo(HEX.formatHex(root(size)));
        }
        assertThat(HEX.formatHex(Rfc6962.emptyRoot())).isEqualTo(HEX.formatHex(root(0)));
    }

    @Test
    void everyInclusionProofIsGeneratedAndVerifies() {
        assertThat(vectors.path("inclusion").size()).isEqualTo(36);
        for (JsonNode vector : vectors.path("inclusion")) {
            int index = vector.path("leafIndex").asInt();
            int size = vector.path("treeSize").asInt();
            List<byte[]> expected = hashes(vector.path("path"));
            List<byte[]> generated = Rfc6962.inclusionProof(index, size,
                    Rfc6962.inMemory(leafHashes.subList(0, size)));
            assertThat(hex(generated)).as("path of %d in %d", index, size).isEqualTo(hex(expected));
            assertThat(Rfc6962.verifyInclusion(index, size, leafHashes.get(index), expected, root(size)))
                    .as("verifies %d in %d", index, size).isTrue();
            assertThat(Rfc6962.verifyInclusion(index, size, leafHashes.get((index + 1) % 8), expected, root(size)))
                    .as("another leaf at %d in %d", index, size).isFalse();
        }
    }

    @Test
    void everyConsistencyProofIsGeneratedAndVerifies() {
        assertThat(vectors.path("consistency").size()).isEqualTo(36);
        for (JsonNode vector : vectors.path("consistency")) {
            int first = vector.path("first").asInt();
            int second = vector.path("second").asInt();
            List<byte[]> expected = hashes(vector.path("proof"));
            List<byte[]> generated = Rfc6962.consistencyProof(first, second,
                    Rfc6962.inMemory(leafHashes.subList(0, second)));
            assertThat(hex(generated)).as("proof %d to %d", first, second).isEqualTo(hex(expected));
            assertThat(Rfc6962.verifyConsistency(first, second, root(first), root(second), expected))
                    .as("verifies %d to %d", first, second).isTrue();
            if (first < second) {
                assertThat(Rfc6962.verifyConsistency(first, second, root(second), root(second), expected))
                        .as("wrong first root %d to %d", first, second).isFalse();
            }
        }
    }

    @Test
    void proofsForImpossibleSizesAreRefused() {
        byte[] leaf = leafHashes.get(0);
        assertThat(Rfc6962.verifyInclusion(1, 1, leaf, List.of(), root(1))).isFalse();
        assertThat(Rfc6962.verifyInclusion(0, 0, leaf, List.of(), root(0))).isFalse();
        assertThat(Rfc6962.verifyInclusion(0, 2, leaf, List.of(), root(2))).isFalse();
        assertThat(Rfc6962.verifyConsistency(3, 2, root(3), root(2), List.of(leaf))).isFalse();
        assertThat(Rfc6962.verifyConsistency(2, 3, root(2), root(3), List.of())).isFalse();
        assertThat(Rfc6962.verifyConsistency(3, 3, root(3), root(2), List.of())).isFalse();
    }
}
