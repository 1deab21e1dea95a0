package org.basinledger.app.web.registry;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.common.Caller;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.registry.AddJurisdictionKeyCommand;
import org.basinledger.api.registry.FindJurisdictionQuery;
import org.basinledger.api.registry.FindMediatorQuery;
import org.basinledger.api.registry.JurisdictionLevel;
import org.basinledger.api.registry.JurisdictionList;
import org.basinledger.api.registry.JurisdictionView;
import org.basinledger.api.registry.ListJurisdictionsQuery;
import org.basinledger.api.registry.MediatorView;
import org.basinledger.api.registry.RegisterJurisdictionCommand;
import org.basinledger.api.registry.RegisterMediatorCommand;
import org.basinledger.api.registry.RevokeJurisdictionKeyCommand;
import org.basinledger.app.security.Access;
import org.basinledger.app.web.Commands;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The registry of API.md: jurisdictions with their keys, and mediators. Writes are the registrar's; reads are public. */
@RestController
@RequestMapping("/api/v1")
public class RegistryController {

    private final Commands commands;
    private final QueryGateway queries;

    public RegistryController(Commands commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    public record RegisterJurisdictionRequest(@NotBlank String id, @NotBlank String name,
                                              @NotNull JurisdictionLevel level, String parentId,
                                              @NotBlank String publicKey) {
    }

    public record AddKeyRequest(@NotBlank String publicKey) {
    }

    public record RegisterMediatorRequest(@NotBlank String id, @NotBlank String name) {
    }

    @PostMapping("/jurisdictions")
    public ResponseEntity<JurisdictionView> register(@Valid @RequestBody RegisterJurisdictionRequest body,
                                                     Caller caller, HttpServletRequest request) {
        Access.requireRegistrar(caller);
        if (body.parentId() != null && !body.parentId().isBlank()) {
            jurisdiction(body.parentId(), "parentId");
        }
        URI location = URI.create("/api/v1/jurisdictions/" + body.id());
        commands.send(new RegisterJurisdictionCommand(body.id(), body.name(), body.level(),
                blankToNull(body.parentId()), body.publicKey()), location, caller, request);
        return ResponseEntity.created(location)
                .body(jurisdiction(body.id(), null));
    }

    @PostMapping("/jurisdictions/{id}/keys")
    public ResponseEntity<Map<String, Object>> addKey(@PathVariable String id, @Valid @RequestBody AddKeyRequest body,
                                                      Caller caller, HttpServletRequest request) {
        Access.requireRegistrar(caller);
        String keyId = commands.send(new AddJurisdictionKeyCommand(id, body.publicKey()), caller, request);
        return ResponseEntity.created(URI.create("/api/v1/jurisdictions/" + id + "/keys/" + keyId))
                .body(Map.of("jurisdictionId", id, "keyId", keyId, "publicKey", keyOf(id, keyId).publicKey()));
    }

    @DeleteMapping("/jurisdictions/{id}/keys/{keyId}")
    public JurisdictionView.KeyView revokeKey(@PathVariable String id, @PathVariable String keyId, Caller caller,
                                              HttpServletRequest request) {
        Access.requireRegistrar(caller);
        commands.send(new RevokeJurisdictionKeyCommand(id, keyId), caller, request);
        return keyOf(id, keyId);
    }

    @GetMapping("/jurisdictions")
    public List<JurisdictionView> jurisdictions() {
        return queries.query(new ListJurisdictionsQuery(), JurisdictionList.class).join().jurisdictions();
    }

    @GetMapping("/jurisdictions/{id}")
    public JurisdictionView jurisdiction(@PathVariable String id) {
        return jurisdiction(id, null);
    }

    @PostMapping("/mediators")
    public ResponseEntity<MediatorView> registerMediator(@Valid @RequestBody RegisterMediatorRequest body,
                                                         Caller caller, HttpServletRequest request) {
        Access.requireRegistrar(caller);
        URI location = URI.create("/api/v1/mediators/" + body.id());
        commands.send(new RegisterMediatorCommand(body.id(), body.name()), location, caller, request);
        return ResponseEntity.created(location).body(mediator(body.id()));
    }

    @GetMapping("/mediators/{id}")
    public MediatorView mediator(@PathVariable String id) {
        MediatorView mediator = queries.query(new FindMediatorQuery(id), MediatorView.class).join();
        if (mediator == null) {
            throw new NotFoundException("no mediator " + id);
        }
        return mediator;
    }

    private JurisdictionView jurisdiction(String id, String field) {
        JurisdictionView view = queries.query(new FindJurisdictionQuery(id), JurisdictionView.class).join();
        if (view == null) {
            if (field != null) {
                throw new org.basinledger.api.common.InvalidInputException(field, "no jurisdiction " + id + " is registered");
            }
            throw new NotFoundException("no jurisdiction " + id);
        }
        return view;
    }

    private JurisdictionView.KeyView keyOf(String id, String keyId) {
        return jurisdiction(id, null).keys().stream().filter(k -> k.keyId().equals(keyId)).findFirst()
                .orElseThrow(() -> new NotFoundException("no key " + keyId + " of " + id));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
