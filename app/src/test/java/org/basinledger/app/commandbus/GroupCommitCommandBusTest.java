package org.basinledger.app.commandbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit on a real (in-memory H2) database: commands sent together share one transaction and are answered
 * after it commits; a failing command gets its own error and leaves nothing behind, the others are applied; a
 * failed commit fails the whole batch, a batch rolled back instead of committed is applied one by one; commands sent inside a unit of work are not queued; the aggregate cache
 * shows a batch's changes to other threads only after the commit.
 */
class GroupCommitCommandBusTest {

    private JdbcDataSource dataSource;
    private JdbcTemplate jdbc;
    private DataSourceTransactionManager transactions;
    private SimpleCommandBus local;
    private GroupCommitCache cache;
    private GroupCommitCommandBus bus;
    /** Per command: the transaction (its connection holder) its handler ran in. */
    private final Map<String, Object> transactionOf = new ConcurrentHashMap<>();
    /** Blocks the handler of the command named "gate" until released, so that the next commands queue up. */
    private final CountDownLatch gateEntered = new CountDownLatch(1);
    private final CountDownLatch gateReleased = new CountDownLatch(1);

    @BeforeEach
    void bus() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:group-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table applied (name varchar(64) primary key)");
        transactions = new DataSourceTransactionManager(dataSource);
        local = SimpleCommandBus.builder().transactionManager(new SpringTransactionManager(transactions)).build();
        local.subscribe("write", message -> write(message, false));
        local.subscribe("fail", message -> write(message, true));
        local.subscribe("gate", message -> {
            gateEntered.countDown();
            assertThat(gateReleased.await(10, TimeUnit.SECONDS)).isTrue();
            return write(message, false);
        });
        local.subscribe("failCommit", message -> {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    throw new IllegalStateException("the disk is full");
                }
            });
            return write(message, false);
        });
        local.subscribe("rollbackOnly", message -> {
            String name = write(message, false);
            try {
                // a participant that fails marks the whole transaction rollback-only, even though this handler goes on
                new TransactionTemplate(transactions).executeWithoutResult(status -> {
                    throw new IllegalStateException("a participant failed");
                });
            } catch (IllegalStateException ignored) {
                // the handler swallows it; the commit cannot
            }
            return name;
        });
        local.subscribe("cache", message -> {
            cache.put("aggregate", message.getPayload());
            return write(message, false);
        });
        cache = new GroupCommitCache(new WeakReferenceCache());
        bus = new GroupCommitCommandBus(local, transactions, List.of(cache), 64, 1);
    }

    @AfterEach
    void stop() throws Exception {
        gateReleased.countDown();
        bus.destroy();
        jdbc.execute("shutdown");
    }

    private String write(CommandMessage<?> message, boolean fail) {
        String name = (String) message.getPayload();
        transactionOf.put(name, TransactionSynchronizationManager.getResource(dataSource));
        jdbc.update("insert into applied (name) values (?)", name);
        if (fail) {
            throw new IllegalArgumentException(name + " breaks a rule");
        }
        return name + " applied";
    }

    private CompletableFuture<CommandResultMessage<?>> send(String commandName, String name) {
        CompletableFuture<CommandResultMessage<?>> answer = new CompletableFuture<>();
        bus.dispatch(new GenericCommandMessage<>(GenericCommandMessage.asCommandMessage(name), commandName),
                (command, result) -> answer.complete(result));
        return answer;
    }

    /** Sends "gate", waits until its handler runs, then sends the others (which queue behind it), then opens it. */
    private List<CompletableFuture<CommandResultMessage<?>>> sendTogether(String... commands) throws Exception {
        CompletableFuture<CommandResultMessage<?>> gate = send("gate", "gate");
        assertThat(gateEntered.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<CommandResultMessage<?>>> answers = new ArrayList<>();
        for (String command : commands) {
            String[] nameAndCommand = command.split(":");
            answers.add(send(nameAndCommand[1], nameAndCommand[0]));
        }
        gateReleased.countDown();
        assertThat(gate.get(10, TimeUnit.SECONDS).isExceptional()).isFalse();
        return answers;
    }

    private List<String> applied() {
        return jdbc.queryForList("select name from applied order by name", String.class);
    }

    @Test
    void commandsSentTogetherShareOneTransactionAndAreAnsweredAfterItsCommit() throws Exception {
        List<String> seenByTheAnswers = new ArrayList<>();
        CompletableFuture<CommandResultMessage<?>> gate = send("gate", "gate");
        assertThat(gateEntered.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Object>> answers = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            CompletableFuture<Object> answer = new CompletableFuture<>();
            bus.dispatch(new GenericCommandMessage<>(GenericCommandMessage.asCommandMessage(name), "write"),
                    (command, result) -> {
                        // another connection: only committed rows are visible to it
                        synchronized (seenByTheAnswers) {
                            seenByTheAnswers.addAll(new JdbcTemplate(dataSource).queryForList(
                                    "select name from applied where name = ?", String.class, name));
                        }
                        answer.complete(result.getPayload());
                    });
            answers.add(answer);
        }
        gateReleased.countDown();
        gate.get(10, TimeUnit.SECONDS);

        assertThat(answers.stream().map(CompletableFuture::join)).containsExactly("a applied", "b applied", "c applied");
        assertThat(seenByTheAnswers).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(transactionOf.get("a")).isSameAs(transactionOf.get("b")).isSameAs(transactionOf.get("c"))
                .isNotSameAs(transactionOf.get("gate"));
        assertThat(applied()).containsExactly("a", "b", "c", "gate");
    }

    @Test
    void aFailingCommandGetsItsOwnErrorAndLeavesNothingWhileTheOthersOfItsBatchAreApplied() throws Exception {
        List<CompletableFuture<CommandResultMessage<?>>> answers = sendTogether("a:write", "b:fail", "c:write");

        assertThat(answers.get(0).get(10, TimeUnit.SECONDS).getPayload()).isEqualTo("a applied");
        CommandResultMessage<?> failed = answers.get(1).get(10, TimeUnit.SECONDS);
        assertThat(failed.isExceptional()).isTrue();
        assertThat(failed.exceptionResult()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("b breaks a rule");
        assertThat(answers.get(2).get(10, TimeUnit.SECONDS).getPayload()).isEqualTo("c applied");
        assertThat(applied()).containsExactly("a", "c", "gate");
        // applied again one by one after the batch rolled back: each in a transaction of its own
        assertThat(transactionOf.get("a")).isNotSameAs(transactionOf.get("c"));
    }

    @Test
    void aCommitThatFailsFailsEveryCommandOfTheBatchAndKeepsNoneOfThem() throws Exception {
        List<CompletableFuture<CommandResultMessage<?>>> answers = sendTogether("a:write", "b:failCommit");

        for (CompletableFuture<CommandResultMessage<?>> answer : answers) {
            CommandResultMessage<?> result = answer.get(10, TimeUnit.SECONDS);
            assertThat(result.isExceptional()).isTrue();
            assertThat(result.exceptionResult()).hasMessage("the disk is full");
        }
        assertThat(applied()).containsExactly("gate");
    }

    @Test
    void aBatchMarkedRollbackOnlyIsAppliedAgainOneByOneAndOnlyTheCommandThatMarkedItFails() throws Exception {
        List<CompletableFuture<CommandResultMessage<?>>> answers = sendTogether("a:write", "b:rollbackOnly");

        assertThat(answers.get(0).get(10, TimeUnit.SECONDS).getPayload()).isEqualTo("a applied");
        CommandResultMessage<?> failed = answers.get(1).get(10, TimeUnit.SECONDS);
        assertThat(failed.isExceptional()).isTrue();
        assertThat(failed.exceptionResult()).isInstanceOf(UnexpectedRollbackException.class);
        assertThat(applied()).containsExactly("a", "gate");
    }

    @Test
    void aCommandSentInsideAUnitOfWorkIsAppliedThereAndThenNotQueued() throws Exception {
        local.subscribe("outer", message -> {
            CompletableFuture<CommandResultMessage<?>> inner = send("write", "inner");
            // answered before the outer handler returns: dispatched on this thread, in this transaction
            assertThat(inner.isDone()).isTrue();
            return write(message, false);
        });

        assertThat(send("outer", "outer").get(10, TimeUnit.SECONDS).isExceptional()).isFalse();
        assertThat(transactionOf.get("inner")).isSameAs(transactionOf.get("outer"));
        assertThat(applied()).containsExactly("inner", "outer");
    }

    @Test
    void otherThreadsSeeABatchsCacheChangesOnlyAfterItsCommitAndNeverAfterItsRollback() throws Exception {
        cache.put("aggregate", "committed");
        List<Object> seenWhileApplying = new ArrayList<>();
        local.subscribe("look", message -> {
            // the committer sees its batch's change; another thread still sees the committed state
            seenWhileApplying.add(cache.get("aggregate"));
            seenWhileApplying.add(CompletableFuture.supplyAsync(() -> cache.get("aggregate")).join());
            return write(message, false);
        });

        List<CompletableFuture<CommandResultMessage<?>>> answers = sendTogether("changed:cache", "look:look");
        answers.forEach(CompletableFuture::join);
        assertThat(seenWhileApplying).containsExactly("changed", "committed");
        assertThat((Object) cache.get("aggregate")).isEqualTo("changed");
    }

    @Test
    void aRolledBackBatchDropsTheCacheEntriesItTouched() {
        Cache shared = new WeakReferenceCache();
        GroupCommitCache wrapped = new GroupCommitCache(shared);
        shared.put("aggregate", "committed");

        wrapped.begin();
        wrapped.put("aggregate", "uncommitted");
        assertThat((Object) shared.get("aggregate")).isEqualTo("committed");
        wrapped.discard();

        assertThat(shared.containsKey("aggregate")).isFalse();
        assertThat((Object) wrapped.get("aggregate")).isNull();
    }
}
