package org.basinledger.api.ledger;

import java.util.HexFormat;
import java.util.List;

/**
 * Proof that the tree of {@code first} leaves is a prefix of the tree of {@code second} leaves (RFC 6962 §2.1.2),
 * hashes in lowercase hex; empty when the sizes are equal.
 */
public record ConsistencyProof(long first, long second, List<String> proof) {

    public ConsistencyProof {
        proof = List.copyOf(proof);
    }

    /** RFC 9162 §2.1.4.2 against the roots (lowercase hex) of the two heads. */
    public boolean verifies(String firstRootHash, String secondRootHash) {
        try {
            HexFormat hex = HexFormat.of();
            return Rfc6962.verifyConsistency(first, second, hex.parseHex(firstRootHash),
                    hex.parseHex(secondRootHash), proof.stream().map(hex::parseHex).toList());
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }
}
