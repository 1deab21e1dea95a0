package org.basinledger.app.commandbus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.callbacks.NoOpCallback;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Group commit: commands sent at the same time are applied one after the other in one database transaction, and
 * each is answered only after that transaction has committed. A durable commit (H2 with {@code WRITE_DELAY=0},
 * PostgreSQL's WAL flush) then costs once per batch instead of once per command.
 *
 * <p>Commands wait in a queue; a committer thread takes all that are waiting (at most {@code maxBatch}), opens the
 * transaction, and dispatches them through the ordinary {@code SimpleCommandBus} (whose units of work join it, with
 * every interceptor: the idempotency key's row is written in it too), then commits. Nothing is half-applied:
 * <ul>
 *   <li>when a command of the batch fails, the whole transaction is rolled back and every command of the batch is
 *       applied again on its own, each in its own transaction, exactly as without this bus: the failing one gets
 *       its own error, the others their results;</li>
 *   <li>when the commit itself fails, every command of the batch gets that failure (as a single command whose
 *       commit fails does: whether it was written may be unknown), unless the transaction was certainly rolled
 *       back instead (marked rollback-only), in which case each command is applied again on its own;</li>
 *   <li>the aggregate caches ({@link GroupCommitCache}) show a batch's changes to other threads only once it has
 *       committed.</li>
 * </ul>
 * A command sent while a unit of work or a transaction is active (by a saga or an event handler, inside another
 * command or an event processor's batch) is part of that work and is dispatched directly, never queued.
 */
public final class GroupCommitCommandBus implements CommandBus, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitCommandBus.class);

    private final CommandBus local;
    private final PlatformTransactionManager transactions;
    private final List<GroupCommitCache> caches;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> committers = new ArrayList<>();
    private volatile boolean stopped;

    /**
     * @param local        the bus that applies each command (the ordinary {@code SimpleCommandBus})
     * @param transactions the transaction a batch runs in, which the local bus's units of work join
     * @param caches       the aggregate caches, wrapped so that a batch's changes stay its own until it commits
     * @param maxBatch     the most commands in one transaction
     * @param threads      how many batches may run at once
     */
    public GroupCommitCommandBus(CommandBus local, PlatformTransactionManager transactions,
                                 List<GroupCommitCache> caches, int maxBatch, int threads) {
        this.local = local;
        this.transactions = transactions;
        this.caches = List.copyOf(caches);
        this.maxBatch = Math.max(1, maxBatch);
        for (int i = 0; i < Math.max(1, threads); i++) {
            Thread committer = new Thread(this::commitLoop, "group-commit-" + i);
            committer.setDaemon(true);
            committer.start();
            committers.add(committer);
        }
    }

    private record Pending(CommandMessage<?> command, CommandCallback<Object, Object> callback) {

        void answer(CommandResultMessage<?> result) {
            callback.onResult(command, result);
        }
    }

    @Override
    public <C> void dispatch(CommandMessage<C> command) {
        dispatch(command, NoOpCallback.INSTANCE);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
        if (CurrentUnitOfWork.isStarted() || TransactionSynchronizationManager.isActualTransactionActive() || stopped) {
            local.dispatch(command, callback);
            return;
        }
        queue.add(new Pending(command, (CommandCallback<Object, Object>) callback));
    }

    private void commitLoop() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (!stopped) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                apply(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                log.error("a batch of {} commands could not be answered", batch.size(), e);
                batch.forEach(p -> p.answer(GenericCommandResultMessage.asCommandResultMessage(e)));
            } finally {
                batch.clear();
            }
        }
    }

    private void apply(List<Pending> batch) {
        if (batch.size() == 1) {
            applyAlone(batch.get(0));
            return;
        }
        List<CommandResultMessage<?>> results = new ArrayList<>(batch.size());
        TransactionStatus transaction = transactions.getTransaction(TransactionDefinition.withDefaults());
        caches.forEach(GroupCommitCache::begin);
        boolean failed = false;
        try {
            for (Pending pending : batch) {
                CommandResultMessage<?> result = applyInBatch(pending.command());
                if (result.isExceptional()) {
                    failed = true;
                    break;
                }
                results.add(result);
            }
        } catch (RuntimeException | Error e) {
            failed = true;
            log.debug("a batch of {} commands failed; applying each on its own", batch.size(), e);
        }
        if (failed) {
            transactions.rollback(transaction);
            caches.forEach(GroupCommitCache::discard);
            batch.forEach(this::applyAlone);
            return;
        }
        try {
            transactions.commit(transaction);
        } catch (UnexpectedRollbackException e) {
            // rolled back for certain (something marked it rollback-only): nothing was applied, so try one by one
            caches.forEach(GroupCommitCache::discard);
            batch.forEach(this::applyAlone);
            return;
        } catch (RuntimeException e) {
            caches.forEach(GroupCommitCache::discard);
            log.warn("the commit of a batch of {} commands failed", batch.size(), e);
            batch.forEach(p -> p.answer(GenericCommandResultMessage.asCommandResultMessage(e)));
            return;
        }
        caches.forEach(GroupCommitCache::publish);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer(results.get(i));
        }
    }

    /** Dispatches one command of a batch; its unit of work joins the batch's transaction. */
    private CommandResultMessage<?> applyInBatch(CommandMessage<?> command) {
        CommandResultMessage<?>[] result = new CommandResultMessage<?>[1];
        local.dispatch(command, (c, r) -> result[0] = r);
        if (result[0] == null) {
            throw new IllegalStateException("the command bus did not answer " + command.getCommandName()
                    + " on the committer's thread");
        }
        return result[0];
    }

    /** Applies a command in its own transaction, as the local bus does without group commit. */
    private void applyAlone(Pending pending) {
        try {
            local.dispatch(pending.command(), pending.callback());
        } catch (RuntimeException e) {
            pending.answer(GenericCommandResultMessage.asCommandResultMessage(e));
        }
    }

    @Override
    public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
        return local.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
        return local.registerHandlerInterceptor(handlerInterceptor);
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        return local.registerDispatchInterceptor(dispatchInterceptor);
    }

    /**
     * Stops taking batches (a committer finishes the batch it has; it is not interrupted, which would close H2's
     * file under it), then applies the commands still queued one by one.
     */
    @Override
    public void destroy() throws InterruptedException {
        stopped = true;
        for (Thread committer : committers) {
            committer.join(10_000);
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(this::applyAlone);
    }
}
