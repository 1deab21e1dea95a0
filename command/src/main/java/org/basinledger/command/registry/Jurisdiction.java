package org.basinledger.command.registry;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

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
import org.basinledger.api.registry.AddJurisdictionKeyCommand;
import org.basinledger.api.registry.JurisdictionKeyAddedEvent;
import org.basinledger.api.registry.JurisdictionKeyRevokedEvent;
import org.basinledger.api.registry.JurisdictionRegisteredEvent;
import org.basinledger.api.registry.KeyIds;
import org.basinledger.api.registry.RegisterJurisdictionCommand;
import org.basinledger.api.registry.RevokeJurisdictionKeyCommand;
import org.basinledger.command.registry.JurisdictionDirectory.SigningKey;

/**
 * A registered jurisdiction and every Ed25519 key it ever had. Invariants: it always has a valid id, name and
 * level; a key (by key id) is added at most once and revoked at most once, and a revoked key stays revoked.
 */
@Aggregate(cache = "registryCache")
public class Jurisdiction {

    @AggregateIdentifier
    private String jurisdictionId;
    private final Map<String, Key> keys = new LinkedHashMap<>();

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
}
