package org.basinledger.auditor;

import java.util.Optional;

import org.basinledger.api.ledger.ConsistencyProof;
import org.basinledger.api.ledger.SignedTreeHead;

/**
 * Whether the ledger's current head extends a head saved before: the same signed head is still served for the saved
 * size, and a consistency proof (RFC 9162 §2.1.4) shows the saved tree is a prefix of the current one. Anything else
 * means the log was rewritten, rolled back or truncated after the party saw it, and fails as
 * {@link ExitCodes#INCONSISTENT}; the message names the saved head.
 */
final class Consistency {

    private Consistency() {
    }

    /**
     * @param saved   a head saved before (its signature already checked)
     * @param current the ledger's current head (its signature already checked)
     */
    static void requireExtends(LedgerClient client, PinnedKey key, SignedTreeHead saved, SignedTreeHead current) {
        requireExtends(client, key, saved, current, "saved");
    }

    /**
     * @param kind how the head was kept, for the messages: "saved" (by this party), "witnessed" (co-signed)
     */
    static void requireExtends(LedgerClient client, PinnedKey key, SignedTreeHead saved, SignedTreeHead current,
                               String kind) {
        String savedHead = "the " + kind + " head (" + Heads.describe(saved) + ")";
        if (saved.treeSize() > current.treeSize()) {
            throw AuditFailure.inconsistent("the ledger's current head (" + Heads.describe(current) + ") has fewer"
                    + " leaves than " + savedHead + ": the log was truncated or rolled back");
        }
        if (saved.treeSize() == 0) {
            return;
        }
        Optional<SignedTreeHead> served = client.head(saved.treeSize());
        if (served.isEmpty()) {
            throw AuditFailure.inconsistent("the ledger no longer has a signed head of size " + saved.treeSize()
                    + ", though it signed " + savedHead + ": it keeps every head it signs, so its log was rebuilt"
                    + " or rewritten");
        }
        SignedTreeHead now = served.get();
        if (!now.rootHash().equals(saved.rootHash())) {
            String signedBoth = key.verifies(now)
                    ? " Both heads carry valid signatures of the pinned key: keep them, together they prove the"
                    + " ledger signed two different logs of the same size.\n  " + kind + ":  " + Heads.toJson(saved)
                    + "\n  served: " + Heads.toJson(now)
                    : " (the head it serves now does not even verify with the pinned key)";
            throw AuditFailure.inconsistent("the ledger now answers root " + now.rootHash() + " (signed "
                    + now.timestamp() + ") for size " + saved.treeSize() + ", but " + savedHead
                    + ": the log was rewritten." + signedBoth);
        }
        if (saved.treeSize() == current.treeSize()) {
            if (!saved.rootHash().equals(current.rootHash())) {
                throw AuditFailure.inconsistent("the current head (" + Heads.describe(current) + ") has the size of "
                        + savedHead + " but another root: the log was rewritten");
            }
            return;
        }
        ConsistencyProof proof = client.consistency(saved.treeSize(), current.treeSize());
        if (proof.first() != saved.treeSize() || proof.second() != current.treeSize()) {
            throw AuditFailure.inconsistent("asked for a consistency proof from size " + saved.treeSize() + " to "
                    + current.treeSize() + ", the ledger answered one from " + proof.first() + " to " + proof.second()
                    + "; " + savedHead + " is not proven to be part of the current log");
        }
        if (!proof.verifies(saved.rootHash(), current.rootHash())) {
            throw AuditFailure.inconsistent("the consistency proof from " + savedHead + " to the current head ("
                    + Heads.describe(current) + ") does not verify (RFC 9162 §2.1.4.2, " + proof.proof().size()
                    + " hashes): the saved tree is not a prefix of the current one, the log was rewritten");
        }
    }
}
