package org.basinledger.app.portal;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.agreement.ObligationStatus;
import org.basinledger.api.common.Actor;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.common.Money;
import org.basinledger.api.compliance.WaterClass;
import org.basinledger.api.transfer.TransferStatus;
import org.springframework.stereotype.Component;

/**
 * How the portal writes values for people, following the GOV.UK style guide: dates as "1 March 2026", times in
 * UTC said so, money with its currency and thousands separators, states in words with a tag colour. Templates
 * call it as {@code @portalFormat}.
 */
@Component("portalFormat")
public class PortalFormat {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.UK)
            .withZone(ZoneOffset.UTC);

    public String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    public String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant.atZone(ZoneOffset.UTC));
    }

    /** The date an instant falls on in basin civil time (China Standard Time), where agreement dates live. */
    public String basinDate(Instant instant) {
        return instant == null ? "" : DATE.format(LedgerCalendar.dateOf(instant));
    }

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** A span of seconds in words, to the two largest units: "45 seconds", "12 minutes", "3 hours 5 minutes". */
    public String duration(long seconds) {
        long[] sizes = {86_400, 3_600, 60, 1};
        String[] names = {"day", "hour", "minute", "second"};
        StringBuilder words = new StringBuilder();
        long rest = Math.max(seconds, 0);
        int shown = 0;
        for (int i = 0; i < sizes.length && shown < 2; i++) {
            long count = rest / sizes[i];
            rest %= sizes[i];
            if (count > 0 || (i == sizes.length - 1 && shown == 0)) {
                words.append(shown == 0 ? "" : " ").append(count).append(' ').append(names[i])
                        .append(count == 1 ? "" : "s");
                shown++;
            } else if (shown > 0) {
                break;
            }
        }
        return words.toString();
    }

    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    public String money(Money money) {
        return money == null ? "" : money.currency() + " " + amount(money.amount());
    }

    public String amount(BigDecimal amount) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.UK));
        return amount == null ? "" : format.format(amount);
    }

    public String decimal(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    public String status(AgreementStatus status) {
        if (status == null) {
            return "";
        }
        return switch (status) {
            case DRAFT -> "Draft";
            case OPEN_FOR_SIGNATURE -> "Open for signature";
            case SIGNED -> "Signed";
            case IN_FORCE -> "In force";
            case TERMINATED -> "Terminated";
            case EXPIRED -> "Expired";
        };
    }

    public String statusTag(AgreementStatus status) {
        if (status == null) {
            return "govuk-tag--grey";
        }
        return switch (status) {
            case DRAFT -> "govuk-tag--orange";
            case OPEN_FOR_SIGNATURE -> "govuk-tag--blue";
            case SIGNED -> "govuk-tag--light-blue";
            case IN_FORCE -> "govuk-tag--green";
            case TERMINATED -> "govuk-tag--red";
            case EXPIRED -> "govuk-tag--grey";
        };
    }

    public String obligation(ObligationStatus status) {
        return status == null ? "" : words(status.name());
    }

    public String obligationTag(ObligationStatus status) {
        if (status == null) {
            return "govuk-tag--grey";
        }
        return switch (status.name()) {
            case "FULFILLED" -> "govuk-tag--green";
            case "OVERDUE" -> "govuk-tag--red";
            default -> "govuk-tag--yellow";
        };
    }

    public String transfer(TransferStatus status) {
        return status == null ? "" : words(status.name());
    }

    public String transferTag(TransferStatus status) {
        if (status == null) {
            return "govuk-tag--grey";
        }
        return switch (status) {
            case SETTLED -> "govuk-tag--green";
            case PAID -> "govuk-tag--turquoise";
            case DISPUTED -> "govuk-tag--red";
            case CANCELLED -> "govuk-tag--grey";
            default -> "govuk-tag--yellow";
        };
    }

    /** GB 3838-2002 class: "Class II", or "Worse than class V". */
    public String waterClass(WaterClass waterClass) {
        if (waterClass == null) {
            return "";
        }
        return waterClass == WaterClass.WORSE_THAN_V ? "Worse than class V" : "Class " + waterClass.name();
    }

    /** {@code UNDER_MEDIATION} → "Under mediation". */
    public String words(String constant) {
        if (constant == null || constant.isEmpty()) {
            return "";
        }
        String spaced = constant.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** An event type as the history names it, {@code AgreementEnteredIntoForce} → "Agreement entered into force". */
    public String eventType(String type) {
        if (type == null || type.isEmpty()) {
            return "";
        }
        String spaced = type.replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /**
     * The actor metadata ({@code jurisdiction:CN-ZJ-HZ}, {@code mediator:X}, {@code registrar}) for people: a
     * jurisdiction by its registered name, the ledger's own steps (dates that came) as "The ledger (deadline)".
     */
    public String actor(String actor, Map<String, String> names) {
        if (actor == null || actor.isBlank()) {
            return "The ledger";
        }
        if (actor.equals(Actor.LEDGER)) {
            return "The ledger (deadline)";
        }
        if (actor.equals("registrar")) {
            return "The registrar";
        }
        int colon = actor.indexOf(':');
        if (colon < 0) {
            return words(actor);
        }
        String kind = actor.substring(0, colon);
        String id = actor.substring(colon + 1);
        return switch (kind) {
            case "jurisdiction" -> names.getOrDefault(id, id) + " (party)";
            case "mediator" -> "Mediator " + id;
            default -> id + " (" + kind + ")";
        };
    }

    /**
     * When an event happened in the basin, from the event's own field: an instant or a date as a date, a period
     * ({@code 2025}, {@code 2025-Q3}, {@code 2025-03}) as "period 2025-03".
     */
    public String happened(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        try {
            return date(Instant.parse(value));
        } catch (DateTimeParseException notAnInstant) {
            try {
                return date(LocalDate.parse(value));
            } catch (DateTimeParseException notADate) {
                return "period " + value;
            }
        }
    }

    /**
     * A pollutant code of the API as GB 3838-2002 names it, with its unit (DOMAIN.md): {@code CODMN} →
     * "permanganate index (CODMn), mg/L".
     */
    public String pollutant(Object code) {
        return code == null ? "" : pollutantName(code) + ", mg/L";
    }

    /** The pollutant in words, without a unit: "chemical oxygen demand (COD)". */
    public String pollutantName(Object code) {
        if (code == null) {
            return "";
        }
        return switch (code.toString()) {
            case "CODMN" -> "permanganate index (CODMn)";
            case "COD" -> "chemical oxygen demand (COD)";
            case "NH3N" -> "ammonia nitrogen (NH3-N)";
            case "TP" -> "total phosphorus (TP)";
            case "TN" -> "total nitrogen (TN)";
            case "DO" -> "dissolved oxygen (DO)";
            default -> code.toString();
        };
    }

    /** A run of text in one language: {@code lang} is "zh" for Chinese, null for the page's own (English). */
    public record Run(String text, String lang) {
    }

    private static final Pattern HAN_RUN = Pattern.compile("[\\p{IsHan}\\u3000-\\u303F\\uFF00-\\uFFEF]+");

    /**
     * Text split into runs so that Chinese can be marked {@code lang="zh"} (screen readers and fonts then treat it
     * as Chinese) without marking the English around it: "新安江 — the parties" is a Chinese run and an English one.
     */
    public List<Run> runs(String text) {
        List<Run> runs = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return runs;
        }
        Matcher han = HAN_RUN.matcher(text);
        int at = 0;
        while (han.find()) {
            if (han.start() > at) {
                runs.add(new Run(text.substring(at, han.start()), null));
            }
            runs.add(new Run(han.group(), "zh"));
            at = han.end();
        }
        if (at < text.length()) {
            runs.add(new Run(text.substring(at), null));
        }
        return runs;
    }
}
