package org.basinledger.app.config;

import org.basinledger.api.ledger.SignedTreeHead;
import org.basinledger.query.integrity.LedgerSigner;
import org.basinledger.query.integrity.MerkleStore;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a ledger whose signing key is not the one its integrity log was signed with: a node given a
 * key of its own (several nodes without one shared {@code ledger.signing-key-path}), or a data directory whose
 * key file was lost and generated anew. Started anyway, such a node would find every head "signed by another
 * key" at its first scheduled verification and hold all writes ({@code 503 ledger-integrity-failed}); refusing
 * at start says what is wrong before anyone writes. A ledger with no signed head yet starts with any key. Only the
 * key id is compared: a head whose signature does not verify under its own key id is tampering, which the
 * scheduled verification reports and answers by holding writes ({@code LedgerVerifier}).
 */
@Component
class SigningKeyCheck implements InitializingBean {

    private final MerkleStore store;
    private final LedgerSigner signer;

    SigningKeyCheck(MerkleStore store, LedgerSigner signer) {
        this.store = store;
        this.signer = signer;
    }

    @Override
    public void afterPropertiesSet() {
        store.latestHead().ifPresent(this::requireSignedByThisKey);
    }

    private void requireSignedByThisKey(SignedTreeHead head) {
        if (!head.keyId().equals(signer.keyId())) {
            throw new SigningKeyMismatchException(head.treeSize(), head.keyId(), signer.keyId());
        }
    }

    /** This node's key did not sign the ledger's latest head. */
    static final class SigningKeyMismatchException extends IllegalStateException {

        private final String ledgerKeyId;
        private final String nodeKeyId;

        SigningKeyMismatchException(long treeSize, String ledgerKeyId, String nodeKeyId) {
            super("the ledger's latest signed head (tree size " + treeSize + ") was signed with key " + ledgerKeyId
                    + ", not with this node's key " + nodeKeyId);
            this.ledgerKeyId = ledgerKeyId;
            this.nodeKeyId = nodeKeyId;
        }

        String ledgerKeyId() {
            return ledgerKeyId;
        }

        String nodeKeyId() {
            return nodeKeyId;
        }
    }
}
