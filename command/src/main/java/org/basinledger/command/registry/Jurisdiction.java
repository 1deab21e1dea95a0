package org.basinledger.command.registry;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.basinledger.api.common.AlreadyExistsException;
import org.basinledger.api.common.FieldError;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.registry.AddJurisdictionKeyCommand;
import org.basinledger.api.registry.JurisdictionKeyAddedEvent;
import org.basinledger.api.registry.JurisdictionKeyRevokedEvent;
import org.basinledger.api.registry.JurisdictionRegisteredEvent;
import org.basinledger.api.registry.KeyIds;
import org.basinledger.api.registry.RegisterJurisdictionCommand;
import org.basinledger.api.registry.RevokeJurisdictionKeyCommand;
import org.basinledger.api.report.AppointRiverChiefCommand;
import org.basinledger.api.report.EndRiverChiefTermCommand;
import org.basinledger.api.report.RiverChiefAppointedEvent;
import org.basinledger.api.report.RiverChiefTermEndedEvent;
import org.basinledger.command.registry.JurisdictionDirectory.SigningKey;

/**
 * A registered jurisdiction and every Ed25519 key it ever had. Invariants: it always has a valid id, name and
 * level; a key (by key id) is added at most once and revoked at most once, and a revoked key stays revoked.
 */
@Aggregate(cache = "registryCache")
public class Jurisdiction {

    static final int MAX_CHIEF_SECTIONS = 50;

    @AggregateIdentifier
    private String jurisdictionId;
    private final Map<String, Key> keys = new LinkedHashMap<>();
    /** River chiefs by id: when each term began, and ended (null while it runs). */
    private final Map<String, ChiefTerm> riverChiefs = new LinkedHashMap<>();

    protected Jurisdiction() {
        // for Axon
    }

    /** Answers the jurisdiction id. */
    @CommandHandler
    public Jurisdiction(RegisterJurisdictionCommand command) {
        List<FieldError> errors = new ArrayList<>();
        if (!RegistryIds.isValid(command.jurisdictionId())) {
            errors.add(new FieldError("id", RegistryIds.RULE));
        }
        if (command.name() == null || command.name().isBlank()) {
            errors.add(new FieldError("name", "must not be blank"));
        } else if (command.name().length() > 200) {
            errors.add(new FieldError("name", "must be at most 200 characters"));
        }
        if (command.level() == null) {
            errors.add(new FieldError("level", "is required"));
        }
        if (command.parentId() != null
                && (!RegistryIds.isValid(command.parentId()) || command.parentId().equals(command.jurisdictionId()))) {
            errors.add(new FieldError("parentId", "must be another jurisdiction's id"));
        }
        String publicKey = normalisedKey(command.publicKey(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        apply(new JurisdictionRegisteredEvent(command.jurisdictionId(), command.name().strip(), command.level(),
                command.parentId()));
        apply(new JurisdictionKeyAddedEvent(command.jurisdictionId(), KeyIds.of(publicKey), publicKey));
    }

    /** Answers the new key's id. */
    @CommandHandler
    public String handle(AddJurisdictionKeyCommand command) {
        List<FieldError> errors = new ArrayList<>();
        String publicKey = normalisedKey(command.publicKey(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String keyId = KeyIds.of(publicKey);
        if (keys.containsKey(keyId)) {
            throw new AlreadyExistsException("key " + keyId + " is already registered for " + jurisdictionId);
        }
        apply(new JurisdictionKeyAddedEvent(jurisdictionId, keyId, publicKey));
        return keyId;
    }

    @CommandHandler
    public void handle(RevokeJurisdictionKeyCommand command) {
        Key key = keys.get(command.keyId());
        if (key == null) {
            throw new NotFoundException("jurisdiction " + jurisdictionId + " has no key " + command.keyId());
        }
        if (key.revoked()) {
            throw new InvalidStateException("key " + command.keyId() + " is already revoked");
        }
        apply(new JurisdictionKeyRevokedEvent(jurisdictionId, command.keyId()));
    }

    /**
     * Publishes a river chief: only the jurisdiction itself, with a name, an office and a water; sections optional
     * (at most 50). Answers the chief's id.
     */
    @CommandHandler
    public String handle(AppointRiverChiefCommand command) {
        requireSelf(command.actingJurisdiction(), "appoint its river chiefs");
        if (riverChiefs.containsKey(command.chiefId())) {
            throw new AlreadyExistsException("river chief " + command.chiefId() + " already exists");
        }
        List<FieldError> errors = new ArrayList<>();
        requireText(errors, "name", command.name());
        requireText(errors, "office", command.office());
        requireText(errors, "waterBody", command.waterBody());
        List<String> sections = command.sectionIds() == null ? List.of() : command.sectionIds();
        if (sections.size() > MAX_CHIEF_SECTIONS) {
            errors.add(new FieldError("sectionIds", "must be at most " + MAX_CHIEF_SECTIONS));
        } else {
            for (int i = 0; i < sections.size(); i++) {
                String section = sections.get(i);
                if (section == null || section.isBlank() || section.length() > 100) {
                    errors.add(new FieldError("sectionIds[" + i + "]", "must be a section id of 1 to 100 characters"));
                }
            }
        }
        if (command.from() == null) {
            errors.add(new FieldError("from", "is required"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        apply(new RiverChiefAppointedEvent(jurisdictionId, command.chiefId(), command.name().strip(),
                command.office().strip(), command.waterBody().strip(),
                sections.stream().map(String::strip).distinct().toList(), command.from()));
        return command.chiefId();
    }

    /** Ends a river chief's term on a day not before it began; once. */
    @CommandHandler
    public void handle(EndRiverChiefTermCommand command) {
        requireSelf(command.actingJurisdiction(), "end its river chiefs' terms");
        ChiefTerm term = riverChiefs.get(command.chiefId());
        if (term == null) {
            throw new NotFoundException("jurisdiction " + jurisdictionId + " has no river chief " + command.chiefId());
        }
        if (term.to() != null) {
            throw new InvalidStateException("the term of river chief " + command.chiefId() + " ended on " + term.to());
        }
        if (command.to() == null) {
            throw new InvalidInputException("to", "is required");
        }
        if (command.to().isBefore(term.from())) {
            throw new InvalidInputException("to", "must not be before the term began (" + term.from() + ")");
        }
        apply(new RiverChiefTermEndedEvent(jurisdictionId, command.chiefId(), command.to()));
    }

    private void requireSelf(String actingJurisdiction, String what) {
        if (!jurisdictionId.equals(actingJurisdiction)) {
            throw new NotPermittedException("only " + jurisdictionId + " may " + what);
        }
    }

    private static void requireText(List<FieldError> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
        } else if (value.length() > 200) {
            errors.add(new FieldError(field, "must be at most 200 characters"));
        }
    }

    @EventSourcingHandler
    void on(RiverChiefAppointedEvent event) {
        riverChiefs.put(event.chiefId(), new ChiefTerm(event.from(), null));
    }

    @EventSourcingHandler
    void on(RiverChiefTermEndedEvent event) {
        riverChiefs.computeIfPresent(event.chiefId(), (id, term) -> new ChiefTerm(term.from(), event.to()));
    }

    @EventSourcingHandler
    void on(JurisdictionRegisteredEvent event) {
        jurisdictionId = event.jurisdictionId();
    }

    @EventSourcingHandler
    void on(JurisdictionKeyAddedEvent event) {
        keys.put(event.keyId(), new Key(event.publicKey(), false));
    }

    @EventSourcingHandler
    void on(JurisdictionKeyRevokedEvent event) {
        keys.computeIfPresent(event.keyId(), (id, key) -> new Key(key.publicKey(), true));
    }

    List<SigningKey> activeKeys() {
        return keys.entrySet().stream()
                .filter(e -> !e.getValue().revoked())
                .map(e -> new SigningKey(e.getKey(), e.getValue().publicKey()))
                .toList();
    }

    private static String normalisedKey(String publicKey, List<FieldError> errors) {
        try {
            return Ed25519Keys.normalise(publicKey);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("publicKey", "must be an Ed25519 public key, PEM or base64 DER (" + e.getMessage() + ")"));
            return null;
        }
    }

    private record Key(String publicKey, boolean revoked) {
    }

    private record ChiefTerm(LocalDate from, LocalDate to) {
    }
}
