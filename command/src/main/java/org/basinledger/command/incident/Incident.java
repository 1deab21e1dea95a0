package org.basinledger.command.incident;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.agreement.EmergencyTerms;
import org.basinledger.api.common.Actor;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.FieldError;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.Money;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.incident.AcknowledgeIncidentCommand;
import org.basinledger.api.incident.CloseIncidentCommand;
import org.basinledger.api.incident.IncidentAcknowledgedEvent;
import org.basinledger.api.incident.IncidentAcknowledgementMissedEvent;
import org.basinledger.api.incident.IncidentClosedEvent;
import org.basinledger.api.incident.IncidentLevelChangedEvent;
import org.basinledger.api.incident.IncidentNotice;
import org.basinledger.api.incident.IncidentRaisedEvent;
import org.basinledger.api.incident.IncidentStatus;
import org.basinledger.api.incident.IncidentUpdatedEvent;
import org.basinledger.api.incident.RaiseIncidentCommand;
import org.basinledger.api.incident.UpdateIncidentCommand;
import org.basinledger.api.incident.WarningLevel;
import org.basinledger.command.agreement.AgreementDirectory;
import org.basinledger.command.agreement.AgreementDirectory.AgreementFacts;

/**
 * An emergency incident at a section of an agreement in force (API.md "Emergency incidents"). Invariants: only a
 * party of the agreement raises one, at one of the agreement's sections, under terms that set emergency duties;
 * every other party gets one notice per level the incident takes, with the deadline the terms (as they were at
 * raising) give for that level; only a party with a notice acknowledges, once per notice, late when after its
 * deadline (one acknowledgement answers all of the party's unanswered notices); a notice not acknowledged by its deadline is missed, once, and then owes the terms' penalty to the
 * raising party (a transfer whose id derives from the incident and the notice, so it is created once); a change of
 * level withdraws the notices still pending, and so does closure, which only the raising party does, once. Nothing
 * changes a closed incident.
 *
 * <p>Misses are recorded by a persistent deadline at each notice's {@code acknowledgeBy}; a command that finds a
 * notice past its deadline and not yet recorded as missed (the deadline manager was late, the ledger was down)
 * records the miss first, so the outcome never depends on when the scheduler ran.
 */
@Aggregate(cache = "incidentCache")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
public class Incident {

    /** Deadline: a notice's {@code acknowledgeBy} has come. Payload: the notice's number, as text. */
    public static final String ACKNOWLEDGEMENT_DUE = "incident-acknowledgement-due";
    static final int MAX_DESCRIPTION = 5_000;
    static final int MAX_TEXT = 10_000;
    static final int MAX_NOTE = 2_000;
    static final int MAX_POLLUTANT = 100;
    static final int MAX_EVIDENCE = 50;
    /** How far ahead of the ledger's clock a party's clock may be when it says when it detected an incident. */
    static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final MetaData BY_LEDGER = MetaData.with(Actor.ACTOR, Actor.LEDGER);

    @AggregateIdentifier
    private String incidentId;
    private String agreementId;
    private String raisedBy;
    private Set<String> parties;
    private EmergencyTerms emergency;
    private Money penalty;
    private WarningLevel level;
    private IncidentStatus status;
    private int updates;
    private int lastNotice;
    private final Map<Integer, Notice> notices = new LinkedHashMap<>();

    protected Incident() {
        // for Axon
    }

    @CommandHandler
    public Incident(RaiseIncidentCommand command, AgreementDirectory agreements, DeadlineManager deadlines) {
        String actor = command.actingJurisdiction();
        AgreementFacts agreement = agreements.find(command.agreementId())
                .orElseThrow(() -> new NotFoundException("no agreement " + command.agreementId()));
        if (actor == null || !agreement.hasParty(actor)) {
            throw new NotPermittedException("only a party to " + command.agreementId() + " may raise an incident");
        }
        if (agreement.status() != AgreementStatus.IN_FORCE) {
            throw new InvalidStateException("agreement " + command.agreementId() + " is " + agreement.status()
                    + ": incidents are raised only under an agreement in force");
        }
        if (agreement.emergency() == null) {
            throw new InvalidStateException("the terms of " + command.agreementId()
                    + " set no emergency duties (terms.emergency): an amendment must add them first");
        }
        Instant now = GenericEventMessage.clock.instant();
        List<FieldError> errors = new ArrayList<>();
        if (command.sectionId() == null || command.sectionId().isBlank()) {
            errors.add(new FieldError("sectionId", "is required"));
        } else if (!agreement.sections().contains(command.sectionId())) {
            errors.add(new FieldError("sectionId", command.sectionId() + " is not a section of "
                    + command.agreementId()));
        }
        if (command.level() == null) {
            errors.add(new FieldError("level", "is required: one of BLUE, YELLOW, ORANGE, RED"));
        }
        if (command.pollutant() != null && (command.pollutant().isBlank()
                || command.pollutant().length() > MAX_POLLUTANT)) {
            errors.add(new FieldError("pollutant", "must be left out or 1 to " + MAX_POLLUTANT + " characters"));
        }
        checkText(command.description(), "description", MAX_DESCRIPTION, errors);
        if (command.detectedAt() == null) {
            errors.add(new FieldError("detectedAt", "is required"));
        } else if (command.detectedAt().isAfter(now.plus(CLOCK_TOLERANCE))) {
            errors.add(new FieldError("detectedAt", "must not be in the future"));
        }
        checkEvidence(command.evidence(), true, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        List<IncidentNotice> sent = new ArrayList<>();
        int number = 0;
        Duration within = agreement.emergency().within(command.level());
        for (String party : agreement.parties().stream().sorted().toList()) {
            if (!party.equals(actor)) {
                sent.add(new IncidentNotice(++number, party, command.level(), now, now.plus(within)));
            }
        }
        apply(new IncidentRaisedEvent(command.incidentId(), command.agreementId(), command.sectionId(),
                command.level(), command.pollutant(), command.description(), command.detectedAt(),
                List.copyOf(command.evidence()), actor, now, sent, agreement.emergency()));
        schedule(sent, deadlines);
    }

    @CommandHandler
    public void handle(AcknowledgeIncidentCommand command) {
        String party = command.actingJurisdiction();
        if (party == null || notices.values().stream().noneMatch(n -> n.jurisdictionId.equals(party))) {
            throw new NotPermittedException("only a party with a notice of incident " + incidentId
                    + " may acknowledge it");
        }
        requireOpen("acknowledged");
        if (command.note() != null && command.note().length() > MAX_NOTE) {
            throw new InvalidInputException("note", "must be at most " + MAX_NOTE + " characters");
        }
        Instant now = GenericEventMessage.clock.instant();
        List<Notice> waiting = notices.values().stream()
                .filter(n -> n.jurisdictionId.equals(party) && n.awaitsAcknowledgement()).toList();
        if (waiting.isEmpty()) {
            throw new InvalidStateException(party + " has no notice of incident " + incidentId
                    + " waiting for an acknowledgement");
        }
        recordMisses(now);
        // one acknowledgement answers every notice of the party still unanswered, each in time or late by its own
        for (Notice notice : waiting) {
            apply(new IncidentAcknowledgedEvent(incidentId, agreementId, notice.number, party, notice.level,
                    notice.acknowledgeBy, now, now.isAfter(notice.acknowledgeBy), blankToNull(command.note())));
        }
    }

    @CommandHandler
    public void handle(UpdateIncidentCommand command, DeadlineManager deadlines) {
        String party = command.actingJurisdiction();
        if (party == null || !parties.contains(party)) {
            throw new NotPermittedException("only a party to " + agreementId + " may update incident " + incidentId);
        }
        requireOpen("updated");
        List<FieldError> errors = new ArrayList<>();
        checkText(command.text(), "text", MAX_TEXT, errors);
        checkEvidence(command.evidence(), false, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Instant now = GenericEventMessage.clock.instant();
        recordMisses(now);
        apply(new IncidentUpdatedEvent(incidentId, agreementId, updates + 1, party, command.text(),
                command.evidence() == null ? List.of() : List.copyOf(command.evidence()), now));
        if (command.level() != null && command.level() != level) {
            List<IncidentNotice> sent = new ArrayList<>();
            int number = lastNotice;
            Duration within = emergency.within(command.level());
            for (String other : parties.stream().sorted().toList()) {
                if (!other.equals(raisedBy)) {
                    sent.add(new IncidentNotice(++number, other, command.level(), now, now.plus(within)));
                }
            }
            apply(new IncidentLevelChangedEvent(incidentId, agreementId, level, command.level(), party, now,
                    pending(), sent));
            schedule(sent, deadlines);
        }
    }

    @CommandHandler
    public void handle(CloseIncidentCommand command) {
        if (command.actingJurisdiction() == null || !command.actingJurisdiction().equals(raisedBy)) {
            throw new NotPermittedException("only the raising party " + raisedBy + " may close incident "
                    + incidentId);
        }
        requireOpen("closed");
        List<FieldError> errors = new ArrayList<>();
        checkText(command.summary(), "summary", MAX_TEXT, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Instant now = GenericEventMessage.clock.instant();
        recordMisses(now);
        apply(new IncidentClosedEvent(incidentId, agreementId, raisedBy, command.summary(), now, pending()));
    }

    /**
     * A notice's deadline has come: unless it was acknowledged in time or withdrawn before its deadline, it is
     * missed, and the penalty (if any) falls due. Deadlines are never cancelled: this checks the state.
     */
    @DeadlineHandler(deadlineName = ACKNOWLEDGEMENT_DUE)
    void onAcknowledgementDue(String noticeNumber) {
        Notice notice = notices.get(Integer.valueOf(noticeNumber));
        if (notice != null && notice.isMissable()) {
            miss(notice);
        }
    }

    /** Records every notice past its deadline and not yet recorded as missed (before the command's own event). */
    private void recordMisses(Instant now) {
        for (Notice notice : List.copyOf(notices.values())) {
            if (notice.isMissable() && now.isAfter(notice.acknowledgeBy)) {
                miss(notice);
            }
        }
    }

    private void miss(Notice notice) {
        apply(new IncidentAcknowledgementMissedEvent(incidentId, agreementId, notice.number, notice.jurisdictionId,
                notice.level, notice.acknowledgeBy, raisedBy, penalty,
                penalty == null ? null : penaltyTransferId(incidentId, notice.number)), BY_LEDGER);
    }

    /** The id of the penalty transfer of a missed notice: the same for every delivery of the miss. */
    public static String penaltyTransferId(String incidentId, int noticeNumber) {
        return UUID.nameUUIDFromBytes(("incident-penalty:" + incidentId + ":" + noticeNumber)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The notices still waiting for an acknowledgement and not yet past their deadline: a change withdraws them. */
    private List<Integer> pending() {
        return notices.values().stream().filter(n -> n.acknowledgedAt == null && !n.missed && !n.withdrawn)
                .map(n -> n.number).toList();
    }

    private static void schedule(List<IncidentNotice> sent, DeadlineManager deadlines) {
        for (IncidentNotice notice : sent) {
            deadlines.schedule(notice.acknowledgeBy(), ACKNOWLEDGEMENT_DUE, String.valueOf(notice.number()));
        }
    }

    private void requireOpen(String action) {
        if (status != IncidentStatus.OPEN) {
            throw new InvalidStateException("incident " + incidentId + " is " + status + " and cannot be " + action);
        }
    }

    private static void checkText(String text, String field, int max, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
        } else if (text.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private static void checkEvidence(List<Evidence> evidence, boolean required, List<FieldError> errors) {
        if (evidence == null || evidence.isEmpty()) {
            if (required) {
                errors.add(new FieldError("evidence", "at least one piece of evidence is required"));
            }
            return;
        }
        if (evidence.size() > MAX_EVIDENCE) {
            errors.add(new FieldError("evidence", "at most " + MAX_EVIDENCE + " pieces"));
            return;
        }
        for (int i = 0; i < evidence.size(); i++) {
            Evidence item = evidence.get(i);
            String path = "evidence[" + i + "]";
            if (item == null) {
                errors.add(new FieldError(path, "is required"));
                continue;
            }
            if (item.sha256() == null || !SHA256_HEX.matcher(item.sha256()).matches()) {
                errors.add(new FieldError(path + ".sha256", "must be 64 lowercase hex digits"));
            }
            if (item.uri() == null || item.uri().isBlank()) {
                errors.add(new FieldError(path + ".uri", "must not be blank"));
            } else if (!Evidence.isFetchableUri(item.uri())) {
                errors.add(new FieldError(path + ".uri", "must be an absolute https or http address"));
            }
            if (item.description() != null && item.description().length() > MAX_NOTE) {
                errors.add(new FieldError(path + ".description", "must be at most " + MAX_NOTE + " characters"));
            }
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    @EventSourcingHandler
    void on(IncidentRaisedEvent event) {
        incidentId = event.incidentId();
        agreementId = event.agreementId();
        raisedBy = event.raisedBy();
        level = event.level();
        emergency = event.emergency();
        penalty = event.emergency() == null ? null : event.emergency().penaltyForMissedAcknowledgement();
        status = IncidentStatus.OPEN;
        Set<String> all = new LinkedHashSet<>();
        all.add(event.raisedBy());
        event.notices().forEach(n -> all.add(n.jurisdictionId()));
        parties = all;
        add(event.notices());
    }

    @EventSourcingHandler
    void on(IncidentAcknowledgedEvent event) {
        notices.get(event.noticeNumber()).acknowledgedAt = event.acknowledgedAt();
    }

    @EventSourcingHandler
    void on(IncidentAcknowledgementMissedEvent event) {
        notices.get(event.noticeNumber()).missed = true;
    }

    @EventSourcingHandler
    void on(IncidentUpdatedEvent event) {
        updates = event.number();
    }

    @EventSourcingHandler
    void on(IncidentLevelChangedEvent event) {
        level = event.level();
        withdraw(event.withdrawnNotices());
        add(event.notices());
    }

    @EventSourcingHandler
    void on(IncidentClosedEvent event) {
        status = IncidentStatus.CLOSED;
        withdraw(event.withdrawnNotices());
    }

    private void add(List<IncidentNotice> sent) {
        for (IncidentNotice notice : sent) {
            notices.put(notice.number(), new Notice(notice.number(), notice.jurisdictionId(), notice.level(),
                    notice.acknowledgeBy()));
            lastNotice = Math.max(lastNotice, notice.number());
        }
    }

    private void withdraw(List<Integer> numbers) {
        if (numbers != null) {
            numbers.forEach(number -> notices.get(number).withdrawn = true);
        }
    }

    /** What the incident keeps of one notice. */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE)
    static final class Notice {
        int number;
        String jurisdictionId;
        WarningLevel level;
        Instant acknowledgeBy;
        Instant acknowledgedAt;
        boolean missed;
        boolean withdrawn;

        Notice() {
            // for Jackson
        }

        Notice(int number, String jurisdictionId, WarningLevel level, Instant acknowledgeBy) {
            this.number = number;
            this.jurisdictionId = jurisdictionId;
            this.level = level;
            this.acknowledgeBy = acknowledgeBy;
        }

        /** Still to be acknowledged (in time or late): a party's acknowledgement answers all such notices. */
        boolean awaitsAcknowledgement() {
            return acknowledgedAt == null && !withdrawn;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Notice n && n.number == number && n.missed == missed && n.withdrawn == withdrawn
                    && Objects.equals(n.jurisdictionId, jurisdictionId) && n.level == level
                    && Objects.equals(n.acknowledgeBy, acknowledgeBy) && Objects.equals(n.acknowledgedAt, acknowledgedAt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(number, jurisdictionId, level, acknowledgeBy, acknowledgedAt, missed, withdrawn);
        }

        /** Not acknowledged by its deadline, not withdrawn before it, not yet recorded as missed. */
        boolean isMissable() {
            return !missed && !withdrawn && (acknowledgedAt == null || acknowledgedAt.isAfter(acknowledgeBy));
        }
    }
}
