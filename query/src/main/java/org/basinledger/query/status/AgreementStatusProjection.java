package org.basinledger.query.status;

import static org.basinledger.query.support.EventMessages.aggregateSequence;
import static org.basinledger.query.support.EventMessages.sqlTime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.basinledger.api.agreement.AgreementAmendedEvent;
import org.basinledger.api.agreement.AgreementDraftedEvent;
import org.basinledger.api.agreement.AgreementEvent;
import org.basinledger.api.agreement.AgreementOpenedForSignatureEvent;
import org.basinledger.api.agreement.AgreementPage;
import org.basinledger.api.agreement.AgreementRejectedEvent;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.AgreementStatusView.LastAssessment;
import org.basinledger.api.agreement.AgreementStatusView.Outstanding;
import org.basinledger.api.agreement.AgreementTermsDocument;
import org.basinledger.api.agreement.FindAgreementStatusQuery;
import org.basinledger.api.agreement.FindAgreementTermsQuery;
import org.basinledger.api.agreement.ListAgreementsQuery;
import org.basinledger.api.common.Caller;
import org.basinledger.query.support.Projections;
import org.basinledger.query.support.RebuildingProjection;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Read model of agreement status, the agreement list and the frozen terms, in the tables
 * {@code agreement_status} (one row per agreement, the whole view as JSON), {@code agreement_party} (for the
 * party filter and visibility) and {@code agreement_terms}.
 *
 * <p>Each row keeps the aggregate sequence of the last event applied ({@code version}); an event that is not
 * newer is a redelivery and changes nothing. Point-in-time views ({@code asOf}) are folded from the event
 * store with the same {@link AgreementStatusFold}.
 *
 * <p>Within the processor's batch (its unit of work) the events are folded in memory and each changed view is
 * written once, when the unit of work prepares its commit: in the same transaction as the processor's token, so a
 * reader sees the batch's rows and its token together. Until then the batch's own handlers see the rows as they
 * were before it: no handler of the group reads {@code agreement_status} while applying events. The parties and
 * terms tables are written at once.
 *
 * <p>{@code outstanding}, {@code lastAssessment} and {@code openDisputes} are not folded: every answer computes
 * them, at the same instant as the view, from the transfer, assessment and dispute tables ({@link StatusFigures}). The column
 * {@code in_force_at} copies the view's {@code inForceAt} for the balances, which count only transfers of
 * agreements that have entered into force.
 */
@Component
@ProcessingGroup(Projections.PROCESSING_GROUP)
public class AgreementStatusProjection implements RebuildingProjection {

    /**
     * SQL over one {@code agreement_status} row (columns prefixed by {@code alias}): the public may read it (opened
     * for signature and not sent back to draft since). A successor is shown only when it is public.
     */
    static String isPublic(String alias) {
        return alias + "public_since IS NOT NULL AND " + alias + "status <> 'DRAFT'";
    }

    /** Page size when the query asks for none. */
    public static final int DEFAULT_PAGE_SIZE = 20;
    /** The largest page a list query answers. */
    public static final int MAX_PAGE_SIZE = 200;

    /** The most views kept in memory between batches; a forgotten one is read from the table again. */
    static final int MAX_RECENT_VIEWS = 2_000;
    private static final String PENDING_VIEWS = AgreementStatusProjection.class.getName() + ".pendingViews";
    /** The most agreements whose rows one batch reads together. */
    static final int PREFETCH_LIMIT = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectWriter viewWriter;
    private final ObjectReader viewReader;
    /**
     * The views this processor wrote last (least recently used dropped first), so the next event of an agreement
     * need not read and parse its row. Cleared when a batch rolls back and on a reset. Should one ever be stale
     * (another node had the segment in between), its update finds another version in the row and fails the batch,
     * which clears this and retries from the table.
     */
    private final Map<String, AgreementStatusView> recentViews = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, AgreementStatusView> eldest) {
                    return size() > MAX_RECENT_VIEWS;
                }
            });
    private final EventStore eventStore;
    private final StatusFigures figures;
    /**
     * Set by a rebuild ({@link RebuildingProjection}): the tables started empty and only this instance writes them.
     * Then an agreement not in {@link #freshAgreements} has no rows yet (no need to read its view or delete its
     * parties), and one not in {@link #freshTerms} no terms (inserted without trying an update first).
     */
    private volatile boolean fresh;
    private final Set<String> freshAgreements = new HashSet<>();
    private final Set<String> freshTerms = new HashSet<>();

    public AgreementStatusProjection(NamedParameterJdbcTemplate jdbc, ObjectMapper objectMapper, EventStore eventStore) {
        this.jdbc = jdbc;
        this.viewWriter = objectMapper.writerFor(AgreementStatusView.class);
        // Views stored by an older release may carry fields the current record no longer has.
        this.viewReader = objectMapper.readerFor(AgreementStatusView.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.eventStore = eventStore;
        this.figures = new StatusFigures(jdbc);
    }

    @Override
    public void rebuildingIntoEmptyTables() {
        fresh = true;
    }

    @EventHandler
    void on(AgreementEvent event, EventMessage<?> message) {
        if (!AgreementStatusFold.folds(event)) {
            return;
        }
        long sequence = aggregateSequence(message);
        Batch batch = currentBatch();
        PendingView pending = batch.views.get(event.agreementId());
        if (pending == null) {
            AgreementStatusView stored = knownView(event.agreementId(), batch);
            pending = new PendingView(stored == null ? null : stored.version(), stored);
        }
        AgreementStatusView current = pending.view;
        AgreementStatusView next = AgreementStatusFold.apply(current, event, message.getTimestamp(), sequence);
        if (next == current) {
            return;
        }
        pending.view = next;
        batch.views.put(event.agreementId(), pending);
        // a rebuild: rows of this agreement (status, parties) exist only once this instance has written some
        boolean noRowsYet = fresh && freshAgreements.add(event.agreementId());
        if (event instanceof AgreementDraftedEvent || event instanceof AgreementAmendedEvent
                || event instanceof org.basinledger.api.agreement.AmendmentTookEffectEvent) {
            replaceParties(next, !noRowsYet);
        } else if (event instanceof AgreementOpenedForSignatureEvent opened) {
            storeTerms(opened, sequence);
        } else if (event instanceof AgreementRejectedEvent rejected) {
            jdbc.update("UPDATE agreement_terms SET is_current = FALSE, version = :version WHERE agreement_id = :id",
                    Map.of("id", rejected.agreementId(), "version", sequence));
        }
        if (!batch.deferred) {
            flush(batch);
        }
    }

    @ResetHandler
    void reset() {
        recentViews.clear();
        jdbc.getJdbcOperations().update("DELETE FROM agreement_terms");
        jdbc.getJdbcOperations().update("DELETE FROM agreement_party");
        jdbc.getJdbcOperations().update("DELETE FROM agreement_status");
    }

    /** An agreement's view as this batch has folded it, and the version of its row before the batch (null: none). */
    private static final class PendingView {
        final Long storedVersion;
        AgreementStatusView view;

        PendingView(Long storedVersion, AgreementStatusView view) {
            this.storedVersion = storedVersion;
            this.view = view;
        }
    }

    /** The views a batch changed, in the order it first changed them; written once each when it commits. */
    private static final class Batch {
        final boolean deferred;
        final Map<String, PendingView> views = new LinkedHashMap<>();
        /** The rows of the batch's agreements read together ({@link #prefetch}); null until read. */
        Map<String, AgreementStatusView> stored;

        Batch(boolean deferred) {
            this.deferred = deferred;
        }
    }

    /**
     * The batch of the current unit of work (the processor's): created with its first event, written when the unit
     * of work prepares its commit, that is in its transaction and together with the processor's token; when it
     * rolls back, the views in memory are forgotten. Without a unit of work every event is written at once.
     */
    private Batch currentBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new Batch(false);
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING_VIEWS, key -> {
            Batch batch = new Batch(true);
            unitOfWork.onPrepareCommit(u -> flush(batch));
            unitOfWork.onRollback(u -> recentViews.clear());
            return batch;
        });
    }

    /** Writes each changed view once: the new rows in one JDBC batch, the updated ones in another. */
    private void flush(Batch batch) {
        List<MapSqlParameterSource> inserts = new ArrayList<>();
        List<MapSqlParameterSource> updates = new ArrayList<>();
        List<AgreementStatusView> updated = new ArrayList<>();
        for (PendingView pending : batch.views.values()) {
            if (pending.storedVersion == null) {
                inserts.add(rowParams(pending.view));
            } else {
                updates.add(rowParams(pending.view).addValue("previousVersion", pending.storedVersion));
                updated.add(pending.view);
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate(INSERT, inserts.toArray(MapSqlParameterSource[]::new));
        }
        if (!updates.isEmpty()) {
            int[] counts = jdbc.batchUpdate(UPDATE, updates.toArray(MapSqlParameterSource[]::new));
            for (int i = 0; i < counts.length; i++) {
                // SUCCESS_NO_INFO (-2): the driver did not count; a batch that failed throws instead
                if (counts[i] != 1 && counts[i] != java.sql.Statement.SUCCESS_NO_INFO) {
                    throw new IllegalStateException("agreement_status row " + updated.get(i).id()
                            + " changed while version " + updated.get(i).version() + " was applied");
                }
            }
        }
        batch.views.values().forEach(pending -> recentViews.put(pending.view.id(), pending.view));
        batch.views.clear();
    }

    /**
     * The view as last written, from memory when this processor wrote it recently, else from the table (in a rebuild
     * only if this instance wrote a row for the agreement).
     */
    private AgreementStatusView knownView(String agreementId, Batch batch) {
        AgreementStatusView recent = recentViews.get(agreementId);
        if (recent != null) {
            return recent;
        }
        if (fresh && !freshAgreements.contains(agreementId)) {
            return null;
        }
        if (batch.deferred && batch.stored == null) {
            batch.stored = prefetch(agreementId);
        }
        if (batch.stored != null && batch.stored.containsKey(agreementId)) {
            return batch.stored.get(agreementId);
        }
        return load(agreementId);
    }

    /**
     * The stored views of every agreement the current batch folds events of and that are not in memory (in a rebuild:
     * of those this instance has written), read in one
     * query when the first of them is needed (a new agreement's draft, typically: it has no row), instead of one
     * query per agreement. An agreement without a row maps to null. The rows are read in the batch's transaction and
     * only this processor writes them, at the batch's end: they stay as read until then.
     */
    private Map<String, AgreementStatusView> prefetch(String needed) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(needed);
        if (CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> unitOfWork) {
            for (Message<?> message : unitOfWork.getMessages()) {
                if (ids.size() >= PREFETCH_LIMIT) {
                    break;
                }
                if (AgreementEvent.class.isAssignableFrom(message.getPayloadType())
                        && message.getPayload() instanceof AgreementEvent event && event.agreementId() != null
                        && AgreementStatusFold.folds(event) && !recentViews.containsKey(event.agreementId())
                        && (!fresh || freshAgreements.contains(event.agreementId()))) {
                    ids.add(event.agreementId());
                }
            }
        }
        Map<String, AgreementStatusView> stored = new HashMap<>();
        ids.forEach(id -> stored.put(id, null));
        jdbc.query("SELECT agreement_id, view_json FROM agreement_status WHERE agreement_id IN (:ids)",
                Map.of("ids", ids), rs -> {
                    stored.put(rs.getString("agreement_id"), read(rs.getString("view_json")));
                });
        return stored;
    }

    /**
     * The current view from the table, or with {@code asOf} the view folded from the stored events up to then;
     * with what was outstanding, the last assessment and the open disputes at the same instant.
     */
    @QueryHandler
    public AgreementStatusView handle(FindAgreementStatusQuery query) {
        AgreementStatusView view = query.asOf() == null
                ? load(query.agreementId())
                : foldFromEventStore(query.agreementId(), query.asOf());
        return view == null ? null : withComputed(List.of(view), query.asOf()).get(0);
    }

    /**
     * The view as stored: the fold of the agreement's events, without the computed {@code outstanding},
     * {@code lastAssessment} and {@code openDisputes}; null when the agreement is unknown.
     */
    public AgreementStatusView storedView(String agreementId) {
        return load(agreementId);
    }

    /** A basin as the filter compares it: lower case, without apostrophes (straight or curly), trimmed. */
    static String basinKey(String basin) {
        return basin.replaceAll("['\u2018\u2019]", "").strip().toLowerCase(Locale.ROOT);
    }

    @QueryHandler
    public AgreementPage handle(ListAgreementsQuery query) {
        int size = query.size() <= 0 ? DEFAULT_PAGE_SIZE : Math.min(query.size(), MAX_PAGE_SIZE);
        int page = Math.max(query.page(), 0);
        MapSqlParameterSource params = new MapSqlParameterSource();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (query.status() != null) {
            where.append(" AND s.status = :status");
            params.addValue("status", query.status().name());
        }
        if (query.basin() != null) {
            // forgiving, as people type it: any case, with or without apostrophes ("xinan river" finds "Xin'an River")
            where.append(" AND LOWER(REPLACE(REPLACE(REPLACE(s.basin, '''', ''), '\u2019', ''), '\u2018', ''))"
                    + " = :basin");
            params.addValue("basin", basinKey(query.basin()));
        }
        if (query.party() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM agreement_party p"
                    + " WHERE p.agreement_id = s.agreement_id AND p.jurisdiction_id = :party)");
            params.addValue("party", query.party());
        }
        Caller caller = query.caller() == null ? Caller.PUBLIC : query.caller();
        switch (caller.role()) {
            case REGISTRAR -> {
            }
            case JURISDICTION -> {
                where.append(" AND ((s.public_since IS NOT NULL AND s.status <> 'DRAFT') OR EXISTS (SELECT 1"
                        + " FROM agreement_party c WHERE c.agreement_id = s.agreement_id AND c.jurisdiction_id = :caller))");
                params.addValue("caller", caller.id());
            }
            // a draft is private to its parties, also when a rejection has sent a once-public agreement back to it
            case PUBLIC, MEDIATOR -> where.append(" AND " + isPublic("s."));
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM agreement_status s" + where, params, Long.class);
        long totalItems = total == null ? 0 : total;
        params.addValue("limit", size).addValue("offset", (long) page * size);
        List<AgreementStatusView> items = jdbc.query("SELECT s.view_json FROM agreement_status s" + where
                        + " ORDER BY s.drafted_at DESC, s.agreement_id DESC LIMIT :limit OFFSET :offset", params,
                (rs, i) -> read(rs.getString("view_json")));
        items = withComputed(items, null);
        int totalPages = (int) ((totalItems + size - 1) / size);
        return new AgreementPage(items, page, size, totalItems, totalPages);
    }

    @QueryHandler
    public AgreementTermsDocument handle(FindAgreementTermsQuery query) {
        return jdbc.query("SELECT canonical_document, terms_hash, is_current FROM agreement_terms WHERE agreement_id = :id",
                        Map.of("id", query.agreementId()),
                        (rs, i) -> new AgreementTermsDocument(query.agreementId(), rs.getString("canonical_document"),
                                rs.getString("terms_hash"), rs.getBoolean("is_current")))
                .stream().findFirst().orElse(null);
    }

    /**
     * The views with {@code outstanding}, {@code lastAssessment} and {@code openDisputes} at {@code asOf} (now when
     * null).
     */
    private List<AgreementStatusView> withComputed(List<AgreementStatusView> views, Instant asOf) {
        if (views.isEmpty()) {
            return views;
        }
        List<String> ids = views.stream().map(AgreementStatusView::id).toList();
        Map<String, Outstanding> outstanding = figures.outstanding(ids, asOf);
        Map<String, LastAssessment> lastAssessments = figures.lastAssessments(ids, asOf);
        Map<String, Integer> openDisputes = figures.openDisputes(ids, asOf);
        Map<String, String> successors = figures.successors(ids);
        return views.stream()
                .map(v -> new AgreementStatusView(v.id(), v.title(), v.basin(), v.status(), v.version(), v.termsHash(),
                        v.parties(), v.effectiveFrom(), v.effectiveUntil(), openDisputes.getOrDefault(v.id(), 0),
                        outstanding.getOrDefault(v.id(), StatusFigures.NOTHING_OUTSTANDING),
                        lastAssessments.get(v.id()), v.obligations(), v.draftedBy(), v.draftedAt(),
                        v.publicSince(), v.signedAt(), v.inForceAt(), v.endedAt(), v.endReason(), v.lastRejection(),
                        v.updatedAt(), v.terminationEffectiveAt(), v.predecessorId(), successors.get(v.id()),
                        v.termsVersion()))
                .toList();
    }

    private AgreementStatusView foldFromEventStore(String agreementId, Instant asOf) {
        AgreementStatusView view = null;
        // From sequence 0 rather than readEvents(id): that one starts from a snapshot of the aggregate when
        // there is one, and a snapshot is not an event this fold can apply.
        DomainEventStream events = eventStore.readEvents(agreementId, 0L);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            // Stop at the first later event: the answer is a state the agreement really was in, even if
            // timestamps of two nodes were slightly out of order.
            if (event.getTimestamp().isAfter(asOf)) {
                break;
            }
            view = AgreementStatusFold.apply(view, event.getPayload(), event.getTimestamp(), event.getSequenceNumber());
        }
        return view;
    }

    private AgreementStatusView load(String agreementId) {
        return jdbc.query("SELECT view_json FROM agreement_status WHERE agreement_id = :id", Map.of("id", agreementId),
                (rs, i) -> read(rs.getString("view_json"))).stream().findFirst().orElse(null);
    }

    private static final String INSERT = "INSERT INTO agreement_status (agreement_id, status, basin, title, drafted_at,"
            + " public_since, version, updated_at, in_force_at, predecessor_id, view_json) VALUES (:id, :status, :basin,"
            + " :title, :draftedAt, :publicSince, :version, :updatedAt, :inForceAt, :predecessorId, :json)";
    /** Only over the version the batch read: another writer in between makes it update nothing. */
    private static final String UPDATE = "UPDATE agreement_status SET status = :status, basin = :basin, title = :title,"
            + " drafted_at = :draftedAt, public_since = :publicSince, version = :version, updated_at = :updatedAt,"
            + " in_force_at = :inForceAt, predecessor_id = :predecessorId, view_json = :json"
            + " WHERE agreement_id = :id AND version = :previousVersion";

    private MapSqlParameterSource rowParams(AgreementStatusView view) {
        return new MapSqlParameterSource()
                .addValue("id", view.id())
                .addValue("status", view.status().name())
                .addValue("basin", view.basin())
                .addValue("title", view.title())
                .addValue("draftedAt", sqlTime(view.draftedAt()))
                .addValue("publicSince", sqlTime(view.publicSince()))
                .addValue("version", view.version())
                .addValue("updatedAt", sqlTime(view.updatedAt()))
                .addValue("inForceAt", sqlTime(view.inForceAt()))
                .addValue("predecessorId", view.predecessorId(), java.sql.Types.VARCHAR)
                .addValue("json", write(view));
    }

    private void replaceParties(AgreementStatusView view, boolean mayHaveRows) {
        if (mayHaveRows) {
            jdbc.update("DELETE FROM agreement_party WHERE agreement_id = :id", Map.of("id", view.id()));
        }
        MapSqlParameterSource[] rows = view.parties().stream()
                .map(AgreementStatusView.PartyStatus::jurisdictionId)
                .distinct()
                .map(party -> new MapSqlParameterSource().addValue("id", view.id()).addValue("party", party))
                .toArray(MapSqlParameterSource[]::new);
        jdbc.batchUpdate("INSERT INTO agreement_party (agreement_id, jurisdiction_id) VALUES (:id, :party)", rows);
    }

    private void storeTerms(AgreementOpenedForSignatureEvent opened, long sequence) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("id", opened.agreementId())
                .addValue("document", opened.canonicalDocument())
                .addValue("hash", opened.termsHash())
                .addValue("version", sequence);
        // a rebuild: no terms row before this instance inserted one
        int updated = fresh && freshTerms.add(opened.agreementId()) ? 0
                : jdbc.update("UPDATE agreement_terms SET canonical_document = :document, terms_hash = :hash,"
                + " is_current = TRUE, version = :version WHERE agreement_id = :id", params);
        if (updated == 0) {
            jdbc.update("INSERT INTO agreement_terms (agreement_id, canonical_document, terms_hash, is_current, version)"
                    + " VALUES (:id, :document, :hash, TRUE, :version)", params);
        }
    }

    private String write(AgreementStatusView view) {
        try {
            return viewWriter.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the status view of " + view.id(), e);
        }
    }

    private AgreementStatusView read(String json) {
        try {
            return viewReader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored agreement status view", e);
        }
    }
}
