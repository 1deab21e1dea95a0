package org.basinledger.app.web;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.basinledger.api.common.Actor;
import org.basinledger.api.common.Caller;
import org.basinledger.app.commandbus.AllOrNothing;
import org.basinledger.app.idempotency.IdempotencyAttempt;
import org.basinledger.app.integrity.IntegrityHold;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Sends a command on behalf of the caller, with who and which request in its metadata (copied onto every
 * event it causes), waits for it to be applied, then for the read models to include it.
 *
 * <p>Once a command is applied the request is marked so: whatever fails afterwards (the read models not catching
 * up within the read-after-write timeout, building the answer) is answered by {@link AppliedAnswerResolver} as
 * "applied", with the location of the resource the command changed, never as a failure. A request with an
 * {@code Idempotency-Key} also hands its {@link IdempotencyAttempt} to the command, which records the key in its
 * own transaction. While the ledger's integrity is in doubt ({@link IntegrityHold}) no command is sent.
 */
@Component
public class Commands {

    private static final Logger log = LoggerFactory.getLogger(Commands.class);
    private static final String APPLIED = Commands.class.getName() + ".applied";
    /** The answer header carrying a write's position: the global index of the last event stored when it applied. */
    public static final String POSITION_HEADER = "X-Ledger-Position";
    /** How many times a command is sent when the store refuses its events for a concurrent change. */
    static final int CONFLICT_ATTEMPTS = 3;

    private final CommandGateway gateway;
    private final ReadAfterWrite readAfterWrite;
    private final ObjectProvider<FaultInjection> faults;
    private final IntegrityHold integrityHold;
    private final AllOrNothing allOrNothing;

    public Commands(CommandGateway gateway, ReadAfterWrite readAfterWrite, ObjectProvider<FaultInjection> faults,
                    IntegrityHold integrityHold, AllOrNothing allOrNothing) {
        this.gateway = gateway;
        this.readAfterWrite = readAfterWrite;
        this.faults = faults;
        this.integrityHold = integrityHold;
        this.allOrNothing = allOrNothing;
    }

    /** The read models did not include an applied command within the read-after-write timeout. */
    public static final class ReadModelsBehindException extends RuntimeException {
        ReadModelsBehindException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Sends a command that changes the resource the request addresses: the first two path segments after
     * {@code /api/v1} (for {@code POST /api/v1/transfers/{id}/payment} the transfer {@code /api/v1/transfers/{id}}).
     */
    public <R> R send(Object command, Caller caller, HttpServletRequest request) {
        return dispatch(command, resourceOf(request), caller, request);
    }

    /** Sends a command that changes (or creates) the resource at {@code location}. */
    public <R> R send(Object command, URI location, Caller caller, HttpServletRequest request) {
        return dispatch(command, location == null ? null : location.toString(), caller, request);
    }

    /**
     * Sends several commands that are applied all together or not at all ({@link AllOrNothing}), each with the
     * request's metadata; once they are applied, waits for the read models as {@link #send} does.
     *
     * @param refusedAlready whether the caller has refused the request already: then the commands are only tried
     *                       (to learn which of them would be refused too) and never applied
     * @return one outcome per command; when any was refused, none was applied (and nothing is marked applied)
     */
    public List<AllOrNothing.Outcome> sendAllOrNothing(List<?> commands, URI location, Caller caller,
                                                       HttpServletRequest request, boolean refusedAlready) {
        integrityHold.requireNoHold();
        String where = location == null ? null : location.toString();
        Map<String, String> metaData = metaData(where, caller, request);
        List<CommandMessage<?>> messages = commands.stream()
                .<CommandMessage<?>>map(c -> GenericCommandMessage.asCommandMessage(c).andMetaData(metaData))
                .toList();
        if (refusedAlready) {
            return allOrNothing.tryOnly(messages);
        }
        List<AllOrNothing.Outcome> outcomes = allOrNothing.apply(messages);
        if (outcomes.stream().anyMatch(AllOrNothing.Outcome::refused)) {
            return outcomes;
        }
        markApplied(request, where);
        log.info("applied {} commands all together for {}", commands.size(), caller.actor());
        faults.ifAvailable(fault -> fault.afterCommit(request));
        if (!awaitReadModels(request)) {
            throw new ReadModelsBehindException("the read models did not include a batch of " + commands.size()
                    + " commands within the read-after-write timeout");
        }
        return outcomes;
    }

    private <R> R dispatch(Object command, String where, Caller caller, HttpServletRequest request) {
        integrityHold.requireNoHold();
        Map<String, String> metaData = metaData(where, caller, request);
        R result = sendRetryingConflicts(command, metaData);
        markApplied(request, where);
        log.info("applied {} for {}", command.getClass().getSimpleName(), caller.actor());
        faults.ifAvailable(fault -> fault.afterCommit(request));
        if (!awaitReadModels(request)) {
            throw new ReadModelsBehindException("the read models did not include " + command.getClass().getSimpleName()
                    + " within the read-after-write timeout");
        }
        return result;
    }

    /**
     * Sends a command; when another change to the same aggregate was stored first (another node's, or a copy of
     * the aggregate this node held in memory was stale: the store's optimistic concurrency refused the events,
     * nothing was applied, and the stale copy was dropped), sends it again, up to {@link #CONFLICT_ATTEMPTS} times
     * in all; the last conflict is answered {@code 409 concurrent-modification}.
     */
    private <R> R sendRetryingConflicts(Object command, Map<String, String> metaData) {
        for (int attempt = 1; ; attempt++) {
            try {
                return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
            } catch (RuntimeException e) {
                if (attempt >= CONFLICT_ATTEMPTS || !isConflict(e)) {
                    throw e;
                }
                log.info("{} met a concurrent change (attempt {} of {}): sending it again",
                        command.getClass().getSimpleName(), attempt, CONFLICT_ATTEMPTS);
            }
        }
    }

    static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits for the read models to include the write, and tells the client the write's position
     * ({@value #POSITION_HEADER}) so a read on any node can wait for it too.
     */
    private boolean awaitReadModels(HttpServletRequest request) {
        long position = readAfterWrite.head();
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getRequest() == request && attributes.getResponse() != null && position >= 0) {
            attributes.getResponse().setHeader(POSITION_HEADER, Long.toString(position));
        }
        return readAfterWrite.awaitPosition(position);
    }

    private static Map<String, String> metaData(String where, Caller caller, HttpServletRequest request) {
        Map<String, String> metaData = new HashMap<>();
        metaData.put(Actor.ACTOR, caller.actor());
        if (caller.role() == Caller.Role.JURISDICTION) {
            metaData.put(Actor.ACTOR_JURISDICTION, caller.id());
        }
        metaData.put(Actor.REQUEST_ID, RequestIdFilter.of(request));
        String idempotencyKey = request.getHeader(IdempotencyFilter.HEADER);
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            metaData.put(Actor.IDEMPOTENCY_KEY, idempotencyKey);
        }
        IdempotencyAttempt attempt = IdempotencyFilter.attemptOf(request);
        if (attempt != null) {
            metaData.putAll(attempt.metaData(where));
        }
        return metaData;
    }

    static void markApplied(HttpServletRequest request, String location) {
        request.setAttribute(APPLIED, location == null ? "" : location);
    }

    /** Whether a command of this request has been applied. */
    public static boolean applied(HttpServletRequest request) {
        return request.getAttribute(APPLIED) != null;
    }

    /** The location of the resource the request's last applied command changed, or null. */
    public static String appliedLocation(HttpServletRequest request) {
        Object location = request.getAttribute(APPLIED);
        return location instanceof String s && !s.isEmpty() ? s : null;
    }

    /** The resource a request addresses, from its path as sent (still percent-encoded, as a Location must be). */
    static String resourceOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String prefix = "/api/v1/";
        if (!path.startsWith(prefix)) {
            return null;
        }
        String[] segments = path.substring(prefix.length()).split("/");
        return segments.length >= 2 ? prefix + segments[0] + "/" + segments[1] : path;
    }
}
