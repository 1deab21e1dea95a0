package org.basinledger.command.registry;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** The {@link JurisdictionDirectory} of a running ledger: reads the {@link Jurisdiction} aggregates themselves. */
@Component
public class RepositoryJurisdictionDirectory implements JurisdictionDirectory {

    private final Repository<Jurisdiction> jurisdictions;

    public RepositoryJurisdictionDirectory(@Qualifier("jurisdictionRepository") Repository<Jurisdiction> jurisdictions) {
        this.jurisdictions = jurisdictions;
    }

    @Override
    public boolean exists(String jurisdictionId) {
        return read(jurisdictionId, j -> true).orElse(false);
    }

    @Override
    public List<SigningKey> activeKeys(String jurisdictionId) {
        return read(jurisdictionId, Jurisdiction::activeKeys).orElse(List.of());
    }

    private <R> Optional<R> read(String jurisdictionId, Function<Jurisdiction, R> query) {
        if (jurisdictionId == null || jurisdictionId.isBlank()) {
            return Optional.empty();
        }
        Callable<Optional<R>> load = () -> {
            try {
                return Optional.ofNullable(jurisdictions.load(jurisdictionId).invoke(AnyAggregateRoot.of(
                        root -> root instanceof Jurisdiction jurisdiction ? query.apply(jurisdiction) : null)));
            } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
                // Incompatible: the id belongs to another kind of aggregate (an agreement, a mediator).
                return Optional.empty();
            }
        };
        if (CurrentUnitOfWork.isStarted()) {
            return call(load);
        }
        // Outside command handling (e.g. a health check) the repository still needs a unit of work.
        ResultMessage<Optional<R>> result = DefaultUnitOfWork.startAndGet(null).executeWithResult(load);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("could not read jurisdiction " + jurisdictionId, failure);
        }
        return result.getPayload();
    }

    private static <R> R call(Callable<R> load) {
        try {
            return load.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
