package org.basinledger.query.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.basinledger.query.support.Events.at;

import java.util.List;

import org.axonframework.eventhandling.DomainEventMessage;
import org.basinledger.api.registry.FindJurisdictionQuery;
import org.basinledger.api.registry.FindMediatorQuery;
import org.basinledger.api.registry.JurisdictionKeyAddedEvent;
import org.basinledger.api.registry.JurisdictionKeyRevokedEvent;
import org.basinledger.api.registry.JurisdictionLevel;
import org.basinledger.api.registry.JurisdictionList;
import org.basinledger.api.registry.JurisdictionRegisteredEvent;
import org.basinledger.api.registry.JurisdictionView;
import org.basinledger.api.registry.JurisdictionView.KeyView;
import org.basinledger.api.registry.ListJurisdictionsQuery;
import org.basinledger.api.registry.MediatorRegisteredEvent;
import org.basinledger.api.registry.MediatorView;
import org.basinledger.query.support.Events;
import org.basinledger.query.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The registry projection against a real database; subclasses choose H2 or PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RegistryProjectionContract {

    private TestDatabase db;
    private RegistryProjection projection;

    abstract TestDatabase openDatabase();

    @BeforeAll
    void openDb() {
        db = openDatabase();
    }

    @AfterAll
    void closeDb() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void setUp() {
        db.clean();
        projection = new RegistryProjection(db.jdbc());
    }

    private static DomainEventMessage<Object> jurisdictionEvent(String id, long sequence, Object payload, int minute) {
        return Events.domain("Jurisdiction", id, sequence, payload, at(minute), null);
    }

    private void register(String id, String parentId, int minute) {
        JurisdictionRegisteredEvent registered =
                new JurisdictionRegisteredEvent(id, "Name of " + id, JurisdictionLevel.CITY, parentId);
        projection.on(registered, jurisdictionEvent(id, 0, registered, minute));
        addKey(id, 1, "k1-" + id, minute);
    }

    private void addKey(String id, long sequence, String keyId, int minute) {
        JurisdictionKeyAddedEvent added = new JurisdictionKeyAddedEvent(id, keyId, "pk-" + keyId);
        projection.on(added, jurisdictionEvent(id, sequence, added, minute));
    }

    private void revokeKey(String id, long sequence, String keyId, int minute) {
        JurisdictionKeyRevokedEvent revoked = new JurisdictionKeyRevokedEvent(id, keyId);
        projection.on(revoked, jurisdictionEvent(id, sequence, revoked, minute));
    }

    private JurisdictionView find(String id) {
        return projection.handle(new FindJurisdictionQuery(id));
    }

    @Test
    void aRegisteredJurisdictionIsFoundWithItsFirstKey() {
        register("CN-ZJ-HZ", "CN-ZJ", 5);

        assertThat(find("CN-ZJ-HZ")).isEqualTo(new JurisdictionView("CN-ZJ-HZ", "Name of CN-ZJ-HZ",
                JurisdictionLevel.CITY, "CN-ZJ", at(5), List.of(
                new KeyView("k1-CN-ZJ-HZ", "pk-k1-CN-ZJ-HZ", at(5), null))));
        assertThat(find("CN-unknown")).isNull();
    }

    @Test
    void keysAreAddedAndRevokedAtTheirEventsTimes() {
        register("CN-ZJ-HZ", null, 0);
        addKey("CN-ZJ-HZ", 2, "k2", 10);
        revokeKey("CN-ZJ-HZ", 3, "k1-CN-ZJ-HZ", 20);

        assertThat(find("CN-ZJ-HZ").keys()).containsExactly(
                new KeyView("k1-CN-ZJ-HZ", "pk-k1-CN-ZJ-HZ", at(0), at(20)),
                new KeyView("k2", "pk-k2", at(10), null));
    }

    @Test
    void redeliveredEventsChangeNothing() {
        register("CN-ZJ-HZ", null, 0);
        revokeKey("CN-ZJ-HZ", 2, "k1-CN-ZJ-HZ", 20);
        JurisdictionView before = find("CN-ZJ-HZ");

        JurisdictionRegisteredEvent again =
                new JurisdictionRegisteredEvent("CN-ZJ-HZ", "Other name", JurisdictionLevel.PROVINCE, null);
        projection.on(again, jurisdictionEvent("CN-ZJ-HZ", 0, again, 30));
        addKey("CN-ZJ-HZ", 1, "k1-CN-ZJ-HZ", 30);
        revokeKey("CN-ZJ-HZ", 2, "k1-CN-ZJ-HZ", 40);

        assertThat(find("CN-ZJ-HZ")).isEqualTo(before);
        assertThat(db.count("registry_jurisdiction_key")).isEqualTo(1);
    }

    @Test
    void aKeyAddedAgainAfterRevocationIsActiveAgain() {
        register("CN-ZJ-HZ", null, 0);
        revokeKey("CN-ZJ-HZ", 2, "k1-CN-ZJ-HZ", 20);
        addKey("CN-ZJ-HZ", 3, "k1-CN-ZJ-HZ", 30);

        assertThat(find("CN-ZJ-HZ").keys()).containsExactly(new KeyView("k1-CN-ZJ-HZ", "pk-k1-CN-ZJ-HZ", at(30), null));
    }

    @Test
    void inconsistentKeyEventsFailLoudly() {
        register("CN-ZJ-HZ", null, 0);

        assertThatThrownBy(() -> revokeKey("CN-ZJ-HZ", 2, "never-added", 5)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> addKey("CN-unknown", 1, "k", 5)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void jurisdictionsAreListedById() {
        register("CN-ZJ-HZ", "CN-ZJ", 0);
        register("CN-AH", null, 1);
        register("CN-ZJ", null, 2);
        addKey("CN-AH", 2, "k2", 3);

        JurisdictionList list = projection.handle(new ListJurisdictionsQuery());

        assertThat(list.jurisdictions()).extracting(JurisdictionView::id).containsExactly("CN-AH", "CN-ZJ", "CN-ZJ-HZ");
        assertThat(list.jurisdictions().get(0).keys()).extracting(KeyView::keyId).containsExactly("k1-CN-AH", "k2");
        assertThat(list.jurisdictions().get(2).parentId()).isEqualTo("CN-ZJ");
    }

    @Test
    void mediatorsAreFoundAndRegisteredOnce() {
        projection.on(new MediatorRegisteredEvent("M-1", "Taihu Basin Authority"), at(7));
        projection.on(new MediatorRegisteredEvent("M-1", "Other"), at(9));

        assertThat(projection.handle(new FindMediatorQuery("M-1")))
                .isEqualTo(new MediatorView("M-1", "Taihu Basin Authority", at(7)));
        assertThat(projection.handle(new FindMediatorQuery("M-2"))).isNull();
    }

    @Test
    void aResetEmptiesTheRegistry() {
        register("CN-ZJ-HZ", null, 0);
        projection.on(new MediatorRegisteredEvent("M-1", "Taihu Basin Authority"), at(7));

        projection.reset();

        assertThat(projection.handle(new ListJurisdictionsQuery()).jurisdictions()).isEmpty();
        assertThat(projection.handle(new FindMediatorQuery("M-1"))).isNull();
        assertThat(db.count("registry_jurisdiction_key")).isZero();

        register("CN-ZJ-HZ", null, 0);
        assertThat(find("CN-ZJ-HZ").keys()).hasSize(1);
    }
}
