package org.basinledger.api.agreement;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import org.basinledger.api.common.Money;
import org.basinledger.api.incident.WarningLevel;

/**
 * An agreement's emergency-warning duties (API.md "Emergency incidents"): when a party raises an incident at one
 * of its sections, every other party must acknowledge the notice within {@code acknowledgeWithin} of the
 * incident's level (ISO-8601 durations as written, e.g. {@code "PT2H"}: the signed document keeps the text);
 * a notice not acknowledged by then is missed, and where {@code penaltyForMissedAcknowledgement} is set the silent
 * party owes it to the raising party. Every level must be given.
 */
public record EmergencyTerms(Map<WarningLevel, String> acknowledgeWithin, Money penaltyForMissedAcknowledgement) {

    public EmergencyTerms {
        // copied, nulls kept as entries the domain names (terms.emergency.acknowledgeWithin.RED)
        acknowledgeWithin = acknowledgeWithin == null ? null
                : Collections.unmodifiableMap(acknowledgeWithin.isEmpty() ? new EnumMap<>(WarningLevel.class)
                        : new EnumMap<>(acknowledgeWithin));
    }

    /** The time the other parties have to acknowledge a notice of this level; null when not a valid duration. */
    public Duration within(WarningLevel level) {
        if (acknowledgeWithin == null || level == null) {
            return null;
        }
        String text = acknowledgeWithin.get(level);
        if (text == null) {
            return null;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
