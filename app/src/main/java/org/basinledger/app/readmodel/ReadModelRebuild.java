package org.basinledger.app.readmodel;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.axonframework.config.Configuration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.TokenStoreProperties;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.app.config.NodeConfig;
import org.basinledger.query.support.ProjectionSequencing;
import org.basinledger.query.support.Projections;
import org.basinledger.query.support.RebuildingProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanDefinitionCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds every read model of the {@link Projections#PROCESSING_GROUP} processor from the events while the
 * ledger keeps answering from the live ones (docs/operations.md, "Rebuilding the read models").
 *
 * <ol>
 *   <li>The schema that is not live is emptied and given every read-model table ({@link ReadModelSchemas}), with the
 *   primary keys the projections find rows by but no other index.</li>
 *   <li>Fresh instances of the projections, writing into that schema over connections of their own, receive
 *   the events straight from the event table in large pages, one transaction per page, up to where the live
 *   processor's committed token is; again while the live processor is more than a page ahead. A reader thread
 *   decodes the next page meanwhile; the events are applied on several threads ({@link #groupOf}), each with its
 *   own instances, connection and transactions.</li>
 *   <li>The live processor is paused and meanwhile the other indexes and keys are built over the rows (far cheaper
 *   than keeping them up row by row); the rebuild applies what the live processor applied since, records the
 *   schema as the live one in one transaction, and routes connections there; the live processor resumes with
 *   its token unchanged. So the new tables hold exactly the events the token covers: none missed, none twice.</li>
 * </ol>
 *
 * One rebuild at a time; its progress (events done of the total, events per second, time left) is logged every
 * few seconds and answered by {@link #status()}. Run on one node: another node's processor is not paused (with
 * several segments the rebuild refuses to swap while another node holds one).
 */
public class ReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);

    /** Where a rebuild is. */
    public enum State { IDLE, RUNNING, SWAPPED, FAILED }

    /** A rebuild's progress as the admin endpoint and actuator answer it. */
    public record Status(State state, String liveSchema, String schema, String requestedBy, long eventsDone,
                         long eventsTotal, long eventsPerSecond, Long etaSeconds, Instant startedAt,
                         Instant finishedAt, String error) {
    }

    /** Told where a rebuild stands; the application has none, tests use it to act while one runs. */
    public interface Listener {
        /**
         * The bulk of the events is in the new schema, which has its primary keys but not yet its other indexes and
         * constraints; next the live processor is paused while they are built ({@link ReadModelSchemas#completeIndexes}).
         */
        default void built(String schema) {
        }
    }

    private final ApplicationContext context;
    private final Configuration axon;
    private final ReadModelSchemas schemas;
    private final ReadModelDataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final List<Listener> listeners;
    private final int batchSize;
    private final int threads;
    private final AtomicReference<Progress> current = new AtomicReference<>();

    public ReadModelRebuild(ApplicationContext context, Configuration axon, ReadModelSchemas schemas,
                            ReadModelDataSource dataSource, JdbcTemplate jdbc, TransactionTemplate transactions,
                            List<Listener> listeners, int batchSize, int threads) {
        this.context = context;
        this.axon = axon;
        this.schemas = schemas;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.listeners = listeners;
        this.batchSize = batchSize;
        this.threads = threads;
    }

    /**
     * Starts a rebuild in the background and answers its status at once.
     *
     * @throws InvalidStateException when a rebuild is running (HTTP 409)
     */
    public Status start(String requestedBy) {
        Progress progress = new Progress(schemas.rebuildSchema(), requestedBy);
        Progress previous = current.get();
        if (previous != null && previous.state == State.RUNNING || !current.compareAndSet(previous, progress)) {
            throw new InvalidStateException("a rebuild of the read models is running; see its progress at GET "
                    + "/api/v1/admin/read-models/rebuild");
        }
        Thread worker = new Thread(() -> run(progress), "read-model-rebuild");
        worker.setDaemon(true);
        worker.start();
        return progress.status(schemas.liveSchema());
    }

    /** The running or last rebuild; IDLE when none ran since start. */
    public Status status() {
        Progress progress = current.get();
        return progress == null
                ? new Status(State.IDLE, schemas.liveSchema(), null, null, 0, 0, 0, null, null, null, null)
                : progress.status(schemas.liveSchema());
    }

    private void run(Progress progress) {
        log.info("rebuilding the read models into schema {} (asked by {}; {} threads, pages of {} events)",
                progress.schema, progress.requestedBy, threads, batchSize);
        List<Group> groups = new ArrayList<>();
        ExecutorService reader = Executors.newSingleThreadExecutor(daemon("read-model-rebuild-reader"));
        try {
            long started = System.nanoTime();
            ReadModelSchemas.Prepared prepared = schemas.createEmpty(progress.schema);
            List<Class<?>> types = projectionTypes();
            for (int i = 0; i < threads; i++) {
                groups.add(new Group(i, progress.schema, types));
            }
            Feed feed = new Feed(progress, new EventTable(new NamedParameterJdbcTemplate(jdbc), axon.eventSerializer(),
                    axon.upcasterChain()), reader, groups);
            long ready = System.nanoTime();
            GapAwareTrackingToken done = feed.bulk();
            listeners.forEach(l -> l.built(progress.schema));
            long applied = System.nanoTime();
            long[] indexed = new long[1];
            swap(progress, feed, done, () -> {
                // the indexes over the bulk at once, while the live processor finishes its batch and stops; the
                // events applied after this keep them up row by row
                schemas.completeIndexes(prepared);
                indexed[0] = System.nanoTime();
            });
            long swapped = System.nanoTime();
            progress.finish(State.SWAPPED, null);
            log.info("read models rebuilt: {} events in {} (tables {} ms, events {} ms, indexes {} ms, the rest of the"
                            + " pause and the swap {} ms), now read from schema {}", progress.done,
                    Duration.between(progress.startedAt, progress.finishedAt), millis(started, ready),
                    millis(ready, applied), millis(applied, indexed[0]), millis(indexed[0], swapped), progress.schema);
        } catch (Exception | LinkageError e) {
            progress.finish(State.FAILED, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            log.error("rebuilding the read models into schema {} failed; they are still read from schema {}",
                    progress.schema, schemas.liveSchema(), e);
        } finally {
            reader.shutdownNow();
            groups.forEach(Group::close);
        }
    }

    /**
     * Pauses the live processor and runs {@code whilePausing} meanwhile (an idle processor takes up to its event
     * availability timeout, a second, to stop); then applies what the processor applied since {@code done} and makes
     * the new schema the live one.
     */
    private void swap(Progress progress, Feed feed, GapAwareTrackingToken done, Step whilePausing) throws Exception {
        // tracking or pooled streaming alike: paused here, on this node
        Optional<StreamingEventProcessor> processor = axon.eventProcessingConfiguration()
                .eventProcessor(Projections.PROCESSING_GROUP, StreamingEventProcessor.class);
        boolean wasRunning = processor.map(StreamingEventProcessor::isRunning).orElse(false);
        CompletableFuture<Void> paused = processor.map(StreamingEventProcessor::shutdownAsync)
                .orElse(CompletableFuture.completedFuture(null));
        try {
            whilePausing.run();
            paused.get();
            int segments = segments();
            GapAwareTrackingToken live = liveToken();
            progress.total(progress.done + feed.remaining(done, live));
            feed.apply(done, live);
            transactions.executeWithoutResult(status -> {
                schemas.recordSwap(progress.schema, progress.done);
                if (segments > 1) {
                    // the new tables hold every event up to the furthest segment: every segment goes on from there
                    alignSegments(live);
                }
            });
            schemas.routeLive(progress.schema);
        } finally {
            if (wasRunning) {
                try {
                    paused.get();
                } catch (ExecutionException e) {
                    log.warn("pausing the projections processor for the read-model swap failed", e.getCause());
                }
                processor.get().start();
            }
        }
    }

    /** A step of the rebuild that may fail. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /**
     * The live processor's committed token (its position in the event store), null before its first event. With
     * several segments, each at its own position, the furthest of them: the events up to it that a segment has not
     * handled yet are in the new tables, and {@link #alignSegments} moves every segment there at the swap.
     */
    private GapAwareTrackingToken liveToken() {
        List<TrackingToken> tokens = jdbc.query("SELECT token, token_type FROM token_entry"
                + " WHERE processor_name = ?", (rs, i) -> token(rs.getBytes("token"),
                rs.getString("token_type")), Projections.PROCESSING_GROUP);
        GapAwareTrackingToken furthest = null;
        for (TrackingToken token : tokens) {
            if (token != null && !(token instanceof GapAwareTrackingToken)) {
                throw new IllegalStateException("the projections processor is at a "
                        + token.getClass().getSimpleName() + " (a replay or reset in progress?): rebuild once it is"
                        + " back at the head");
            }
            if (token != null) {
                furthest = furthest == null ? (GapAwareTrackingToken) token
                        : (GapAwareTrackingToken) furthest.upperBound(token);
            }
        }
        return furthest;
    }

    /**
     * How many segments the paused processor has. With more than one, none may be held by another node (it would go
     * on writing the old tables, and its tokens could not be moved): the rebuild runs with the projections stopped
     * on every other node (docs/operations.md). A claim of this node's own (its processor, paused while claiming at
     * start, may leave one) or one older than the claim timeout (a dead node's) holds nothing.
     */
    private int segments() {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM token_entry"
                + " WHERE processor_name = ?", Projections.PROCESSING_GROUP);
        if (rows.size() > 1) {
            String self = context.getBeanProvider(NodeConfig.NodeName.class).getIfAvailable(
                    () -> new NodeConfig.NodeName("")).value();
            Duration claimTimeout = context.getBeanProvider(TokenStoreProperties.class).getIfAvailable(
                    TokenStoreProperties::new).getClaimTimeout();
            Instant expired = Instant.now().minus(claimTimeout);
            rows.stream().filter(row -> row.get("owner") != null && !self.equals(row.get("owner"))
                            && Instant.parse((String) row.get("timestamp")).isAfter(expired))
                    .findFirst().ifPresent(row -> {
                        throw new IllegalStateException("segment " + row.get("segment") + " of the projections is"
                                + " held by " + row.get("owner") + ": with several segments, stop the other nodes"
                                + " (or their projections) before a rebuild");
                    });
        }
        return rows.size();
    }

    /** Sets every segment's token to {@code live}, in the swap's transaction. */
    private void alignSegments(GapAwareTrackingToken live) {
        if (live == null) {
            return;
        }
        SerializedObject<byte[]> token = axon.serializer().serialize(live, byte[].class);
        jdbc.update("UPDATE token_entry SET token = ?, token_type = ? WHERE processor_name = ?", token.getData(),
                token.getType().getName(), Projections.PROCESSING_GROUP);
    }

    private TrackingToken token(byte[] serialized, String type) {
        return serialized == null ? null
                : axon.serializer().deserialize(new SimpleSerializedObject<>(serialized, byte[].class, type, null));
    }

    /**
     * A context of fresh projection instances (the live ones keep caches of the live tables) writing through
     * {@code dataSource}; beans the projections share with the application (serializer, event store) come from it.
     */
    private AnnotationConfigApplicationContext projections(SingleConnectionDataSource dataSource,
                                                           List<Class<?>> types) {
        AnnotationConfigApplicationContext projections = new AnnotationConfigApplicationContext();
        projections.setParent(context);
        BeanDefinitionCustomizer primary = definition -> definition.setPrimary(true);
        projections.registerBean("readModelRebuildDataSource", DataSource.class, () -> dataSource, primary);
        projections.registerBean(JdbcTemplate.class, () -> new JdbcTemplate(dataSource), primary);
        projections.registerBean(NamedParameterJdbcTemplate.class, () -> new NamedParameterJdbcTemplate(dataSource),
                primary);
        types.forEach(type -> projections.registerBean(type, primary));
        projections.refresh();
        return projections;
    }

    /** The projections' classes, but those whose handlers must not see a replay (they notify subscribers). */
    private List<Class<?>> projectionTypes() {
        return context.getBeansWithAnnotation(ProcessingGroup.class).values().stream()
                .<Class<?>>map(AopUtils::getTargetClass)
                .filter(type -> Projections.PROCESSING_GROUP.equals(
                        AnnotationUtils.findAnnotation(type, ProcessingGroup.class).value()))
                .filter(type -> AnnotationUtils.findAnnotation(type, DisallowReplay.class) == null)
                .distinct()
                .toList();
    }

    private EventHandlerInvoker invoker(AnnotationConfigApplicationContext projections, List<Class<?>> types) {
        List<Object> handlers = types.stream().<Object>map(projections::getBean).toList();
        return SimpleEventHandlerInvoker.builder()
                .eventHandlers(handlers)
                .parameterResolverFactory(axon.parameterResolverFactory())
                .handlerDefinition(axon.handlerDefinition(handlers.get(0).getClass()))
                .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                .build();
    }

    /**
     * Which of {@code groups} threads applies an event: its sequence ({@link ProjectionSequencing}: the agreement it
     * concerns, the emission scheme, or the one shared sequence of everything else) hashed, as the live processor's
     * segments split them. Every event of a sequence goes to one thread, in store order; no projection reads a row of
     * another sequence while applying an event.
     */
    static int groupOf(Object payload, int groups) {
        return groups == 1 ? 0 : Math.floorMod(ProjectionSequencing.sequenceOf(payload).hashCode(), groups);
    }

    /**
     * Fresh instances of every projection, on a connection of their own to the rebuild schema, applying the events of
     * their sequences ({@link #groupOf}) on a thread of their own in the order they are given, one transaction per
     * page.
     */
    private final class Group {
        private final List<Class<?>> types;
        private final Connection connection;
        private final AnnotationConfigApplicationContext projections;
        private final EventHandlerInvoker invoker;
        private final SpringTransactionManager transactionManager;
        private final ExecutorService thread;

        Group(int number, String schema, List<Class<?>> types) throws SQLException {
            this.types = types;
            this.connection = dataSource.detachedConnection(schemas.searchPath(schema));
            this.projections = projections(new SingleConnectionDataSource(connection, true), types);
            types.stream().map(projections::getBean)
                    .filter(RebuildingProjection.class::isInstance)
                    .forEach(projection -> ((RebuildingProjection) projection).rebuildingIntoEmptyTables());
            this.invoker = invoker(projections, types);
            this.transactionManager = new SpringTransactionManager(
                    new DataSourceTransactionManager(projections.getBean(DataSource.class)));
            this.thread = Executors.newSingleThreadExecutor(daemon("read-model-rebuild-" + number));
        }

        /** Applies the page on this group's thread, after the pages given before. */
        Future<?> submit(List<TrackedEventMessage<?>> messages) {
            return thread.submit(() -> {
                handle(messages);
                return null;
            });
        }

        /** One transaction: the page's events through this group's projections, then its commit. */
        private void handle(List<TrackedEventMessage<?>> messages) throws Exception {
            BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(messages);
            unitOfWork.attachTransaction(transactionManager);
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
                invoker.handle(unitOfWork.getMessage(), Segment.ROOT_SEGMENT);
                return null;
            }, RollbackConfigurationType.ANY_THROWABLE);
            if (result.isExceptional()) {
                Throwable failure = result.exceptionResult();
                throw failure instanceof Exception e ? e : new IllegalStateException(failure);
            }
        }

        void close() {
            thread.shutdownNow();
            try {
                thread.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            projections.close();
            try {
                connection.close();
            } catch (SQLException e) {
                log.warn("closing a connection of the read-model rebuild failed", e);
            }
        }

        @Override
        public String toString() {
            return types.stream().map(Class::getSimpleName).toList().toString();
        }
    }

    /**
     * A page of events read and decoded, split by the group that applies them ({@link #groupOf}); how many; the global
     * index of its last row (gaps of the token left out).
     */
    private record Page(List<List<TrackedEventMessage<?>>> byGroup, int size, long last, boolean empty) {
    }

    /**
     * Feeds events to the rebuild's projections: a reader thread reads and decodes the next page while the groups
     * apply the previous ones; each group applies its share of every page ({@link #groupOf}), in order, one
     * transaction per page; a page counts as done once every group committed its share.
     */
    private final class Feed {
        /** Pages handed to the groups and not yet counted as done; more wait for the oldest. */
        private static final int IN_FLIGHT = 2;

        private final Progress progress;
        private final EventTable events;
        private final ExecutorService reader;
        private final List<Group> groups;
        private final Deque<InFlight> inFlight = new ArrayDeque<>();
        private Instant loggedAt = Instant.now();

        private record InFlight(int events, List<Future<?>> groups) {
        }

        Feed(Progress progress, EventTable events, ExecutorService reader, List<Group> groups) {
            this.progress = progress;
            this.events = events;
            this.reader = reader;
            this.groups = groups;
        }

        /** Follows the live processor's token until it is less than a page ahead; answers the token reached. */
        GapAwareTrackingToken bulk() throws Exception {
            GapAwareTrackingToken done = null;
            while (true) {
                GapAwareTrackingToken live = liveToken();
                long remaining = remaining(done, live);
                progress.total(progress.done + remaining);
                if (remaining <= batchSize) {
                    return done;
                }
                apply(done, live);
                done = live;
            }
        }

        /**
         * About how many events {@code to} covers beyond {@code from}: the global indexes between them but {@code to}'s
         * gaps, and the gaps of {@code from} filled since (counting the rows instead read every one of them, as long as
         * a page of the rebuild).
         */
        long remaining(GapAwareTrackingToken from, GapAwareTrackingToken to) {
            if (to == null) {
                return 0;
            }
            long after = from == null ? events.first() - 1 : from.getIndex();
            long gaps = to.getGaps().stream().filter(gap -> gap > after).count();
            return Math.max(0, to.getIndex() - after - gaps) + filledGaps(from, to).size();
        }

        /**
         * Applies every event {@code to} covers and {@code from} does not: the gaps of {@code from} that are filled
         * now, then the events after its index up to {@code to}'s, but {@code to}'s gaps. Returns once every group
         * has committed them.
         */
        void apply(GapAwareTrackingToken from, GapAwareTrackingToken to) throws Exception {
            if (to == null) {
                return;
            }
            try {
                Set<Long> filled = filledGaps(from, to);
                List<TrackedDomainEventData<byte[]>> filledRows = filled.isEmpty() ? List.of() : events.at(filled);
                if (!filledRows.isEmpty()) {
                    handle(decode(filledRows, to));
                }
                long after = from == null ? Long.MIN_VALUE : from.getIndex();
                Future<Page> next = after < to.getIndex() ? reader.submit(() -> read(after, to)) : null;
                while (next != null) {
                    Page page = next.get();
                    if (page.empty()) {
                        break;
                    }
                    // the next page is read and decoded while the groups apply this one
                    next = page.last() < to.getIndex() ? reader.submit(() -> read(page.last(), to)) : null;
                    handle(page);
                }
                while (!inFlight.isEmpty()) {
                    complete(inFlight.removeFirst());
                }
            } catch (ExecutionException e) {
                cancelInFlight();
                throw e.getCause() instanceof Exception cause ? cause : e;
            } catch (Exception | Error e) {
                cancelInFlight();
                throw e;
            }
        }

        private void cancelInFlight() {
            inFlight.forEach(pending -> pending.groups().forEach(future -> future.cancel(true)));
            inFlight.clear();
        }

        private Page read(long after, GapAwareTrackingToken to) {
            List<TrackedDomainEventData<byte[]>> rows = events.range(after, to.getIndex(), batchSize);
            return rows.isEmpty() ? new Page(List.of(), 0, after, true) : decode(rows, to);
        }

        /** The rows not in {@code to}'s gaps, upcast and deserialized entirely (payload, metadata, timestamp). */
        private Page decode(List<TrackedDomainEventData<byte[]>> rows, GapAwareTrackingToken to) {
            long last = EventTable.globalIndex(rows.get(rows.size() - 1));
            List<TrackedEventMessage<?>> messages = events.deserialize(rows.stream()
                    .filter(row -> !to.getGaps().contains(EventTable.globalIndex(row))).toList());
            List<List<TrackedEventMessage<?>>> byGroup = new ArrayList<>();
            groups.forEach(group -> byGroup.add(new ArrayList<>()));
            for (TrackedEventMessage<?> message : messages) {
                message.getMetaData();
                message.getTimestamp();
                byGroup.get(groupOf(message.getPayload(), groups.size())).add(message);
            }
            return new Page(byGroup, messages.size(), last, false);
        }

        /** Hands the page to every group; waits for the oldest pages beyond {@value #IN_FLIGHT} under way. */
        private void handle(Page page) throws Exception {
            if (page.size() == 0) {
                return;
            }
            List<Future<?>> applying = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                if (!page.byGroup().get(i).isEmpty()) {
                    applying.add(groups.get(i).submit(page.byGroup().get(i)));
                }
            }
            inFlight.addLast(new InFlight(page.size(), applying));
            while (inFlight.size() > IN_FLIGHT) {
                complete(inFlight.removeFirst());
            }
        }

        private void complete(InFlight pending) throws Exception {
            for (Future<?> group : pending.groups()) {
                group.get();
            }
            progress.add(pending.events());
            if (Duration.between(loggedAt, Instant.now()).compareTo(LOG_EVERY) >= 0) {
                loggedAt = Instant.now();
                Status status = progress.status(schemas.liveSchema());
                log.info("rebuilding the read models: {} of {} events, {} events/s, about {} s left",
                        status.eventsDone(), status.eventsTotal(), status.eventsPerSecond(), status.etaSeconds());
            }
        }

        private Set<Long> filledGaps(GapAwareTrackingToken from, GapAwareTrackingToken to) {
            Set<Long> filled = new TreeSet<>(from == null ? Set.of() : from.getGaps());
            filled.removeAll(to.getGaps());
            return filled;
        }
    }

    private static long millis(long fromNanos, long toNanos) {
        return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A rebuild's counters, written by its worker and read by anyone. */
    private static final class Progress {
        final String schema;
        final String requestedBy;
        final Instant startedAt = Instant.now();
        volatile State state = State.RUNNING;
        volatile long done;
        volatile long total;
        volatile Instant finishedAt;
        volatile String error;

        Progress(String schema, String requestedBy) {
            this.schema = schema;
            this.requestedBy = requestedBy;
        }

        void add(long events) {
            done += events;
            total = Math.max(total, done);
        }

        void total(long events) {
            total = Math.max(events, done);
        }

        void finish(State outcome, String failure) {
            if (outcome == State.SWAPPED) {
                // every event up to the swap is in: the estimate of the total gives way to the count
                total = done;
            }
            error = failure;
            finishedAt = Instant.now();
            state = outcome;
        }

        Status status(String liveSchema) {
            Instant end = finishedAt == null ? Instant.now() : finishedAt;
            double seconds = Math.max(Duration.between(startedAt, end).toMillis(), 1) / 1000.0;
            long rate = Math.round(done / seconds);
            Long eta = state != State.RUNNING ? null : rate == 0 ? null : (total - done) / rate;
            return new Status(state, liveSchema, schema, requestedBy, done, total, rate, eta, startedAt, finishedAt,
                    error);
        }
    }
}
