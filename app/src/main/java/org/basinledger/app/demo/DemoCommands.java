package org.basinledger.app.demo;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.basinledger.api.common.Actor;
import org.basinledger.api.common.Caller;

/**
 * Sends the demo's commands through the command gateway as the HTTP API would: each with the acting principal
 * ({@code actor}, {@code actorJurisdiction}) and a request id {@code demo-NNNN-<step>} in its metadata, so the
 * loaded history reads like one made by the governments themselves.
 */
final class DemoCommands {

    private final CommandGateway gateway;
    private int sent;

    DemoCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /** A stable id for a named demo object: the same on every fresh load. */
    static String id(String name) {
        return UUID.nameUUIDFromBytes(("basin-ledger-demo:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    <R> R as(Caller caller, String step, Object command) {
        Map<String, String> metaData = new HashMap<>();
        metaData.put(Actor.ACTOR, caller.actor());
        if (caller.role() == Caller.Role.JURISDICTION) {
            metaData.put(Actor.ACTOR_JURISDICTION, caller.id());
        }
        metaData.put(Actor.REQUEST_ID, String.format("demo-%04d-%s", ++sent, step));
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }

    <R> R jurisdiction(String jurisdictionId, String step, Object command) {
        return as(Caller.jurisdiction(jurisdictionId), step, command);
    }

    <R> R registrar(String step, Object command) {
        return as(Caller.REGISTRAR, step, command);
    }

    <R> R mediator(String mediatorId, String step, Object command) {
        return as(Caller.mediator(mediatorId), step, command);
    }

    int sent() {
        return sent;
    }
}
