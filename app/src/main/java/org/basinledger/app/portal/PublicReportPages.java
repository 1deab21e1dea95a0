package org.basinledger.app.portal;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.common.Caller;
import org.basinledger.api.common.FieldError;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.common.NotPermittedException;
import org.basinledger.api.report.FindPublicReportStatisticsQuery;
import org.basinledger.api.report.ListPublicReportsQuery;
import org.basinledger.api.report.ListRiverChiefsQuery;
import org.basinledger.api.report.PublicReportCategory;
import org.basinledger.api.report.PublicReportList;
import org.basinledger.api.report.PublicReportStatistics;
import org.basinledger.api.report.PublicReportView;
import org.basinledger.api.report.ReportContact;
import org.basinledger.api.report.ReportPhoto;
import org.basinledger.api.report.ReportPlace;
import org.basinledger.api.report.RiverChiefList;
import org.basinledger.api.report.RiverChiefView;
import org.basinledger.app.report.PublicReportProperties;
import org.basinledger.app.report.PublicReports;
import org.basinledger.app.report.TooManyPublicReportsException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The portal's public participation pages: the reports and their response statistics with a chart, a form to file a
 * report that works without JavaScript (labels, hints, an error summary linking to each field), the page that shows
 * the tracking code once, following a report by its code (sent in a form's body, never in a URL) and erasing its
 * contact, each report's page, and the river chiefs per water. Every text is rendered escaped; no page shows a
 * contact.
 */
@Controller
public class PublicReportPages {

    private final PublicReports reports;
    private final QueryGateway queries;

    public PublicReportPages(PublicReports reports, QueryGateway queries) {
        this.reports = reports;
        this.queries = queries;
    }

    /** The form's fields as typed, kept to show them again with the errors. */
    public record ReportForm(String basin, String waterBody, String place, String latitude, String longitude,
                             String category, String description, String day, String month, String year, String time,
                             String photoUri, String photoSha256, String contactName, String contactPhone,
                             String contactEmail) {

        static ReportForm empty() {
            return new ReportForm("", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "");
        }
    }

    /** One error of the form: the id of its field (the summary links to it) and the message. */
    public record FormError(String fieldId, String message) {
    }

    /** The form field of each field the ledger names in a refusal. */
    private static final Map<String, String> FIELD_IDS = Map.ofEntries(
            Map.entry("basin", "basin"), Map.entry("waterBody", "waterBody"),
            Map.entry("place", "place"), Map.entry("place.description", "place"),
            Map.entry("place.latitude", "latitude"), Map.entry("place.longitude", "longitude"),
            Map.entry("category", "category"), Map.entry("description", "description"),
            Map.entry("observedAt", "day"), Map.entry("photos", "photoUri"),
            Map.entry("photos[0].uri", "photoUri"), Map.entry("photos[0].sha256", "photoSha256"),
            Map.entry("contact", "contactName"), Map.entry("contact.name", "contactName"),
            Map.entry("contact.phone", "contactPhone"), Map.entry("contact.email", "contactEmail"));

    @GetMapping("/public-reports")
    public String overview(@RequestParam(required = false) String jurisdictionId,
                           @RequestParam(required = false) String waterBody, Model model) {
        String jurisdiction = blankToNull(jurisdictionId);
        String water = blankToNull(waterBody);
        PublicReportStatistics statistics = queries.query(new FindPublicReportStatisticsQuery(jurisdiction, water),
                PublicReportStatistics.class).join();
        PublicReportList recent = queries.query(new ListPublicReportsQuery(null, jurisdiction, null, water, 0, 50),
                PublicReportList.class).join();
        model.addAttribute("statistics", statistics);
        model.addAttribute("chart", ReportChart.of(statistics.months()));
        model.addAttribute("recent", recent);
        model.addAttribute("jurisdictionId", jurisdiction);
        model.addAttribute("waterBody", water);
        return "portal/public-reports";
    }

    @GetMapping(PublicReportProperties.PORTAL_FORM)
    public String form(Model model) {
        return showForm(model, ReportForm.empty(), List.of());
    }

    @PostMapping(PublicReportProperties.PORTAL_FORM)
    public String file(@ModelAttribute ReportForm form, Model model, HttpServletRequest request,
                       HttpServletResponse response) {
        List<FormError> errors = new ArrayList<>();
        PublicReports.Filing filing = filing(form, errors);
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return showForm(model, form, errors);
        }
        try {
            PublicReports.Filed filed = reports.file(filing, Caller.PUBLIC, request);
            model.addAttribute("filed", filed);
            return "portal/public-report-filed";
        } catch (InvalidInputException refused) {
            for (FieldError error : refused.errors()) {
                errors.add(new FormError(FIELD_IDS.getOrDefault(error.field(), "description"),
                        label(error.field()) + " " + error.message()));
            }
            response.setStatus(400);
            return showForm(model, form, errors);
        } catch (TooManyPublicReportsException tooMany) {
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(tooMany.retryAfterSeconds()));
            model.addAttribute("retryAfterMinutes", Math.max(1, (tooMany.retryAfterSeconds() + 59) / 60));
            return "portal/public-report-busy";
        }
    }

    @GetMapping("/public-reports/track")
    public String trackForm(Model model) {
        model.addAttribute("error", null);
        return "portal/public-report-track";
    }

    /** The tracking code comes in the form's body, so it is in no URL, history or access log. */
    @PostMapping("/public-reports/track")
    public String track(@RequestParam(required = false) String code, Model model, HttpServletResponse response) {
        PublicReportView view = code == null || code.isBlank() ? null : reports.tracked(code);
        if (view == null) {
            response.setStatus(code == null || code.isBlank() ? 400 : 404);
            model.addAttribute("error", code == null || code.isBlank() ? "Enter your tracking code"
                    : "No report has this tracking code: check it and try again");
            return "portal/public-report-track";
        }
        model.addAttribute("report", view);
        model.addAttribute("code", code);
        model.addAttribute("erased", false);
        return "portal/public-report";
    }

    /** The reporter erases the contact, with the tracking code from the tracking page's form. */
    @PostMapping("/public-reports/{id}/contact-erasure")
    public String erase(@PathVariable String id, @RequestParam(required = false) String code, Model model,
                        HttpServletRequest request, HttpServletResponse response) {
        try {
            reports.eraseContact(id, code == null ? "" : code, request);
        } catch (NotPermittedException wrongCode) {
            response.setStatus(403);
            model.addAttribute("error", "This tracking code is not this report's");
            return "portal/public-report-track";
        } catch (TooManyPublicReportsException tooMany) {
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(tooMany.retryAfterSeconds()));
            model.addAttribute("retryAfterMinutes", Math.max(1, (tooMany.retryAfterSeconds() + 59) / 60));
            return "portal/public-report-busy";
        }
        model.addAttribute("report", reports.find(id));
        model.addAttribute("code", null);
        model.addAttribute("erased", true);
        return "portal/public-report";
    }

    @GetMapping("/public-reports/{id}")
    public String report(@PathVariable String id, Model model) {
        model.addAttribute("report", reports.find(id));
        model.addAttribute("code", null);
        model.addAttribute("erased", false);
        return "portal/public-report";
    }

    @GetMapping("/river-chiefs")
    public String riverChiefs(@RequestParam(required = false) String waterBody, Model model) {
        String water = blankToNull(waterBody);
        RiverChiefList chiefs = queries.query(new ListRiverChiefsQuery(water, null), RiverChiefList.class).join();
        Map<String, List<RiverChiefView>> byWater = new LinkedHashMap<>();
        chiefs.items().forEach(c -> byWater.computeIfAbsent(c.waterBody(), w -> new ArrayList<>()).add(c));
        PublicReportStatistics statistics = queries.query(new FindPublicReportStatisticsQuery(null, water),
                PublicReportStatistics.class).join();
        model.addAttribute("byWater", byWater);
        model.addAttribute("statistics", statistics);
        model.addAttribute("waterBody", water);
        return "portal/river-chiefs";
    }

    private String showForm(Model model, ReportForm form, List<FormError> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        Map<String, String> byField = new LinkedHashMap<>();
        errors.forEach(e -> byField.putIfAbsent(e.fieldId(), e.message()));
        model.addAttribute("fieldErrors", byField);
        model.addAttribute("categories", Arrays.stream(PublicReportCategory.values()).map(Enum::name).toList());
        return "portal/public-report-form";
    }

    /** The filing the form asks for; what cannot be read (a date, a number) becomes an error of its field. */
    private static PublicReports.Filing filing(ReportForm form, List<FormError> errors) {
        BigDecimal latitude = number(form.latitude(), "latitude", "Latitude", errors);
        BigDecimal longitude = number(form.longitude(), "longitude", "Longitude", errors);
        PublicReportCategory category = null;
        if (form.category() == null || form.category().isBlank()) {
            errors.add(new FormError("category", "Select what you saw"));
        } else {
            try {
                category = PublicReportCategory.valueOf(form.category());
            } catch (IllegalArgumentException unknown) {
                errors.add(new FormError("category", "Select what you saw"));
            }
        }
        Instant observedAt = observedAt(form, errors);
        List<ReportPhoto> photos = List.of();
        if (!isBlank(form.photoUri()) || !isBlank(form.photoSha256())) {
            photos = List.of(new ReportPhoto(strip(form.photoSha256()).toLowerCase(Locale.ROOT), strip(form.photoUri())));
        }
        ReportContact contact = new ReportContact(strip(form.contactName()), strip(form.contactPhone()),
                strip(form.contactEmail()));
        return new PublicReports.Filing(strip(form.basin()), null, null, blankToNull(form.waterBody()),
                new ReportPlace(strip(form.place()), latitude, longitude), category, strip(form.description()),
                observedAt, photos, contact.isEmpty() ? null : contact);
    }

    private static Instant observedAt(ReportForm form, List<FormError> errors) {
        if (isBlank(form.day()) && isBlank(form.month()) && isBlank(form.year())) {
            errors.add(new FormError("day", "Enter the date you saw it"));
            return null;
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(strip(form.year())), Integer.parseInt(strip(form.month())),
                    Integer.parseInt(strip(form.day())));
            LocalTime time = isBlank(form.time()) ? LocalTime.NOON : LocalTime.parse(strip(form.time()));
            return date.atTime(time).atZone(LedgerCalendar.ZONE).toInstant();
        } catch (NumberFormatException | DateTimeException wrong) {
            errors.add(new FormError("day", "The date you saw it must be a real date, and the time like 14:30"));
            return null;
        }
    }

    private static BigDecimal number(String text, String fieldId, String label, List<FormError> errors) {
        if (isBlank(text)) {
            return null;
        }
        String value = text.strip();
        if (value.length() > 20 || !value.matches("-?\\d{1,3}(\\.\\d{1,8})?")) {
            errors.add(new FormError(fieldId, label + " must be a number like 31.0401, with at most 8 decimals"));
            return null;
        }
        return new BigDecimal(value);
    }

    private static String label(String field) {
        return switch (FIELD_IDS.getOrDefault(field, field)) {
            case "basin" -> "The basin";
            case "waterBody" -> "The river or lake";
            case "place" -> "Where you saw it";
            case "latitude" -> "Latitude";
            case "longitude" -> "Longitude";
            case "category" -> "What you saw";
            case "description" -> "The description";
            case "day" -> "The date you saw it";
            case "photoUri" -> "The photo's address";
            case "photoSha256" -> "The photo's SHA-256";
            case "contactName" -> "Your name";
            case "contactPhone" -> "Your phone number";
            case "contactEmail" -> "Your email address";
            default -> field;
        };
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    private static String blankToNull(String value) {
        return isBlank(value) ? null : value.strip();
    }
}
