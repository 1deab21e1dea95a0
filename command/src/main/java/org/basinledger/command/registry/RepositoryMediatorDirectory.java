package org.basinledger.command.registry;

import java.util.concurrent.Callable;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** The {@link MediatorDirectory} of a running ledger: reads the {@link Mediator} aggregates themselves. */
@Component
public class RepositoryMediatorDirectory implements MediatorDirectory {

    private final Repository<Mediator> mediators;

    public RepositoryMediatorDirectory(@Qualifier("mediatorRepository") Repository<Mediator> mediators) {
        this.mediators = mediators;
    }

    @Override
    public boolean exists(String mediatorId) {
        if (mediatorId == null || mediatorId.isBlank()) {
            return false;
        }
        Callable<Boolean> load = () -> {
            try {
                return mediators.load(mediatorId).invoke(AnyAggregateRoot.of(root -> root instanceof Mediator));
            } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
                // Incompatible: the id belongs to another kind of aggregate (a jurisdiction, an agreement).
                return false;
            }
        };
        if (CurrentUnitOfWork.isStarted()) {
            try {
                return load.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        // Outside command handling the repository still needs a unit of work.
        ResultMessage<Boolean> result = DefaultUnitOfWork.startAndGet(null).executeWithResult(load);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("could not read mediator " + mediatorId, failure);
        }
        return result.getPayload();
    }
}
