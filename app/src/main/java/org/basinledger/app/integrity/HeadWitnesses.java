package org.basinledger.app.integrity;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.common.AlreadyExistsException;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.common.SignatureRejectedException;
import org.basinledger.api.ledger.SignedTreeHead;
import org.basinledger.api.registry.FindJurisdictionQuery;
import org.basinledger.api.registry.JurisdictionView;
import org.basinledger.command.registry.Ed25519Keys;
import org.basinledger.query.integrity.MerkleStore;
import org.basinledger.query.support.EventMessages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Witnesses' co-signatures of the ledger's signed heads: a jurisdiction signs, with one of its registered Ed25519 keys
 * (not revoked), the same bytes the ledger signed ({@link SignedTreeHead#signedBytes()}), verified with the command
 * side's strict RFC 8032 rules ({@link Ed25519Keys#verify}). A witness who keeps the heads it signed can later prove
 * what the ledger showed it; the auditor checks the ledger's current head is consistent with every witnessed one.
 * Kept in {@code head_witness}, once per head and jurisdiction.
 */
@Component
public class HeadWitnesses {

    private final NamedParameterJdbcTemplate jdbc;
    private final MerkleStore store;
    private final QueryGateway queries;
    private final Clock clock;

    @Autowired
    public HeadWitnesses(NamedParameterJdbcTemplate jdbc, MerkleStore store, QueryGateway queries) {
        this(jdbc, store, queries, Clock.systemUTC());
    }

    HeadWitnesses(NamedParameterJdbcTemplate jdbc, MerkleStore store, QueryGateway queries, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.queries = queries;
        this.clock = clock;
    }

    /** One co-signature: who, with which key, the base64 signature, when it was received. */
    public record Witness(String jurisdictionId, String keyId, String signature, Instant witnessedAt) {
    }

    /** A signed head with its witnesses' signatures. */
    public record WitnessedHead(long treeSize, String rootHash, Instant timestamp, String keyId, String signature,
                                List<Witness> witnesses) {
    }

    /** A page of witnessed heads, by size; {@code nextAfter} to ask for the next page, null at the end. */
    public record WitnessedHeadPage(List<WitnessedHead> items, Long nextAfter) {
    }

    /**
     * Records the jurisdiction's co-signature of the head of {@code treeSize}.
     *
     * @throws NotFoundException          when no head of that size was signed
     * @throws InvalidInputException      when the signature is missing, or {@code keyId} is not an active key of the
     *                                    jurisdiction
     * @throws SignatureRejectedException when the signature does not verify with the key (or any active key when
     *                                    {@code keyId} is not given)
     * @throws AlreadyExistsException     when the jurisdiction witnessed this head already
     */
    public Witness witness(long treeSize, String jurisdictionId, String keyId, String signature) {
        if (signature == null || signature.isBlank()) {
            throw new InvalidInputException("signature", "is required: base64 Ed25519 over the head's signed bytes");
        }
        if (signature.strip().length() > 128) {
            throw new InvalidInputException("signature", "is not a base64 Ed25519 signature (64 bytes)");
        }
        SignedTreeHead head = store.head(treeSize)
                .orElseThrow(() -> new NotFoundException("the ledger signed no head of " + treeSize + " leaves"));
        JurisdictionView jurisdiction = queries.query(new FindJurisdictionQuery(jurisdictionId),
                JurisdictionView.class).join();
        if (jurisdiction == null) {
            throw new NotFoundException("no jurisdiction " + jurisdictionId);
        }
        List<JurisdictionView.KeyView> active = jurisdiction.keys().stream().filter(k -> k.revokedAt() == null)
                .filter(k -> keyId == null || keyId.isBlank() || k.keyId().equals(keyId.strip())).toList();
        if (active.isEmpty()) {
            throw new InvalidInputException("keyId", keyId == null || keyId.isBlank()
                    ? "jurisdiction " + jurisdictionId + " has no active key"
                    : "is not an active key of jurisdiction " + jurisdictionId);
        }
        byte[] signed = head.signedBytes();
        JurisdictionView.KeyView key = active.stream()
                .filter(k -> Ed25519Keys.verify(k.publicKey(), signed, signature.strip())).findFirst()
                .orElseThrow(() -> new SignatureRejectedException("the signature does not verify over "
                        + new String(signed, java.nio.charset.StandardCharsets.UTF_8) + " with "
                        + (active.size() == 1 ? "key " + active.get(0).keyId() : "any active key of " + jurisdictionId)));
        Witness witness = new Witness(jurisdictionId, key.keyId(), signature.strip(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        try {
            jdbc.update("INSERT INTO head_witness (tree_size, jurisdiction_id, key_id, signature, witnessed_at,"
                            + " root_hash, head_signed_at, head_key_id, head_signature) VALUES (:size, :jurisdiction,"
                            + " :key, :signature, :at, :root, :signedAt, :headKey, :headSignature)",
                    new MapSqlParameterSource().addValue("size", treeSize).addValue("jurisdiction", jurisdictionId)
                            .addValue("key", witness.keyId()).addValue("signature", witness.signature())
                            .addValue("at", EventMessages.sqlTime(witness.witnessedAt()))
                            .addValue("root", head.rootHash())
                            .addValue("signedAt", EventMessages.sqlTime(head.timestamp()))
                            .addValue("headKey", head.keyId()).addValue("headSignature", head.signature()));
        } catch (DuplicateKeyException e) {
            throw new AlreadyExistsException("jurisdiction " + jurisdictionId + " witnessed the head of " + treeSize
                    + " leaves already");
        }
        return witness;
    }

    /**
     * The head of {@code treeSize} with its witnesses; with none, the head as the ledger keeps it.
     *
     * @throws NotFoundException when no head of that size was signed
     */
    public WitnessedHead head(long treeSize) {
        List<WitnessedHead> witnessed = witnessedHeads(treeSize - 1, treeSize);
        if (!witnessed.isEmpty()) {
            return witnessed.get(0);
        }
        SignedTreeHead head = store.head(treeSize)
                .orElseThrow(() -> new NotFoundException("the ledger signed no head of " + treeSize + " leaves"));
        return new WitnessedHead(head.treeSize(), head.rootHash(), head.timestamp(), head.keyId(), head.signature(),
                List.of());
    }

    /**
     * Heads with at least one witness and a size greater than {@code after}, by size, at most {@code limit} sizes;
     * each as it was co-signed (should rows of one size name different heads, each is listed).
     */
    public WitnessedHeadPage witnessedHeads(long after, int limit) {
        List<Long> sizes = jdbc.queryForList("SELECT DISTINCT tree_size FROM head_witness WHERE tree_size > :after"
                + " ORDER BY tree_size LIMIT :limit", new MapSqlParameterSource().addValue("after", after)
                .addValue("limit", limit + 1), Long.class);
        boolean more = sizes.size() > limit;
        List<Long> page = more ? sizes.subList(0, limit) : sizes;
        if (page.isEmpty()) {
            return new WitnessedHeadPage(List.of(), null);
        }
        return new WitnessedHeadPage(witnessedHeads(after, page.get(page.size() - 1)),
                more ? page.get(page.size() - 1) : null);
    }

    private record HeadKey(long treeSize, String rootHash, Instant timestamp, String keyId, String signature) {
    }

    private List<WitnessedHead> witnessedHeads(long after, long upTo) {
        Map<HeadKey, List<Witness>> byHead = new LinkedHashMap<>();
        jdbc.query("SELECT tree_size, jurisdiction_id, key_id, signature, witnessed_at, root_hash, head_signed_at,"
                        + " head_key_id, head_signature FROM head_witness WHERE tree_size > :after"
                        + " AND tree_size <= :upTo ORDER BY tree_size, witnessed_at, jurisdiction_id",
                new MapSqlParameterSource().addValue("after", after).addValue("upTo", upTo), rs -> {
                    HeadKey head = new HeadKey(rs.getLong("tree_size"), rs.getString("root_hash"),
                            EventMessages.instant(rs, "head_signed_at"), rs.getString("head_key_id"),
                            rs.getString("head_signature"));
                    byHead.computeIfAbsent(head, h -> new ArrayList<>()).add(new Witness(
                            rs.getString("jurisdiction_id"), rs.getString("key_id"), rs.getString("signature"),
                            EventMessages.instant(rs, "witnessed_at")));
                });
        return byHead.entrySet().stream().map(e -> new WitnessedHead(e.getKey().treeSize(), e.getKey().rootHash(),
                e.getKey().timestamp(), e.getKey().keyId(), e.getKey().signature(), e.getValue())).toList();
    }
}
