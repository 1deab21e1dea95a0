package org.basinledger.app.readmodel;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/** {@code /actuator/readmodels}: where the read models are and the progress of the running or last rebuild. */
@Endpoint(id = "readmodels")
public class ReadModelRebuildEndpoint {

    private final ReadModelRebuild rebuild;

    public ReadModelRebuildEndpoint(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @ReadOperation
    public ReadModelRebuild.Status status() {
        return rebuild.status();
    }
}
