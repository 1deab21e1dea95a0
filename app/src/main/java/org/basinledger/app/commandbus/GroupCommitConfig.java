package org.basinledger.app.commandbus;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The ledger's command bus: Axon's {@code SimpleCommandBus}, built as Axon's Spring Boot auto-configuration builds
 * it, behind a {@link GroupCommitCommandBus} unless {@code ledger.group-commit.enabled=false}. Every aggregate cache
 * is a {@link GroupCommitCache}, which behaves as the cache it wraps while no batch runs.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class GroupCommitConfig {

    @Bean
    static BeanPostProcessor groupCommitCaches() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof Cache cache && !(bean instanceof GroupCommitCache)
                        ? new GroupCommitCache(cache) : bean;
            }
        };
    }

    @Bean
    CommandBus commandBus(TransactionManager axonTransactions, Configuration axon,
                          DuplicateCommandHandlerResolver duplicates, PlatformTransactionManager transactions,
                          ObjectProvider<Cache> caches, GroupCommitProperties settings) {
        SimpleCommandBus local = SimpleCommandBus.builder()
                .transactionManager(axonTransactions)
                .duplicateCommandHandlerResolver(duplicates)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        local.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        if (!settings.enabled()) {
            return local;
        }
        return new GroupCommitCommandBus(local, transactions,
                caches.orderedStream().filter(GroupCommitCache.class::isInstance).map(GroupCommitCache.class::cast)
                        .toList(),
                settings.maxBatch(), settings.threads());
    }
}
