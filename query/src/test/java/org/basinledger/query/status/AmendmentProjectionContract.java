package org.basinledger.query.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.basinledger.query.support.Agreements.HS;
import static org.basinledger.query.support.Agreements.HZ;
import static org.basinledger.query.support.Agreements.SH;
import static org.basinledger.query.support.Agreements.draft;
import static org.basinledger.query.support.Events.at;

import java.time.LocalDate;
import java.util.List;

import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AmendmentAdoptedEvent;
import org.basinledger.api.agreement.AmendmentProposedEvent;
import org.basinledger.api.agreement.AmendmentRejectedEvent;
import org.basinledger.api.agreement.AmendmentSignedEvent;
import org.basinledger.api.agreement.AmendmentStatus;
import org.basinledger.api.agreement.AmendmentTermsDocument;
import org.basinledger.api.agreement.AmendmentTookEffectEvent;
import org.basinledger.api.agreement.AmendmentTookEffectEvent.AmendmentSignature;
import org.basinledger.api.agreement.AmendmentView;
import org.basinledger.api.agreement.FindAmendmentTermsQuery;
import org.basinledger.api.agreement.FindAmendmentsQuery;
import org.basinledger.query.support.Events;
import org.basinledger.query.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The amendment projection against a real database; subclasses choose H2 or PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AmendmentProjectionContract {

    private static final String ID = "AG-1";
    private static final String DOCUMENT = "{\"agreementId\":\"AG-1\",\"amendment\":1,\"reason\":\"<b>taper</b>\"}";

    private TestDatabase db;
    private AmendmentProjection projection;

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
        projection = new AmendmentProjection(db.jdbc(), Events.objectMapper());
    }

    private static AmendmentProposedEvent proposed(int number) {
        AgreementDraft amended = draft("Xin'an compensation", "XINAN", HZ, HS, SH);
        return new AmendmentProposedEvent(ID, number, HZ, "<b>taper</b>", LocalDate.of(2026, 6, 1), amended,
                List.of(HZ, HS, SH), DOCUMENT, "hash-" + (number + 1), "hash-1");
    }

    private static AmendmentSignedEvent signed(int number, String party) {
        return new AmendmentSignedEvent(ID, number, party, "key-" + party, "pk", "sig", "hash-" + (number + 1));
    }

    private List<AmendmentView> amendments() {
        return projection.handle(new FindAmendmentsQuery(ID)).items();
    }

    @Test
    void anAmendmentIsProposedSignedAdoptedAndTakesEffectAndRedeliveriesChangeNothing() {
        AmendmentProposedEvent proposed = proposed(1);
        projection.on(proposed, at(0));
        projection.on(proposed, at(0));
        projection.on(signed(1, HZ), at(1));
        projection.on(signed(1, HZ), at(1));
        projection.on(signed(1, HS), at(2));
        AmendmentView open = amendments().get(0);
        assertThat(open.status()).isEqualTo(AmendmentStatus.OPEN_FOR_SIGNATURE);
        assertThat(open.signatures()).extracting(AmendmentSignature::jurisdictionId).containsExactly(HZ, HS);
        assertThat(open.signatories()).containsExactly(HZ, HS, SH);
        assertThat(open.reason()).isEqualTo("<b>taper</b>");

        projection.on(signed(1, SH), at(3));
        projection.on(new AmendmentAdoptedEvent(ID, 1, "hash-2", LocalDate.of(2026, 6, 1)), at(3));
        projection.on(new AmendmentTookEffectEvent(ID, 1, "hash-2", LocalDate.of(2026, 6, 1), proposed.draft(),
                List.of()), at(4));
        projection.on(new AmendmentTookEffectEvent(ID, 1, "hash-2", LocalDate.of(2026, 6, 1), proposed.draft(),
                List.of()), at(9));

        assertThat(amendments()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AmendmentStatus.ADOPTED);
            assertThat(a.adoptedAt()).isEqualTo(at(3));
            assertThat(a.inEffectAt()).isEqualTo(at(4));
            assertThat(a.signatures()).hasSize(3);
            assertThat(a.signatures().get(2).signedAt()).isEqualTo(at(3));
            assertThat(a.replacesTermsHash()).isEqualTo("hash-1");
        });
        AmendmentTermsDocument document = projection.handle(new FindAmendmentTermsQuery(ID, 1));
        assertThat(document.canonicalDocument()).isEqualTo(DOCUMENT);
        assertThat(document.termsHash()).isEqualTo("hash-2");
        assertThat(projection.handle(new FindAmendmentTermsQuery(ID, 2))).isNull();
    }

    @Test
    void aRejectedAmendmentKeepsWhoRejectedItAndWhyAndTheNextIsListedAfterIt() {
        projection.on(proposed(1), at(0));
        projection.on(signed(1, HZ), at(1));
        projection.on(new AmendmentRejectedEvent(ID, 1, SH, "not yet", List.of(HZ)), at(2));
        projection.on(proposed(2), at(3));

        assertThat(amendments()).extracting(AmendmentView::number, AmendmentView::status)
                .containsExactly(org.assertj.core.api.Assertions.tuple(1, AmendmentStatus.REJECTED),
                        org.assertj.core.api.Assertions.tuple(2, AmendmentStatus.OPEN_FOR_SIGNATURE));
        AmendmentView rejected = amendments().get(0);
        assertThat(rejected.rejectedBy()).isEqualTo(SH);
        assertThat(rejected.rejectionReason()).isEqualTo("not yet");
        assertThat(rejected.rejectedAt()).isEqualTo(at(2));
        assertThat(projection.handle(new FindAmendmentsQuery("AG-OTHER")).items()).isEmpty();
    }

    @Test
    void aResetEmptiesTheTable() {
        projection.on(proposed(1), at(0));
        projection.reset();
        assertThat(amendments()).isEmpty();
    }
}
