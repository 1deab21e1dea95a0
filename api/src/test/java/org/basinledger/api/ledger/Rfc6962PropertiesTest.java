package org.basinledger.api.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * For random trees: every inclusion and consistency proof verifies, and flipping any one bit of a proof hash, the
 * leaf hash or a root makes it fail. Proofs generated from {@link Rfc6962.Range ranges} of complete subtrees (as
 * the stored log does) equal the recursive reference.
 */
class Rfc6962PropertiesTest {

    record Tree(List<byte[]> leafHashes) {
        int size() {
            return leafHashes.size();
        }

        byte[] root(int size) {
            return Rfc6962.root(leafHashes.subList(0, size));
        }

        Rfc6962.Subtrees subtrees() {
            return Rfc6962.inMemory(leafHashes);
        }
    }

    record InclusionCase(Tree tree, int leafIndex, int treeSize) {
    }

    record ConsistencyCase(Tree tree, int first, int second) {
    }

    @Provide
    Arbitrary<Tree> trees() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(Rfc6962::leafHash)
                .list().ofMinSize(1).ofMaxSize(300).map(Tree::new);
    }

    @Provide
    Arbitrary<InclusionCase> inclusionCases() {
        return trees().flatMap(tree -> Arbitraries.integers().between(1, tree.size()).flatMap(size ->
                Arbitraries.integers().between(0, size - 1).map(index -> new InclusionCase(tree, index, size))));
    }

    @Provide
    Arbitrary<ConsistencyCase> consistencyCases() {
        return trees().flatMap(tree -> Arbitraries.integers().between(1, tree.size()).flatMap(second ->
                Arbitraries.integers().between(1, second).map(first -> new ConsistencyCase(tree, first, second))));
    }

    @Property(tries = 300)
    void everyInclusionProofVerifies(@ForAll("inclusionCases") InclusionCase c) {
        List<byte[]> path = Rfc6962.inclusionProof(c.leafIndex(), c.treeSize(), c.tree().subtrees());
        assertThat(Rfc6962.verifyInclusion(c.leafIndex(), c.treeSize(), c.tree().leafHashes().get(c.leafIndex()),
                path, c.tree().root(c.treeSize()))).isTrue();
        assertThat(path.size()).isLessThanOrEqualTo(64 - Long.numberOfLeadingZeros(c.treeSize()));
    }

    @Property(tries = 300)
    void everyConsistencyProofVerifies(@ForAll("consistencyCases") ConsistencyCase c) {
        List<byte[]> proof = Rfc6962.consistencyProof(c.first(), c.second(), c.tree().subtrees());
        assertThat(Rfc6962.verifyConsistency(c.first(), c.second(), c.tree().root(c.first()),
                c.tree().root(c.second()), proof)).isTrue();
    }

    @Property(tries = 300)
    void aFlippedBitInAnInclusionProofLeafOrRootFails(@ForAll("inclusionCases") InclusionCase c,
                                                       @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where) {
        byte[] leaf = c.tree().leafHashes().get(c.leafIndex());
        byte[] root = c.tree().root(c.treeSize());
        List<byte[]> path = Rfc6962.inclusionProof(c.leafIndex(), c.treeSize(), c.tree().subtrees());
        int bits = Rfc6962.HASH_SIZE * 8;
        int target = where % (path.size() + 2);
        int bit = (where / (path.size() + 2)) % bits;
        if (target < path.size()) {
            List<byte[]> flipped = new ArrayList<>(path);
            flipped.set(target, flip(path.get(target), bit));
            assertThat(Rfc6962.verifyInclusion(c.leafIndex(), c.treeSize(), leaf, flipped, root)).isFalse();
        } else if (target == path.size()) {
            assertThat(Rfc6962.verifyInclusion(c.leafIndex(), c.treeSize(), flip(leaf, bit), path, root)).isFalse();
        } else {
            assertThat(Rfc6962.verifyInclusion(c.leafIndex(), c.treeSize(), leaf, path, flip(root, bit))).isFalse();
        }
    }

    @Property(tries = 300)
    void aFlippedBitInAConsistencyProofOrARootFails(@ForAll("consistencyCases") ConsistencyCase c,
                                                     @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where) {
        byte[] firstRoot = c.tree().root(c.first());
        byte[] secondRoot = c.tree().root(c.second());
        List<byte[]> proof = Rfc6962.consistencyProof(c.first(), c.second(), c.tree().subtrees());
        int bits = Rfc6962.HASH_SIZE * 8;
        int target = where % (proof.size() + 2);
        int bit = (where / (proof.size() + 2)) % bits;
        if (target < proof.size()) {
            List<byte[]> flipped = new ArrayList<>(proof);
            flipped.set(target, flip(proof.get(target), bit));
            assertThat(Rfc6962.verifyConsistency(c.first(), c.second(), firstRoot, secondRoot, flipped)).isFalse();
        } else if (target == proof.size()) {
            assertThat(Rfc6962.verifyConsistency(c.first(), c.second(), flip(firstRoot, bit), secondRoot, proof))
                    .isFalse();
        } else {
            assertThat(Rfc6962.verifyConsistency(c.first(), c.second(), firstRoot, flip(secondRoot, bit), proof))
                    .isFalse();
        }
    }

    @Property(tries = 200)
    void everyBitOfEveryProofHashMatters(@ForAll("consistencyCases") ConsistencyCase c) {
        byte[] firstRoot = c.tree().root(c.first());
        byte[] secondRoot = c.tree().root(c.second());
        List<byte[]> proof = Rfc6962.consistencyProof(c.first(), c.second(), c.tree().subtrees());
        for (int i = 0; i < proof.size(); i++) {
            for (int bit = 0; bit < Rfc6962.HASH_SIZE * 8; bit += 37) {
                List<byte[]> flipped = new ArrayList<>(proof);
                flipped.set(i, flip(proof.get(i), bit));
                assertThat(Rfc6962.verifyConsistency(c.first(), c.second(), firstRoot, secondRoot, flipped))
                        .as("hash %d bit %d", i, bit).isFalse();
            }
        }
    }

    @Property(tries = 300)
    void aRangeOfTheRecursionIsTheFoldOfItsCompleteSubtrees(@ForAll("consistencyCases") ConsistencyCase c) {
        Rfc6962.Subtrees reference = c.tree().subtrees();
        List<Rfc6962.Range> ranges = new ArrayList<>(Rfc6962.consistencyRanges(c.first(), c.second()));
        ranges.addAll(Rfc6962.inclusionRanges(c.first() - 1, c.second()));
        for (Rfc6962.Range range : ranges) {
            List<Rfc6962.Range> parts = Rfc6962.completeSubtrees(range);
            assertThat(parts).allMatch(Rfc6962.Range::isComplete);
            assertThat(parts.size()).isLessThanOrEqualTo(Long.bitCount(range.size()));
            byte[] folded = Rfc6962.foldSubtrees(parts.stream().map(p -> reference.hash(p.start(), p.end())).toList());
            assertThat(folded).isEqualTo(reference.hash(range.start(), range.end()));
        }
    }

    static byte[] flip(byte[] hash, int bit) {
        byte[] copy = hash.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

}
