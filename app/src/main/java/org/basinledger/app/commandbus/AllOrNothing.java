package org.basinledger.app.commandbus;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Applies several commands as one: in one database transaction, on the calling thread, each through the ordinary
 * command bus with every interceptor (its unit of work joins the transaction, as in a {@link GroupCommitCommandBus}
 * batch). Either every command is applied and the transaction commits, or none is: when any command is refused, the
 * others are still tried (so the caller learns every refusal at once, each against the state the commands before it
 * would have made), then everything is rolled back.
 *
 * <p>The aggregate caches ({@link GroupCommitCache}) show the commands' changes to other threads only once the
 * transaction has committed, and drop them when it rolls back. After each command the JPA persistence context is
 * flushed and cleared: the event entries a command appended are written already and never read back from it, and
 * left in it every later flush would compare each of them again (a batch of 50 reports cost 50² comparisons of
 * their payloads).
 */
@Component
public class AllOrNothing {

    private final CommandGateway gateway;
    private final PlatformTransactionManager transactions;
    private final List<GroupCommitCache> caches;
    private final EntityManagerFactory entityManagers;

    @org.springframework.beans.factory.annotation.Autowired
    public AllOrNothing(CommandGateway gateway, PlatformTransactionManager transactions, ObjectProvider<Cache> caches,
                        ObjectProvider<EntityManagerFactory> entityManagers) {
        this(gateway, transactions, caches.orderedStream().filter(GroupCommitCache.class::isInstance)
                .map(GroupCommitCache.class::cast).toList(), entityManagers.getIfAvailable());
    }

    AllOrNothing(CommandGateway gateway, PlatformTransactionManager transactions, List<GroupCommitCache> caches,
                 EntityManagerFactory entityManagers) {
        this.gateway = gateway;
        this.transactions = transactions;
        this.caches = List.copyOf(caches);
        this.entityManagers = entityManagers;
    }

    /**
     * What became of one command: its result when applied, or the exception it was refused with.
     *
     * @param result  the handler's answer (null when refused, or when the handler answers nothing)
     * @param refusal the exception the command was refused with; null when it was applied
     */
    public record Outcome(Object result, RuntimeException refusal) {

        public boolean refused() {
            return refusal != null;
        }
    }

    /**
     * Applies every command in one transaction, or none.
     *
     * @return one outcome per command, in order; when any is refused, nothing of any of them was recorded
     * @throws RuntimeException when the commit itself fails (whether anything was written is then unknown, as for a
     *                          single command whose commit fails) or something other than a command fails
     */
    public List<Outcome> apply(List<? extends CommandMessage<?>> commands) {
        return run(commands, true);
    }

    /**
     * Tries every command as {@link #apply} would, then rolls everything back: which of them would be refused, when
     * the caller already knows the whole must not be applied.
     */
    public List<Outcome> tryOnly(List<? extends CommandMessage<?>> commands) {
        return run(commands, false);
    }

    private List<Outcome> run(List<? extends CommandMessage<?>> commands, boolean commit) {
        if (CurrentUnitOfWork.isStarted() || TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("commands applied all or nothing start their own transaction");
        }
        List<Outcome> outcomes = new ArrayList<>(commands.size());
        TransactionStatus transaction = transactions.getTransaction(TransactionDefinition.withDefaults());
        caches.forEach(GroupCommitCache::begin);
        boolean refused = false;
        try {
            for (CommandMessage<?> command : commands) {
                try {
                    Object result = gateway.sendAndWait(command);
                    clearPersistenceContext();
                    outcomes.add(new Outcome(result, null));
                } catch (RuntimeException refusal) {
                    outcomes.add(new Outcome(null, refusal));
                    refused = true;
                }
            }
        } catch (Error e) {
            rollBack(transaction);
            throw e;
        }
        if (refused || !commit || transaction.isRollbackOnly()) {
            rollBack(transaction);
            if (!refused && commit) {
                throw new IllegalStateException("the transaction of commands applied all or nothing was marked "
                        + "rollback-only though none was refused");
            }
            return outcomes;
        }
        try {
            transactions.commit(transaction);
        } catch (RuntimeException e) {
            caches.forEach(GroupCommitCache::discard);
            throw e;
        }
        caches.forEach(GroupCommitCache::publish);
        return outcomes;
    }

    private void clearPersistenceContext() {
        EntityManager entityManager = entityManagers == null ? null
                : EntityManagerFactoryUtils.getTransactionalEntityManager(entityManagers);
        if (entityManager != null) {
            entityManager.flush();
            entityManager.clear();
        }
    }

    private void rollBack(TransactionStatus transaction) {
        try {
            transactions.rollback(transaction);
        } finally {
            caches.forEach(GroupCommitCache::discard);
        }
    }
}
