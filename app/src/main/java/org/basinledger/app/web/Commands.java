package org.basinledger.app.web;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.basinledger.api.common.Actor;
import org.basinledger.api.common.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends a command on behalf of the caller, with who and which request in its metadata (copied onto every
 * event it causes), waits for it to be applied, then for the read models to include it.
 */
@Component
public class Commands {

    private static final Logger log = LoggerFactory.getLogger(Commands.class);

    private final CommandGateway gateway;
    private final ReadAfterWrite readAfterWrite;

    public Commands(CommandGateway gateway, ReadAfterWrite readAfterWrite) {
        this.gateway = gateway;
        this.readAfterWrite = readAfterWrite;
    }

    public <R> R send(Object command, Caller caller, HttpServletRequest request) {
        Map<String, String> metaData = new HashMap<>();
        metaData.put(Actor.ACTOR, caller.actor());
        if (caller.role() == Caller.Role.JURISDICTION) {
            metaData.put(Actor.ACTOR_JURISDICTION, caller.id());
        }
        metaData.put(Actor.REQUEST_ID, RequestIdFilter.of(request));
        String idempotencyKey = request.getHeader("Idempotency-Key");
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            metaData.put(Actor.IDEMPOTENCY_KEY, idempotencyKey);
        }
        R result = gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
        log.info("applied {} for {}", command.getClass().getSimpleName(), caller.actor());
        readAfterWrite.await();
        return result;
    }
}
