package org.basinledger.command.agreement;

import static org.basinledger.command.agreement.AgreementSamples.AGREEMENT_ID;
import static org.basinledger.command.agreement.AgreementSamples.ANHUI;
import static org.basinledger.command.agreement.AgreementSamples.MINISTRY;
import static org.basinledger.command.agreement.AgreementSamples.OBLIGATION;
import static org.basinledger.command.agreement.AgreementSamples.OBLIGATION_DUE;
import static org.basinledger.command.agreement.AgreementSamples.ZHEJIANG;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.agreement.AgreementDraftedEvent;
import org.basinledger.api.agreement.AgreementEnteredIntoForceEvent;
import org.basinledger.api.agreement.AgreementFullySignedEvent;
import org.basinledger.api.agreement.AgreementOpenedForSignatureEvent;
import org.basinledger.api.agreement.AgreementSignedEvent;
import org.basinledger.api.agreement.ObligationOverdueEvent;
import org.basinledger.api.agreement.SignAgreementCommand;
import org.basinledger.command.support.FakeAgreementDirectory;
import org.basinledger.command.support.FakeJurisdictionDirectory;
import org.basinledger.command.support.TestKeys;

/**
 * The Xin'an agreement in a fixture: each party has one key (Anhui two), registered in a fake directory, and
 * the events of its life so far, signed for real over the canonical document.
 */
final class AgreementScenario {

    final TestKeys anhuiKey = TestKeys.generate();
    final TestKeys anhuiSecondKey = TestKeys.generate();
    final TestKeys zhejiangKey = TestKeys.generate();
    final TestKeys ministryKey = TestKeys.generate();
    final FakeJurisdictionDirectory directory = new FakeJurisdictionDirectory()
            .register(ANHUI, anhuiKey, anhuiSecondKey)
            .register(ZHEJIANG, zhejiangKey)
            .register(MINISTRY, ministryKey)
            .register(AgreementSamples.OUTSIDER, TestKeys.generate());
    final AgreementDraft draft;
    final CanonicalTerms canonical;
    private final Map<String, TestKeys> keyOf = Map.of(ANHUI, anhuiKey, ZHEJIANG, zhejiangKey, MINISTRY, ministryKey);

    /** An earlier round that ended, and another party's draft never opened (as private as an unknown id). */
    static final String PREVIOUS_ROUND = "AGR-XINAN-0";
    static final String PRIVATE_DRAFT = "AGR-PRIVATE";
    private static final FakeAgreementDirectory ROUNDS = new FakeAgreementDirectory()
            .put(PREVIOUS_ROUND, AgreementStatus.EXPIRED, AgreementSamples.ANHUI, AgreementSamples.ZHEJIANG)
            .put(PRIVATE_DRAFT, AgreementStatus.DRAFT, AgreementSamples.ZHEJIANG, AgreementSamples.OUTSIDER);

    AgreementScenario(AgreementDraft draft) {
        this.draft = draft;
        this.canonical = CanonicalTerms.of(AGREEMENT_ID, draft);
    }

    static AgreementScenario twoParties() {
        return new AgreementScenario(AgreementSamples.twoPartyDraft());
    }

    /** The three parties with every kind of compensation rule ({@link AgreementSamples#compensationDraft()}). */
    static AgreementScenario compensation() {
        return new AgreementScenario(AgreementSamples.compensationDraft());
    }

    static AgreementScenario threeParties() {
        return new AgreementScenario(AgreementSamples.threePartyDraft());
    }

    FixtureConfiguration<Agreement> fixture() {
        return fixture(stored -> stored);
    }

    /** A fixture whose agreement reads archived reports back through {@code wrap} of the fixture's own events. */
    FixtureConfiguration<Agreement> fixture(UnaryOperator<StoredReports> wrap) {
        AggregateTestFixture<Agreement> fixture = new AggregateTestFixture<>(Agreement.class);
        fixture.registerInjectableResource(directory);
        fixture.registerInjectableResource(ROUNDS);
        // archived reports are read back from the fixture's own events, as the ledger reads its event store
        fixture.registerInjectableResource(wrap.apply(new EventStoreStoredReports(fixture.getEventStore())));
        return fixture;
    }

    AgreementDraftedEvent drafted() {
        return new AgreementDraftedEvent(AGREEMENT_ID, ANHUI, draft);
    }

    AgreementOpenedForSignatureEvent opened() {
        return new AgreementOpenedForSignatureEvent(AGREEMENT_ID, ANHUI, canonical.document(), canonical.termsHash());
    }

    String signatureOf(String jurisdictionId) {
        return keyOf.get(jurisdictionId).sign(canonical.bytes());
    }

    SignAgreementCommand sign(String jurisdictionId) {
        return new SignAgreementCommand(AGREEMENT_ID, jurisdictionId, signatureOf(jurisdictionId),
                keyOf.get(jurisdictionId).keyId());
    }

    AgreementSignedEvent signed(String jurisdictionId) {
        TestKeys key = keyOf.get(jurisdictionId);
        return new AgreementSignedEvent(AGREEMENT_ID, jurisdictionId, key.keyId(), key.publicKeyBase64(),
                signatureOf(jurisdictionId), canonical.termsHash());
    }

    AgreementFullySignedEvent fullySigned() {
        return new AgreementFullySignedEvent(AGREEMENT_ID, canonical.termsHash());
    }

    AgreementEnteredIntoForceEvent enteredIntoForce() {
        return new AgreementEnteredIntoForceEvent(AGREEMENT_ID, draft.effectiveFrom());
    }

    ObligationOverdueEvent obligationOverdue() {
        return new ObligationOverdueEvent(AGREEMENT_ID, OBLIGATION, ANHUI, OBLIGATION_DUE);
    }

    /** Open for signature, nobody has signed. */
    List<Object> openForSignature() {
        return List.of(drafted(), opened());
    }

    /** Every party of the two-party draft has signed; not in force yet. */
    List<Object> signedByBoth() {
        return List.of(drafted(), opened(), signed(ANHUI), signed(ZHEJIANG), fullySigned());
    }

    /** Signed by every party of the draft and in force (no deadline scheduled: these are given events). */
    List<Object> inForce() {
        List<Object> events = new ArrayList<>(List.of(drafted(), opened()));
        draft.parties().forEach(p -> events.add(signed(p.jurisdictionId())));
        events.add(fullySigned());
        events.add(enteredIntoForce());
        return events;
    }
}
