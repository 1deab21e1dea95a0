package org.basinledger.auditor;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import org.basinledger.api.ledger.SignedTreeHead;
import org.basinledger.api.registry.KeyIds;

/**
 * The ledger's current head against every head witnesses co-signed ({@code GET /api/v1/ledger/witnessed-heads}):
 * each witnessed head must verify with the pinned key, each co-signature with the key its jurisdiction registered
 * ({@code GET /api/v1/jurisdictions/{id}}), and the current head must extend each witnessed head
 * ({@link Consistency}). A head a jurisdiction signed is a head held outside the operator: a ledger rewritten after
 * it fails here, whoever runs the auditor. Signature failures exit {@link ExitCodes#SIGNATURE}, inconsistency
 * {@link ExitCodes#INCONSISTENT}.
 *
 * <p>The keys the ledger serves are the ledger's word: an operator who controls the ledger could register a key of
 * its own for a jurisdiction and co-sign with it. A witness's key given out of band ({@code --witness-key}) is
 * checked instead: its co-signatures must be made with that key, and the ledger must show that key for the
 * jurisdiction; a ledger that claims another key for it fails ({@link ExitCodes#SIGNATURE}).
 */
final class WitnessCheck {

    private static final int PAGE = 1000;

    private WitnessCheck() {
    }

    /** What was checked: heads, co-signatures, distinct witnesses, co-signatures checked with keys given directly. */
    record Result(int heads, int signatures, int witnesses, int outOfBand) {
    }

    /**
     * @param given witnesses' public keys given out of band, by jurisdiction id: their co-signatures are verified
     *              with these, not with what the ledger serves
     */
    static Result check(LedgerClient client, PinnedKey pinned, SignedTreeHead current, Map<String, PinnedKey> given) {
        Map<String, Map<String, String>> keys = new HashMap<>();
        TreeSet<String> witnesses = new TreeSet<>();
        int heads = 0;
        int signatures = 0;
        int outOfBand = 0;
        long after = 0;
        while (true) {
            LedgerClient.WitnessedHeadPage page = client.witnessedHeads(after, PAGE);
            for (LedgerClient.WitnessedHead witnessed : page.items()) {
                SignedTreeHead head = witnessed.head();
                String what = "the witnessed head (" + Heads.describe(head) + ")";
                pinned.requireSignature(head, "the witnessed head");
                if (witnessed.witnesses().isEmpty()) {
                    throw AuditFailure.network("the ledger lists " + what + " as witnessed but shows no witness");
                }
                for (LedgerClient.Witness witness : witnessed.witnesses()) {
                    PinnedKey known = given.get(witness.jurisdictionId());
                    if (known == null) {
                        requireCoSignature(client, keys, head, witness, what);
                    } else {
                        requireCoSignature(client, keys, head, witness, what, known);
                        outOfBand++;
                    }
                    witnesses.add(witness.jurisdictionId());
                    signatures++;
                }
                Consistency.requireExtends(client, pinned, head, current, "witnessed");
                heads++;
                after = head.treeSize();
            }
            if (page.nextAfter() == null || page.items().isEmpty()) {
                break;
            }
            after = page.nextAfter();
        }
        return new Result(heads, signatures, witnesses.size(), outOfBand);
    }

    /** A co-signature checked against the witness's key as given out of band, and the ledger's claim about it. */
    private static void requireCoSignature(LedgerClient client, Map<String, Map<String, String>> keys,
                                           SignedTreeHead head, LedgerClient.Witness witness, String what,
                                           PinnedKey known) {
        String id = witness.jurisdictionId();
        if (!known.keyId().equals(witness.keyId())) {
            throw AuditFailure.signature("the ledger shows a co-signature of " + what + " by jurisdiction " + id
                    + " with key " + witness.keyId() + ", but its key given out of band (--witness-key) is "
                    + known.keyId() + ": the ledger claims a different key for this witness");
        }
        Map<String, String> registered = keys.computeIfAbsent(id, j -> client.jurisdictionKeys(j).orElse(Map.of()));
        if (!known.publicKeyBase64().equals(registered.get(known.keyId()))) {
            throw AuditFailure.signature("the ledger does not show jurisdiction " + id + "'s key " + known.keyId()
                    + " as given out of band (--witness-key), it shows " + registered.keySet()
                    + ": the ledger claims a different key for this witness");
        }
        SignedTreeHead coSigned = new SignedTreeHead(head.treeSize(), head.rootHash(), head.timestamp(),
                witness.keyId(), witness.signature());
        if (!known.verifies(coSigned)) {
            throw AuditFailure.signature("the co-signature of " + what + " by jurisdiction " + id + " does not"
                    + " verify with its key given out of band (" + known.keyId() + ")");
        }
    }

    private static void requireCoSignature(LedgerClient client, Map<String, Map<String, String>> keys,
                                           SignedTreeHead head, LedgerClient.Witness witness, String what) {
        Map<String, String> registered = keys.computeIfAbsent(witness.jurisdictionId(),
                id -> client.jurisdictionKeys(id).orElse(Map.of()));
        String publicKey = registered.get(witness.keyId());
        String by = "jurisdiction " + witness.jurisdictionId() + " (key " + witness.keyId() + ")";
        if (publicKey == null) {
            throw AuditFailure.signature("the co-signature of " + what + " by " + by + " names a key the"
                    + " jurisdiction never registered");
        }
        if (!KeyIds.of(publicKey).equals(witness.keyId())) {
            throw AuditFailure.signature("the ledger shows key " + witness.keyId() + " of jurisdiction "
                    + witness.jurisdictionId() + " with a public key whose id is " + KeyIds.of(publicKey));
        }
        SignedTreeHead coSigned = new SignedTreeHead(head.treeSize(), head.rootHash(), head.timestamp(),
                witness.keyId(), witness.signature());
        if (!coSigned.isSignedBy(publicKey)) {
            throw AuditFailure.signature("the co-signature of " + what + " by " + by + " does not verify. Signed"
                    + " bytes: " + new String(head.signedBytes(), StandardCharsets.UTF_8));
        }
    }
}
