package org.basinledger.command.agreement;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** The {@link AgreementDirectory} of a running ledger: reads the {@link Agreement} aggregates themselves. */
@Component
public class RepositoryAgreementDirectory implements AgreementDirectory {

    private final Supplier<Repository<Agreement>> agreements;

    @Autowired
    public RepositoryAgreementDirectory(@Qualifier("agreementRepository") Repository<Agreement> agreements) {
        this(() -> agreements);
    }

    /**
     * Reads the repository only when first asked: the {@code Agreement} aggregate asks this directory itself (a
     * draft's predecessor), so a configuration that builds the repository from the aggregate's handlers must not
     * need the repository to build this.
     */
    public static RepositoryAgreementDirectory lazily(Supplier<Repository<Agreement>> agreements) {
        return new RepositoryAgreementDirectory(agreements);
    }

    private RepositoryAgreementDirectory(Supplier<Repository<Agreement>> agreements) {
        this.agreements = agreements;
    }

    @Override
    public Optional<AgreementFacts> find(String agreementId) {
        if (agreementId == null || agreementId.isBlank()) {
            return Optional.empty();
        }
        Callable<Optional<AgreementFacts>> load = () -> {
            try {
                return Optional.ofNullable(agreements.get().load(agreementId).invoke(Agreement::facts));
            } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
                // Incompatible: the id belongs to another kind of aggregate (a jurisdiction, a transfer).
                return Optional.empty();
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
        ResultMessage<Optional<AgreementFacts>> result = DefaultUnitOfWork.startAndGet(null).executeWithResult(load);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("could not read agreement " + agreementId, failure);
        }
        return result.getPayload();
    }
}
