package org.basinledger.app.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class only where PostgreSQL answers (see {@link PostgresCondition}); elsewhere it is
 * skipped with a reason that says so. With {@code LEDGER_REQUIRE_POSTGRES=true} (set by {@code .ci/run}) an
 * unreachable server fails the tests instead of skipping them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PostgresCondition.class)
public @interface EnabledIfPostgres {
}
