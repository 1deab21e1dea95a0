package org.basinledger.app.commandbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Several commands applied as one on a real (in-memory H2) database, through the group-commit bus as in the
 * application: all are applied and the cache shows their changes; or one is refused, every other is still tried, and
 * nothing of any of them is left, in the table or in the cache; or they are only tried, and nothing is left.
 */
class AllOrNothingTest {

    private JdbcTemplate jdbc;
    private GroupCommitCache cache;
    private GroupCommitCommandBus bus;
    private AllOrNothing allOrNothing;

    @BeforeEach
    void setUp() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:all-or-nothing-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table applied (name varchar(64) primary key)");
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        SimpleCommandBus local = SimpleCommandBus.builder()
                .transactionManager(new SpringTransactionManager(transactions)).build();
        cache = new GroupCommitCache(new WeakReferenceCache());
        local.subscribe("write", message -> {
            String name = (String) message.getPayload();
            jdbc.update("insert into applied (name) values (?)", name);
            cache.put(name, name);
            if (name.startsWith("bad")) {
                throw new IllegalArgumentException(name + " breaks a rule");
            }
            return name + " applied";
        });
        bus = new GroupCommitCommandBus(local, transactions, List.of(cache), 64, 1);
        allOrNothing = new AllOrNothing(DefaultCommandGateway.builder().commandBus(bus).build(), transactions,
                List.of(cache), null);
    }

    @AfterEach
    void tearDown() throws Exception {
        bus.destroy();
        jdbc.execute("shutdown");
    }

    @Test
    void allAreAppliedInOneTransactionAndTheCacheShowsThem() {
        List<AllOrNothing.Outcome> outcomes = allOrNothing.apply(writes("a", "b", "c"));

        assertThat(outcomes).extracting(AllOrNothing.Outcome::result).containsExactly("a applied", "b applied",
                "c applied");
        assertThat(applied()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat((Object) cache.get("c")).isEqualTo("c");
    }

    @Test
    void oneRefusedLeavesNothingOfAnyButEveryOneIsTried() {
        List<AllOrNothing.Outcome> outcomes = allOrNothing.apply(writes("a", "bad-b", "c", "bad-d"));

        assertThat(outcomes).extracting(AllOrNothing.Outcome::refused).containsExactly(false, true, false, true);
        assertThat(outcomes.get(1).refusal()).hasMessage("bad-b breaks a rule");
        assertThat(applied()).isEmpty();
        assertThat((Object) cache.get("a")).as("the cache forgets what was rolled back").isNull();

        assertThat(allOrNothing.apply(writes("a", "c"))).noneMatch(AllOrNothing.Outcome::refused);
        assertThat(applied()).containsExactlyInAnyOrder("a", "c");
    }

    @Test
    void triedOnlyLeavesNothing() {
        List<AllOrNothing.Outcome> outcomes = allOrNothing.tryOnly(writes("a", "b"));

        assertThat(outcomes).noneMatch(AllOrNothing.Outcome::refused);
        assertThat(applied()).isEmpty();
        assertThat((Object) cache.get("a")).isNull();
    }

    private static List<CommandMessage<?>> writes(String... names) {
        return java.util.Arrays.stream(names)
                .<CommandMessage<?>>map(n -> new GenericCommandMessage<>(GenericCommandMessage.asCommandMessage(n),
                        "write"))
                .toList();
    }

    private List<String> applied() {
        return jdbc.queryForList("select name from applied", String.class);
    }
}
