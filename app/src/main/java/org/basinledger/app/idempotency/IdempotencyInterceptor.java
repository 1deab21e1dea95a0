package org.basinledger.app.idempotency;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Binds an {@code Idempotency-Key} to the command that applies its request: a command whose metadata names an
 * {@link IdempotencyAttempt} writes the key's row before its handler runs, in the command's own transaction (the
 * {@code SimpleCommandBus} attaches the Spring transaction to the unit of work before any handler interceptor runs,
 * and {@code JdbcTemplate} joins it through the connection the JPA transaction manager exposes). The row and the
 * events commit together or not at all, so a key is taken exactly when its effect exists, on any node.
 *
 * <p>Only a root unit of work records: a command that a saga or event handler sends while the request's command is
 * being handled is part of the same effect (and does not carry the attempt: these metadata names are not
 * correlation data).
 */
@Component
public class IdempotencyInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final IdempotencyKeys keys;

    public IdempotencyInterceptor(IdempotencyKeys keys, CommandBus commandBus) {
        this.keys = keys;
        commandBus.registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        if (unitOfWork.isRoot()) {
            CommandMessage<?> command = unitOfWork.getMessage();
            IdempotencyAttempt.of(command.getMetaData()).ifPresent(attempt -> keys.apply(attempt,
                    (String) command.getMetaData().get(IdempotencyAttempt.LOCATION)));
        }
        return interceptorChain.proceed();
    }
}
