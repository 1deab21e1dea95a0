package org.basinledger.query.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.basinledger.query.support.Agreements.HS;
import static org.basinledger.query.support.Agreements.HZ;
import static org.basinledger.query.support.Agreements.draft;
import static org.basinledger.query.support.EventMessages.sqlTime;
import static org.basinledger.query.support.Events.at;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.basinledger.api.agreement.AgreementDraftedEvent;
import org.basinledger.api.agreement.AgreementEnteredIntoForceEvent;
import org.basinledger.api.agreement.AgreementFullySignedEvent;
import org.basinledger.api.agreement.AgreementOpenedForSignatureEvent;
import org.basinledger.api.agreement.AgreementStatusView;
import org.basinledger.api.agreement.AgreementTerminatedEvent;
import org.basinledger.query.support.Events;
import org.basinledger.query.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * V4 adds {@code agreement_status.in_force_at} and fills it for the rows written before, from the stored views:
 * agreements already in force count in the balances without a replay.
 */
abstract class InForceAtMigrationContract {

    private TestDatabase db;

    abstract TestDatabase openDatabaseAtV3();

    @AfterEach
    void closeDb() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    /** The view after the events, each a minute after the previous from {@code start}. */
    private static AgreementStatusView fold(Instant start, Object... events) {
        AgreementStatusView view = null;
        for (int i = 0; i < events.length; i++) {
            view = AgreementStatusFold.apply(view, events[i], start.plusSeconds(60L * i), i);
        }
        return view;
    }

    /** A row as the V3 release wrote it. */
    private void insertAtV3(AgreementStatusView view, ObjectMapper objectMapper) throws Exception {
        db.jdbc().update("INSERT INTO agreement_status (agreement_id, status, basin, title, drafted_at, public_since,"
                        + " version, updated_at, view_json) VALUES (:id, :status, :basin, :title, :draftedAt,"
                        + " :publicSince, :version, :updatedAt, :json)",
                new MapSqlParameterSource()
                        .addValue("id", view.id())
                        .addValue("status", view.status().name())
                        .addValue("basin", view.basin())
                        .addValue("title", view.title())
                        .addValue("draftedAt", sqlTime(view.draftedAt()))
                        .addValue("publicSince", sqlTime(view.publicSince()))
                        .addValue("version", view.version())
                        .addValue("updatedAt", sqlTime(view.updatedAt()))
                        .addValue("json", objectMapper.writeValueAsString(view)));
    }

    private Instant inForceAt(String agreementId) {
        OffsetDateTime value = db.jdbc().queryForObject(
                "SELECT in_force_at FROM agreement_status WHERE agreement_id = :id", Map.of("id", agreementId),
                OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    @Test
    void rowsWrittenBeforeV4TakeInForceAtFromTheirStoredView() throws Exception {
        db = openDatabaseAtV3();
        db.assumeAvailable();
        ObjectMapper objectMapper = Events.objectMapper();
        Instant start = at(0).plusNanos(123_456_000);
        AgreementStatusView inForce = fold(start,
                new AgreementDraftedEvent("AG-IN", HZ, draft("t", "XINAN", HZ, HS)),
                new AgreementOpenedForSignatureEvent("AG-IN", HZ, "{}", "h"),
                new AgreementFullySignedEvent("AG-IN", "h"),
                new AgreementEnteredIntoForceEvent("AG-IN", LocalDate.of(2026, 1, 1)));
        AgreementStatusView ended = fold(at(10),
                new AgreementDraftedEvent("AG-END", HZ, draft("t", "XINAN", HZ, HS)),
                new AgreementOpenedForSignatureEvent("AG-END", HZ, "{}", "h"),
                new AgreementFullySignedEvent("AG-END", "h"),
                new AgreementEnteredIntoForceEvent("AG-END", LocalDate.of(2026, 1, 1)),
                new AgreementTerminatedEvent("AG-END", HS, "done"));
        AgreementStatusView signedOnly = fold(at(20),
                new AgreementDraftedEvent("AG-SIGNED", HZ, draft("t", "XINAN", HZ, HS)),
                new AgreementOpenedForSignatureEvent("AG-SIGNED", HZ, "{}", "h"),
                new AgreementFullySignedEvent("AG-SIGNED", "h"),
                new AgreementTerminatedEvent("AG-SIGNED", HS, "never in force"));
        for (AgreementStatusView view : List.of(inForce, ended, signedOnly)) {
            insertAtV3(view, objectMapper);
        }

        db.migrateToLatest();

        assertThat(inForce.inForceAt()).isEqualTo(start.plusSeconds(180));
        assertThat(inForceAt("AG-IN")).isEqualTo(inForce.inForceAt());
        assertThat(inForceAt("AG-END")).isEqualTo(at(13));
        assertThat(inForceAt("AG-SIGNED")).isNull();
    }
}
