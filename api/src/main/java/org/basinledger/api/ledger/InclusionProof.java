package org.basinledger.api.ledger;

import java.util.HexFormat;
import java.util.List;

/**
 * Proof that leaf {@code leafIndex}, with hash {@code leafHash}, is in the tree of {@code treeSize} leaves: the
 * audit path of RFC 6962 §2.1.1, leaf side first, hashes in lowercase hex.
 */
public record InclusionProof(long leafIndex, long treeSize, String leafHash, List<String> auditPath) {

    public InclusionProof {
        auditPath = List.copyOf(auditPath);
    }

    /** RFC 9162 §2.1.3.2 against a root (lowercase hex), e.g. of a signed head of the same size. */
    public boolean verifies(String rootHash) {
        try {
            HexFormat hex = HexFormat.of();
            return Rfc6962.verifyInclusion(leafIndex, treeSize, hex.parseHex(leafHash),
                    auditPath.stream().map(hex::parseHex).toList(), hex.parseHex(rootHash));
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }
}
