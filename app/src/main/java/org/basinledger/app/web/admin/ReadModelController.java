package org.basinledger.app.web.admin;

import org.basinledger.api.common.Caller;
import org.basinledger.app.readmodel.ReadModelRebuild;
import org.basinledger.app.security.Access;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registrar rebuilds every read model from the events while the ledger keeps answering
 * (docs/api-extensions.md, "Administration"; docs/operations.md, "Rebuilding the read models").
 */
@RestController
@RequestMapping("/api/v1/admin/read-models/rebuild")
public class ReadModelController {

    private final ReadModelRebuild rebuild;

    public ReadModelController(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    /** Starts a rebuild: 202 with its status; 409 while one runs. */
    @PostMapping
    public ResponseEntity<ReadModelRebuild.Status> start(Caller caller) {
        Access.requireRegistrar(caller);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(rebuild.start(caller.actor()));
    }

    /** The running or last rebuild's progress. */
    @GetMapping
    public ReadModelRebuild.Status status(Caller caller) {
        Access.requireRegistrar(caller);
        return rebuild.status();
    }
}
