package org.basinledger.app.report;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.basinledger.api.report.FilePublicReportCommand;
import org.springframework.stereotype.Component;

/**
 * Keeps the contact of a filed public report in {@code public_report_contact}, in the filing command's own transaction
 * (as {@code IdempotencyInterceptor} keeps its key): after the aggregate accepted the report and before the unit of
 * work commits, so the row exists exactly when the report does. The event carries only the contact's salted hash.
 */
@Component
public class PublicReportContactInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final String KEPT = PublicReportContactInterceptor.class.getName() + ".kept";

    private final PublicReportContacts contacts;

    public PublicReportContactInterceptor(PublicReportContacts contacts, CommandBus commandBus) {
        this.contacts = contacts;
        commandBus.registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        // the bus may hold this interceptor twice (registered here and by Axon's auto-configuration): keep once
        if (unitOfWork.resources().putIfAbsent(KEPT, Boolean.TRUE) != null) {
            return interceptorChain.proceed();
        }
        Object result = interceptorChain.proceed();
        if (unitOfWork.getMessage().getPayload() instanceof FilePublicReportCommand command
                && command.contact() != null && !command.contact().isEmpty()) {
            contacts.keep(command.reportId(), command.contactSalt(), command.contact(),
                    GenericEventMessage.clock.instant());
        }
        return result;
    }
}
