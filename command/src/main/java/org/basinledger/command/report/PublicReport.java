package org.basinledger.command.report;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.basinledger.api.common.Actor;
import org.basinledger.api.common.Evidence;
import org.basinledger.api.common.FieldError;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.report.AnswerPublicReportCommand;
import org.basinledger.api.report.AssignPublicReportCommand;
import org.basinledger.api.report.FilePublicReportCommand;
import org.basinledger.api.report.PublicReportAnsweredEvent;
import org.basinledger.api.report.PublicReportAssignedEvent;
import org.basinledger.api.report.PublicReportFiledEvent;
import org.basinledger.api.report.PublicReportOverdueEvent;
import org.basinledger.api.report.PublicReportRejectedEvent;
import org.basinledger.api.report.PublicReportStatus;
import org.basinledger.api.report.RejectPublicReportCommand;
import org.basinledger.api.report.ReportContact;
import org.basinledger.api.report.ReportPhoto;
import org.basinledger.command.registry.JurisdictionDirectory;

/**
 * A report filed by a member of the public (DOMAIN.md, "Public participation"). It moves only forward:
 * {@code RECEIVED → ASSIGNED → ANSWERED}, or {@code RECEIVED → REJECTED}; each step once. Only the registrar assigns
 * and rejects (the HTTP layer checks the role), only the assigned jurisdiction answers, also after its answer date
 * (then late). At the end of the answer date (basin time) a persistent deadline records an unanswered report as
 * overdue, once. Its events hold no personal data: the contact is checked here and only its salted hash is kept.
 */
@Aggregate
public class PublicReport {

    /** Deadline: the end of the answer date has come. Payload: the report id. */
    public static final String OVERDUE = "public-report-overdue";
    static final int MAX_DESCRIPTION = 4_000;
    static final int MAX_SHORT = 200;
    static final int MAX_PLACE = 500;
    static final int MAX_PHOTOS = 10;
    static final int MAX_REASON = 1_000;
    static final int MAX_ANSWER = 4_000;
    static final int MAX_EVIDENCE = 20;
    /** How far ahead of the ledger's clock a reporter's clock may be. */
    static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);
    /** The latest answer date the registrar may set, counted from today. */
    static final int MAX_ANSWER_DAYS = 366;
    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern PHONE = Pattern.compile("[+0-9 ()\\-]{3,40}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}");
    private static final MetaData BY_LEDGER = MetaData.with(Actor.ACTOR, Actor.LEDGER);

    @AggregateIdentifier
    private String reportId;
    private PublicReportStatus status;
    private String jurisdictionId;
    private LocalDate answerBy;
    private boolean overdue;

    protected PublicReport() {
        // for Axon
    }

    @CommandHandler
    public PublicReport(FilePublicReportCommand command) {
        List<FieldError> errors = new ArrayList<>();
        if (command.reportId() == null || command.reportId().isBlank()) {
            errors.add(new FieldError("id", "is required"));
        }
        if (command.trackingCodeHash() == null || !HEX_64.matcher(command.trackingCodeHash()).matches()) {
            errors.add(new FieldError("trackingCode", "must be the SHA-256 of the tracking code"));
        }
        requireText(errors, "basin", command.basin(), MAX_SHORT);
        optionalText(errors, "agreementId", command.agreementId(), MAX_SHORT);
        optionalText(errors, "sectionId", command.sectionId(), MAX_SHORT);
        optionalText(errors, "waterBody", command.waterBody(), MAX_SHORT);
        if (command.place() == null) {
            errors.add(new FieldError("place", "is required"));
        } else {
            requireText(errors, "place.description", command.place().description(), MAX_PLACE);
            checkCoordinates(errors, command.place().latitude(), command.place().longitude());
        }
        if (command.category() == null) {
            errors.add(new FieldError("category", "is required"));
        }
        requireText(errors, "description", command.description(), MAX_DESCRIPTION);
        Instant now = GenericEventMessage.clock.instant();
        if (command.observedAt() == null) {
            errors.add(new FieldError("observedAt", "is required"));
        } else if (command.observedAt().isAfter(now.plus(CLOCK_TOLERANCE))) {
            errors.add(new FieldError("observedAt", "must not be in the future"));
        }
        List<ReportPhoto> photos = command.photos() == null ? List.of() : command.photos();
        if (photos.size() > MAX_PHOTOS) {
            errors.add(new FieldError("photos", "must be at most " + MAX_PHOTOS));
        } else {
            for (int i = 0; i < photos.size(); i++) {
                ReportPhoto photo = photos.get(i);
                if (photo == null) {
                    errors.add(new FieldError("photos[" + i + "]", "must not be null"));
                    continue;
                }
                if (photo.sha256() == null || !HEX_64.matcher(photo.sha256()).matches()) {
                    errors.add(new FieldError("photos[" + i + "].sha256", "must be 64 lowercase hex digits"));
                }
                if (!Evidence.isFetchableUri(photo.uri())) {
                    errors.add(new FieldError("photos[" + i + "].uri", "must be an absolute http(s) address"));
                }
            }
        }
        String contactHash = null;
        ReportContact contact = command.contact();
        if (contact != null && !contact.isEmpty()) {
            checkContact(errors, contact);
            if (command.contactSalt() == null || !HEX_64.matcher(command.contactSalt()).matches()) {
                errors.add(new FieldError("contact", "needs a salt of 32 bytes"));
            } else if (errors.isEmpty()) {
                contactHash = contact.saltedHash(command.contactSalt());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        apply(new PublicReportFiledEvent(command.reportId(), command.trackingCodeHash(), command.basin().strip(),
                stripped(command.agreementId()), stripped(command.sectionId()), stripped(command.waterBody()),
                command.place(), command.category(), command.description().strip(), command.observedAt(),
                List.copyOf(photos), contactHash));
    }

    @CommandHandler
    public void handle(AssignPublicReportCommand command, JurisdictionDirectory jurisdictions,
                       DeadlineManager deadlines) {
        requireStatus(PublicReportStatus.RECEIVED, "assigned");
        List<FieldError> errors = new ArrayList<>();
        if (command.jurisdictionId() == null || command.jurisdictionId().isBlank()) {
            errors.add(new FieldError("jurisdictionId", "is required"));
        } else if (!jurisdictions.exists(command.jurisdictionId())) {
            errors.add(new FieldError("jurisdictionId", "no jurisdiction " + command.jurisdictionId()));
        }
        LocalDate today = LedgerCalendar.dateOf(GenericEventMessage.clock.instant());
        if (command.answerBy() == null) {
            errors.add(new FieldError("answerBy", "is required"));
        } else if (command.answerBy().isBefore(today)) {
            errors.add(new FieldError("answerBy", "must not be before today (" + today + ", basin time)"));
        } else if (command.answerBy().isAfter(today.plusDays(MAX_ANSWER_DAYS))) {
            errors.add(new FieldError("answerBy", "must be at most " + MAX_ANSWER_DAYS + " days ahead"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        apply(new PublicReportAssignedEvent(reportId, command.jurisdictionId(), command.answerBy()));
        deadlines.schedule(LedgerCalendar.endOf(command.answerBy()), OVERDUE, reportId);
    }

    @CommandHandler
    public void handle(RejectPublicReportCommand command) {
        requireStatus(PublicReportStatus.RECEIVED, "rejected");
        List<FieldError> errors = new ArrayList<>();
        requireText(errors, "reason", command.reason(), MAX_REASON);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        apply(new PublicReportRejectedEvent(reportId, command.reason().strip()));
    }

    @CommandHandler
    public void handle(AnswerPublicReportCommand command) {
        if (command.actingJurisdiction() == null || !command.actingJurisdiction().equals(jurisdictionId)) {
            throw new NotPermittedException("only the jurisdiction the report is assigned to may answer it");
        }
        requireStatus(PublicReportStatus.ASSIGNED, "answered");
        List<FieldError> errors = new ArrayList<>();
        requireText(errors, "text", command.text(), MAX_ANSWER);
        if (command.actionTaken() == null) {
            errors.add(new FieldError("actionTaken", "is required"));
        }
        List<Evidence> evidence = command.evidence() == null ? List.of() : command.evidence();
        if (evidence.size() > MAX_EVIDENCE) {
            errors.add(new FieldError("evidence", "must be at most " + MAX_EVIDENCE));
        } else {
            for (int i = 0; i < evidence.size(); i++) {
                Evidence item = evidence.get(i);
                if (item == null) {
                    errors.add(new FieldError("evidence[" + i + "]", "must not be null"));
                    continue;
                }
                if (item.sha256() == null || !HEX_64.matcher(item.sha256()).matches()) {
                    errors.add(new FieldError("evidence[" + i + "].sha256", "must be 64 lowercase hex digits"));
                }
                if (!Evidence.isFetchableUri(item.uri())) {
                    errors.add(new FieldError("evidence[" + i + "].uri", "must be an absolute http(s) address"));
                }
                optionalText(errors, "evidence[" + i + "].description", item.description(), MAX_PLACE);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        boolean inTime = GenericEventMessage.clock.instant().isBefore(LedgerCalendar.endOf(answerBy));
        apply(new PublicReportAnsweredEvent(reportId, jurisdictionId, command.text().strip(), command.actionTaken(),
                List.copyOf(evidence), answerBy, inTime));
    }

    /** The end of the answer date has come: an unanswered report is overdue. Answered or not, once. */
    @DeadlineHandler(deadlineName = OVERDUE)
    void onOverdue(String scheduledFor) {
        if (status == PublicReportStatus.ASSIGNED && !overdue) {
            apply(new PublicReportOverdueEvent(reportId, jurisdictionId, answerBy), BY_LEDGER);
        }
    }

    @EventSourcingHandler
    void on(PublicReportFiledEvent event) {
        reportId = event.reportId();
        status = PublicReportStatus.RECEIVED;
    }

    @EventSourcingHandler
    void on(PublicReportAssignedEvent event) {
        status = PublicReportStatus.ASSIGNED;
        jurisdictionId = event.jurisdictionId();
        answerBy = event.answerBy();
    }

    @EventSourcingHandler
    void on(PublicReportRejectedEvent event) {
        status = PublicReportStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(PublicReportAnsweredEvent event) {
        status = PublicReportStatus.ANSWERED;
    }

    @EventSourcingHandler
    void on(PublicReportOverdueEvent event) {
        overdue = true;
    }

    private void requireStatus(PublicReportStatus expected, String what) {
        if (status != expected) {
            throw new InvalidStateException("public report " + reportId + " is " + status + " and cannot be " + what);
        }
    }

    private static void checkContact(List<FieldError> errors, ReportContact contact) {
        optionalText(errors, "contact.name", contact.name(), MAX_SHORT);
        if (contact.phone() != null && !contact.phone().isBlank() && !PHONE.matcher(contact.phone()).matches()) {
            errors.add(new FieldError("contact.phone", "must be 3 to 40 digits, spaces, +, -, ( or )"));
        }
        if (contact.email() != null && !contact.email().isBlank()
                && (contact.email().length() > 254 || !EMAIL.matcher(contact.email()).matches())) {
            errors.add(new FieldError("contact.email", "must be an e-mail address"));
        }
    }

    private static void checkCoordinates(List<FieldError> errors, BigDecimal latitude, BigDecimal longitude) {
        if ((latitude == null) != (longitude == null)) {
            errors.add(new FieldError(latitude == null ? "place.latitude" : "place.longitude",
                    "latitude and longitude go together"));
            return;
        }
        if (latitude != null && (latitude.abs().compareTo(BigDecimal.valueOf(90)) > 0 || latitude.scale() > 8)) {
            errors.add(new FieldError("place.latitude", "must be between -90 and 90, at most 8 decimals"));
        }
        if (longitude != null && (longitude.abs().compareTo(BigDecimal.valueOf(180)) > 0 || longitude.scale() > 8)) {
            errors.add(new FieldError("place.longitude", "must be between -180 and 180, at most 8 decimals"));
        }
    }

    private static void requireText(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
        } else if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private static void optionalText(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private static String stripped(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
