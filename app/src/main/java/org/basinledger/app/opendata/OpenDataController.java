package org.basinledger.app.opendata;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.basinledger.api.agreement.AgreementStatus;
import org.basinledger.api.common.NotFoundException;
import org.basinledger.api.compliance.AssessmentView;
import org.basinledger.api.emission.EmissionTradeView;
import org.basinledger.api.registry.JurisdictionView;
import org.basinledger.api.report.PublicReportRecord;
import org.basinledger.api.report.PublicReportStatistics;
import org.basinledger.api.report.PublicReportStatus;
import org.basinledger.api.report.PublicReportView;
import org.basinledger.api.transfer.TransferStatus;
import org.basinledger.api.transfer.TransferView;
import org.basinledger.app.opendata.CsvTables.JurisdictionKey;
import org.basinledger.app.opendata.PublicLedger.AgreementEntry;
import org.basinledger.app.opendata.PublicLedger.PublicAgreement;
import org.basinledger.app.opendata.PublicLedger.RulingEntry;
import org.springframework.http.ContentDisposition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.basinledger.api.incident.IncidentStatus;
import org.basinledger.api.incident.IncidentView;
import org.basinledger.api.incident.WarningLevel;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Open data (docs/open-data.md): every public list as a JSON and a CSV download, and each public agreement's
 * record in the manner of the Open Contracting Data Standard. Public: no token needed, and a token changes
 * nothing (open data is the same for everyone). Lists are streamed as they are read, so their size is not
 * bounded by memory; the filters are those of the API's lists.
 */
@RestController
@RequestMapping("/open-data")
public class OpenDataController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    /** Seconds a download refused for now is asked to wait. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final PublicLedger ledger;
    private final EmissionRegistry emissions;
    private final AgreementRecords records;
    private final ObjectMapper json;
    private final Semaphore recordsAtOnce;

    public OpenDataController(PublicLedger ledger, EmissionRegistry emissions, AgreementRecords records,
                              ObjectMapper json,
                              @Value("${ledger.open-data.records-at-once:4}") int recordsAtOnce) {
        this.ledger = ledger;
        this.emissions = emissions;
        this.records = records;
        this.json = json;
        this.recordsAtOnce = new Semaphore(recordsAtOnce);
    }

    @GetMapping("/agreements.json")
    public void agreementsJson(@RequestParam(required = false) AgreementStatus status,
                               @RequestParam(required = false) String party,
                               @RequestParam(required = false) String basin,
                               HttpServletResponse response) throws IOException {
        json(response, "agreements.json", (Consumer<AgreementEntry> v) -> ledger.agreementEntries(status, party, basin, v));
    }

    @GetMapping("/agreements.csv")
    public void agreementsCsv(@RequestParam(required = false) AgreementStatus status,
                              @RequestParam(required = false) String party,
                              @RequestParam(required = false) String basin,
                              HttpServletResponse response) throws IOException {
        CsvTables.AGREEMENTS.write(csv(response, "agreements.csv"),
                v -> ledger.agreementEntries(status, party, basin, v));
    }

    @GetMapping("/transfers.json")
    public void transfersJson(@RequestParam(required = false) String agreementId,
                              @RequestParam(required = false) String party,
                              @RequestParam(required = false) TransferStatus status,
                              HttpServletResponse response) throws IOException {
        json(response, "transfers.json", (Consumer<TransferView> v) -> ledger.transfers(agreementId, party, status, v));
    }

    @GetMapping("/transfers.csv")
    public void transfersCsv(@RequestParam(required = false) String agreementId,
                             @RequestParam(required = false) String party,
                             @RequestParam(required = false) TransferStatus status,
                             HttpServletResponse response) throws IOException {
        CsvTables.TRANSFERS.write(csv(response, "transfers.csv"), v -> ledger.transfers(agreementId, party, status, v));
    }

    @GetMapping("/assessments.json")
    public void assessmentsJson(@RequestParam(required = false) String agreementId,
                                @RequestParam(required = false) String sectionId,
                                @RequestParam(required = false) String period,
                                HttpServletResponse response) throws IOException {
        json(response, "assessments.json",
                (Consumer<AssessmentView> v) -> ledger.assessments(agreementId, sectionId, period, v));
    }

    @GetMapping("/assessments.csv")
    public void assessmentsCsv(@RequestParam(required = false) String agreementId,
                               @RequestParam(required = false) String sectionId,
                               @RequestParam(required = false) String period,
                               HttpServletResponse response) throws IOException {
        CsvTables.ASSESSMENTS.write(csv(response, "assessments.csv"),
                v -> ledger.assessments(agreementId, sectionId, period, v));
    }

    @GetMapping("/rulings.json")
    public void rulingsJson(@RequestParam(required = false) String agreementId, HttpServletResponse response)
            throws IOException {
        json(response, "rulings.json", (Consumer<RulingEntry> v) -> ledger.rulings(agreementId, v));
    }

    @GetMapping("/rulings.csv")
    public void rulingsCsv(@RequestParam(required = false) String agreementId, HttpServletResponse response)
            throws IOException {
        CsvTables.RULINGS.write(csv(response, "rulings.csv"), v -> ledger.rulings(agreementId, v));
    }

    @GetMapping("/incidents.json")
    public void incidentsJson(@RequestParam(required = false) String agreementId,
                              @RequestParam(required = false) IncidentStatus status,
                              @RequestParam(required = false) WarningLevel level,
                              HttpServletResponse response) throws IOException {
        json(response, "incidents.json", (Consumer<IncidentView> v) -> ledger.incidents(agreementId, status, level, v));
    }

    @GetMapping("/incidents.csv")
    public void incidentsCsv(@RequestParam(required = false) String agreementId,
                             @RequestParam(required = false) IncidentStatus status,
                             @RequestParam(required = false) WarningLevel level,
                             HttpServletResponse response) throws IOException {
        CsvTables.INCIDENTS.write(csv(response, "incidents.csv"), v -> ledger.incidents(agreementId, status, level, v));
    }

    @GetMapping("/emission-schemes.json")
    public void emissionSchemesJson(@RequestParam(required = false) String schemeId, HttpServletResponse response)
            throws IOException {
        json(response, "emission-schemes.json",
                (Consumer<EmissionRegistry.VintageRow> v) -> emissions.vintages(schemeId, v));
    }

    @GetMapping("/emission-schemes.csv")
    public void emissionSchemesCsv(@RequestParam(required = false) String schemeId, HttpServletResponse response)
            throws IOException {
        CsvTables.EMISSION_SCHEMES.write(csv(response, "emission-schemes.csv"), v -> emissions.vintages(schemeId, v));
    }

    @GetMapping("/emission-holdings.json")
    public void emissionHoldingsJson(@RequestParam(required = false) String schemeId, HttpServletResponse response)
            throws IOException {
        json(response, "emission-holdings.json",
                (Consumer<EmissionRegistry.HoldingRow> v) -> emissions.holdings(schemeId, v));
    }

    @GetMapping("/emission-holdings.csv")
    public void emissionHoldingsCsv(@RequestParam(required = false) String schemeId, HttpServletResponse response)
            throws IOException {
        CsvTables.EMISSION_HOLDINGS.write(csv(response, "emission-holdings.csv"),
                v -> emissions.holdings(schemeId, v));
    }

    @GetMapping("/emission-trades.json")
    public void emissionTradesJson(@RequestParam(required = false) String schemeId, HttpServletResponse response)
            throws IOException {
        json(response, "emission-trades.json", (Consumer<EmissionTradeView> v) -> emissions.trades(schemeId, v));
    }

    @GetMapping("/emission-trades.csv")
    public void emissionTradesCsv(@RequestParam(required = false) String schemeId, HttpServletResponse response)
            throws IOException {
        CsvTables.EMISSION_TRADES.write(csv(response, "emission-trades.csv"), v -> emissions.trades(schemeId, v));
    }

    @GetMapping("/emission-compliance.json")
    public void emissionComplianceJson(@RequestParam(required = false) String schemeId, HttpServletResponse response)
            throws IOException {
        json(response, "emission-compliance.json",
                (Consumer<EmissionRegistry.ComplianceRow> v) -> emissions.compliance(schemeId, v));
    }

    @GetMapping("/emission-compliance.csv")
    public void emissionComplianceCsv(@RequestParam(required = false) String schemeId, HttpServletResponse response)
            throws IOException {
        CsvTables.EMISSION_COMPLIANCE.write(csv(response, "emission-compliance.csv"),
                v -> emissions.compliance(schemeId, v));
    }

    @GetMapping("/jurisdictions.json")
    public void jurisdictionsJson(HttpServletResponse response) throws IOException {
        json(response, "jurisdictions.json", (Consumer<JurisdictionView> v) -> ledger.jurisdictions().forEach(v));
    }

    @GetMapping("/jurisdictions.csv")
    public void jurisdictionsCsv(HttpServletResponse response) throws IOException {
        CsvTables.JURISDICTION_KEYS.write(csv(response, "jurisdictions.csv"), v -> {
            for (JurisdictionView jurisdiction : ledger.jurisdictions()) {
                if (jurisdiction.keys() == null || jurisdiction.keys().isEmpty()) {
                    v.accept(new JurisdictionKey(jurisdiction, null));
                } else {
                    jurisdiction.keys().forEach(k -> v.accept(new JurisdictionKey(jurisdiction, k)));
                }
            }
        });
    }

    @GetMapping("/public-reports.json")
    public void publicReportsJson(@RequestParam(required = false) String basin,
                                  @RequestParam(required = false) String jurisdictionId,
                                  @RequestParam(required = false) PublicReportStatus status,
                                  @RequestParam(required = false) String waterBody,
                                  HttpServletResponse response) throws IOException {
        json(response, "public-reports.json",
                (Consumer<PublicReportView> v) -> ledger.publicReports(basin, jurisdictionId, status, waterBody, v));
    }

    @GetMapping("/public-reports.csv")
    public void publicReportsCsv(@RequestParam(required = false) String basin,
                                 @RequestParam(required = false) String jurisdictionId,
                                 @RequestParam(required = false) PublicReportStatus status,
                                 @RequestParam(required = false) String waterBody,
                                 HttpServletResponse response) throws IOException {
        CsvTables.PUBLIC_REPORTS.write(csv(response, "public-reports.csv"),
                v -> ledger.publicReports(basin, jurisdictionId, status, waterBody, v));
    }

    /** The response statistics as the API gives them: overall, per water, per jurisdiction, per month. */
    @GetMapping(value = "/public-report-statistics.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<PublicReportStatistics> publicReportStatisticsJson() {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, attachment("public-report-statistics.json"))
                .body(ledger.publicReportStatistics());
    }

    /** The same, one row per record: {@code ALL}, each {@code WATER_BODY}, each {@code JURISDICTION}, each {@code MONTH}. */
    @GetMapping("/public-report-statistics.csv")
    public void publicReportStatisticsCsv(HttpServletResponse response) throws IOException {
        PublicReportStatistics statistics = ledger.publicReportStatistics();
        CsvTables.PUBLIC_REPORT_STATISTICS.write(csv(response, "public-report-statistics.csv"), v -> {
            v.accept(row("ALL", null, statistics.all()));
            statistics.waterBodies().forEach(r -> v.accept(row("WATER_BODY", r.key(), r.record())));
            statistics.jurisdictions().forEach(r -> v.accept(row("JURISDICTION", r.key(), r.record())));
            statistics.months().forEach(m -> v.accept(new CsvTables.ResponseRow("MONTH", m.month(), m.received(),
                    null, m.answered(), m.answeredInTime(), m.overdue(), null, null)));
        });
    }

    private static CsvTables.ResponseRow row(String of, String key, PublicReportRecord record) {
        return new CsvTables.ResponseRow(of, key, record.received(), record.assigned(), record.answered(),
                record.answeredInTime(), record.overdue(), record.rejected(), record.medianDaysToAnswer());
    }

    /**
     * The agreement's record, written as it is read; 404 for an unknown agreement and for a draft never opened for
     * signature, 503 with {@code Retry-After} while {@code ledger.open-data.records-at-once} records are being
     * written already.
     */
    @GetMapping(value = "/agreements/{id}/record.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public void record(@PathVariable String id, HttpServletResponse response) throws IOException {
        PublicAgreement agreement = records.find(id).orElseThrow(() -> new NotFoundException("no public agreement " + id));
        if (!recordsAtOnce.tryAcquire()) {
            ErrorResponseException busy = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE);
            busy.setDetail("as many records as the ledger writes at once are being downloaded; retry later");
            busy.getHeaders().set(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
            throw busy;
        }
        try {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment("agreement-" + id + "-record.json"));
            records.write(agreement, response.getOutputStream());
        } finally {
            recordsAtOnce.release();
        }
    }

    /**
     * Streams {@code {"generatedAt": ..., "items": [...], "count": n}}: the items as the source gives them, each
     * serialized as the API serializes it.
     */
    private <T> void json(HttpServletResponse response, String filename, Consumer<Consumer<T>> source)
            throws IOException {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment(filename));
        try (JsonGenerator generator = json.getFactory().createGenerator(response.getOutputStream(), JsonEncoding.UTF8)) {
            // a list cut short by a failure must not look complete: no closing brackets on close
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
            generator.writeStartObject();
            generator.writeStringField("generatedAt", Instant.now().toString());
            generator.writeArrayFieldStart("items");
            long[] count = {0};
            source.accept(item -> {
                try {
                    json.writeValue(generator, item);
                    count[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            generator.writeEndArray();
            generator.writeNumberField("count", count[0]);
            generator.writeEndObject();
        }
    }

    private static OutputStream csv(HttpServletResponse response, String filename) throws IOException {
        response.setContentType(CSV + "; header=present");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment(filename));
        return response.getOutputStream();
    }

    private static String attachment(String filename) {
        return ContentDisposition.attachment().filename(filename).build().toString();
    }
}
