package org.basinledger.command.report;

import static org.basinledger.command.support.LedgerMatchers.invalidFields;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.basinledger.api.common.AlreadyExistsException;
import org.basinledger.api.common.InvalidStateException;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.registry.JurisdictionLevel;
import org.basinledger.api.registry.JurisdictionRegisteredEvent;
import org.basinledger.api.report.AppointRiverChiefCommand;
import org.basinledger.api.report.EndRiverChiefTermCommand;
import org.basinledger.api.report.RiverChiefAppointedEvent;
import org.basinledger.api.report.RiverChiefTermEndedEvent;
import org.basinledger.command.registry.Jurisdiction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** River chiefs: a jurisdiction publishes who answers for which water, and ends their terms; every refusal. */
class RiverChiefTest {

    private static final String WUJIANG = "CN-JS-WJ";
    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final RiverChiefAppointedEvent APPOINTED = new RiverChiefAppointedEvent(WUJIANG, "RC-1",
            "Zhang Min", "Deputy mayor, Wujiang", "Taipu River", List.of("JINZE"), FROM);

    private FixtureConfiguration<Jurisdiction> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Jurisdiction.class);
    }

    private static JurisdictionRegisteredEvent registered() {
        return new JurisdictionRegisteredEvent(WUJIANG, "Wujiang", JurisdictionLevel.COUNTY, null);
    }

    @Test
    void aJurisdictionAppointsARiverChief() {
        fixture.given(registered())
                .when(new AppointRiverChiefCommand(WUJIANG, "RC-1", WUJIANG, " Zhang Min ", "Deputy mayor, Wujiang",
                        "Taipu River", List.of("JINZE", "JINZE"), FROM))
                .expectResultMessagePayload("RC-1")
                .expectEvents(APPOINTED);
    }

    @Test
    void onlyTheJurisdictionItselfAppoints() {
        fixture.given(registered())
                .when(new AppointRiverChiefCommand(WUJIANG, "RC-1", "CN-SH-QP", "Zhang Min", "office", "Taipu River",
                        null, FROM))
                .expectException(NotPermittedException.class)
                .expectNoEvents();
    }

    @Test
    void refusesAChiefWithoutNameOfficeWaterOrStart() {
        fixture.given(registered())
                .when(new AppointRiverChiefCommand(WUJIANG, "RC-1", WUJIANG, " ", null, "", List.of(" "), null))
                .expectException(invalidFields("name", "office", "waterBody", "sectionIds[0]", "from"));
    }

    @Test
    void refusesTheSameChiefIdTwice() {
        fixture.given(registered(), APPOINTED)
                .when(new AppointRiverChiefCommand(WUJIANG, "RC-1", WUJIANG, "Zhang Min", "office", "Taipu River",
                        null, FROM))
                .expectException(AlreadyExistsException.class);
    }

    @Test
    void theJurisdictionEndsATerm() {
        fixture.given(registered(), APPOINTED)
                .when(new EndRiverChiefTermCommand(WUJIANG, "RC-1", WUJIANG, LocalDate.of(2026, 12, 31)))
                .expectEvents(new RiverChiefTermEndedEvent(WUJIANG, "RC-1", LocalDate.of(2026, 12, 31)));
    }

    @Test
    void refusesEndingATermTwiceBeforeItBeganOrOfAnUnknownChiefOrByAnother() {
        fixture.given(registered(), APPOINTED, new RiverChiefTermEndedEvent(WUJIANG, "RC-1", FROM))
                .when(new EndRiverChiefTermCommand(WUJIANG, "RC-1", WUJIANG, FROM))
                .expectException(InvalidStateException.class);
        fixture.given(registered(), APPOINTED)
                .when(new EndRiverChiefTermCommand(WUJIANG, "RC-1", WUJIANG, FROM.minusDays(1)))
                .expectException(invalidFields("to"));
        fixture.given(registered(), APPOINTED)
                .when(new EndRiverChiefTermCommand(WUJIANG, "RC-9", WUJIANG, FROM))
                .expectException(NotFoundException.class);
        fixture.given(registered(), APPOINTED)
                .when(new EndRiverChiefTermCommand(WUJIANG, "RC-1", "CN-SH-QP", FROM))
                .expectException(NotPermittedException.class);
    }
}
