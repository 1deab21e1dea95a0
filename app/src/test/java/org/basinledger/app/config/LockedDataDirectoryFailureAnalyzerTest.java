package org.basinledger.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

/** A locked data directory is one sentence and what to do; other database failures are left to Boot. */
class LockedDataDirectoryFailureAnalyzerTest {

    private final LockedDataDirectoryFailureAnalyzer analyzer = new LockedDataDirectoryFailureAnalyzer(
            new MockEnvironment().withProperty("ledger.data-dir", "/srv/ledger"));

    @Test
    void aDatabaseFileInUseByAnotherProcessIsOneSentence() {
        SQLException locked = DbException.get(ErrorCode.DATABASE_ALREADY_OPEN_1, "/srv/ledger/ledger").getSQLException();
        FailureAnalysis analysis = analyzer.analyze(new BeanCreationException("flyway",
                new IllegalStateException("Unable to obtain connection from database", locked)));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).isEqualTo("The data directory /srv/ledger is in use by another"
                + " Basin Ledger process (its database file is locked).");
        assertThat(analysis.getAction()).contains("--ledger.data-dir");
    }

    @Test
    void anyOtherDatabaseFailureIsNotThisOne() {
        SQLException other = DbException.get(ErrorCode.SYNTAX_ERROR_1, "x").getSQLException();

        assertThat(analyzer.analyze(new BeanCreationException("flyway", other))).isNull();
    }

    @Test
    void bootFindsTheAnalyzer() {
        assertThat(SpringFactoriesLoader.loadFactoryNames(FailureAnalyzer.class, getClass().getClassLoader()))
                .contains(LockedDataDirectoryFailureAnalyzer.class.getName());
    }
}
