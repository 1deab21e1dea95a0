package org.basinledger.command.registry;

import static org.hamcrest.Matchers.containsString;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.registry.MediatorRegisteredEvent;
import org.basinledger.api.registry.RegisterMediatorCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MediatorTest {

    private FixtureConfiguration<Mediator> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Mediator.class);
    }

    @Test
    void registersAMediator() {
        fixture.givenNoPriorActivity()
                .when(new RegisterMediatorCommand("TAIHU-BASIN-AUTHORITY", "Taihu Basin Authority"))
                .expectResultMessagePayload("TAIHU-BASIN-AUTHORITY")
                .expectEvents(new MediatorRegisteredEvent("TAIHU-BASIN-AUTHORITY", "Taihu Basin Authority"));
    }

    @Test
    void refusesAnIdOfTheWrongShape() {
        fixture.givenNoPriorActivity()
                .when(new RegisterMediatorCommand("-TBA", "Taihu Basin Authority"))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("id:"));
    }

    @Test
    void refusesABlankName() {
        fixture.givenNoPriorActivity()
                .when(new RegisterMediatorCommand("TBA", ""))
                .expectException(InvalidInputException.class)
                .expectExceptionMessage(containsString("name:"));
    }
}
