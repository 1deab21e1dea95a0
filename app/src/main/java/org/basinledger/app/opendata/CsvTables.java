package org.basinledger.app.opendata;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.common.Money;
import org.basinledger.api.incident.IncidentView;
import org.basinledger.api.compliance.AssessmentInputs;
import org.basinledger.api.compliance.AssessmentResult;
import org.basinledger.api.compliance.AssessmentView;
import org.basinledger.api.emission.EmissionTradeView;
import org.basinledger.api.registry.JurisdictionView;
import org.basinledger.api.report.PublicReportView;
import org.basinledger.api.transfer.TransferView;
import org.basinledger.app.opendata.PublicLedger.AgreementEntry;
import org.basinledger.app.opendata.PublicLedger.RulingEntry;

/**
 * The CSV form of each public list: RFC 4180 (comma, double quotes doubled inside quoted fields, CRLF line
 * ends), UTF-8, a header row. Written by Jackson's CSV dataformat, which quotes whatever needs quoting. Values
 * are text as in the JSON form: decimals in plain notation, times ISO-8601, money as two columns (amount,
 * currency); a list in one cell is joined with {@code ;}.
 */
final class CsvTables {

    private static final CsvMapper CSV = new CsvMapper();
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");

    private CsvTables() {
    }

    /** A column: its header and how a row's value is read. */
    record Column<T>(String name, Function<T, Object> value) {
    }

    /** A table's columns, in order. */
    record Table<T>(List<Column<T>> columns) {

        CsvSchema schema() {
            CsvSchema.Builder builder = CsvSchema.builder();
            columns.forEach(c -> builder.addColumn(c.name()));
            // the header is written as the first row, so an empty list still has one
            return builder.setUseHeader(false).setLineSeparator("\r\n").setNullValue("").build();
        }

        Map<String, String> row(T item) {
            Map<String, String> row = new LinkedHashMap<>();
            for (Column<T> column : columns) {
                row.put(column.name(), text(column.value().apply(item)));
            }
            return row;
        }

        List<String> headers() {
            return columns.stream().map(Column::name).toList();
        }

        /** Writes the header and one row per item the source gives, as they come. */
        void write(OutputStream out, Consumer<Consumer<T>> source) throws IOException {
            try (SequenceWriter writer = CSV.writer(schema()).writeValues(out)) {
                Map<String, String> header = new LinkedHashMap<>();
                columns.forEach(c -> header.put(c.name(), c.name()));
                writer.write(header);
                IOException[] failure = new IOException[1];
                source.accept(item -> {
                    if (failure[0] == null) {
                        try {
                            writer.write(row(item));
                        } catch (IOException e) {
                            failure[0] = e;
                        }
                    }
                });
                if (failure[0] != null) {
                    throw failure[0];
                }
            }
        }
    }

    static final class Builder<T> {
        private final List<Column<T>> columns = new ArrayList<>();

        Builder<T> col(String name, Function<T, Object> value) {
            columns.add(new Column<>(name, value));
            return this;
        }

        Builder<T> money(String name, Function<T, Money> value) {
            col(name, t -> amount(value.apply(t)));
            return col(name + "Currency", t -> currency(value.apply(t)));
        }

        Table<T> build() {
            return new Table<>(List.copyOf(columns));
        }
    }

    static <T> Builder<T> table() {
        return new Builder<>();
    }

    static final Table<AgreementEntry> AGREEMENTS = CsvTables.<AgreementEntry>table()
            .col("id", AgreementEntry::id)
            .col("ocid", AgreementEntry::ocid)
            .col("title", AgreementEntry::title)
            .col("basin", AgreementEntry::basin)
            .col("status", AgreementEntry::status)
            .col("termsHash", AgreementEntry::termsHash)
            .col("effectiveFrom", AgreementEntry::effectiveFrom)
            .col("effectiveUntil", AgreementEntry::effectiveUntil)
            .col("parties", a -> join(a.parties().stream().map(p -> p.jurisdictionId() + ":" + p.role()).toList()))
            .col("publicSince", AgreementEntry::publicSince)
            .col("signedAt", AgreementEntry::signedAt)
            .col("inForceAt", AgreementEntry::inForceAt)
            .col("endedAt", AgreementEntry::endedAt)
            .col("endReason", AgreementEntry::endReason)
            .col("openDisputes", AgreementEntry::openDisputes)
            .col("outstandingCount", a -> a.outstanding() == null ? null : a.outstanding().count())
            .money("outstandingAmount", a -> a.outstanding() == null ? null : a.outstanding().total())
            .col("recordUrl", AgreementEntry::recordUrl)
            .col("terminationEffectiveAt", AgreementEntry::terminationEffectiveAt)
            .build();

    static final Table<TransferView> TRANSFERS = CsvTables.<TransferView>table()
            .col("id", TransferView::id)
            .col("agreementId", TransferView::agreementId)
            .col("payer", TransferView::payer)
            .col("payee", TransferView::payee)
            .money("amount", TransferView::amount)
            .col("reason", TransferView::reason)
            .col("source", TransferView::source)
            .col("sourceId", TransferView::sourceId)
            .col("status", TransferView::status)
            .col("createdAt", TransferView::createdAt)
            .col("acknowledgedAt", TransferView::acknowledgedAt)
            .col("paidAt", TransferView::paidAt)
            .col("paymentReference", TransferView::paymentReference)
            .col("settledAt", TransferView::settledAt)
            .col("updatedAt", TransferView::updatedAt)
            .col("correctsTransferId", TransferView::correctsTransferId)
            .money("ruledAmount", TransferView::ruledAmount)
            .col("dueDate", TransferView::dueDate)
            .col("overdue", TransferView::overdue)
            .col("lateInterestTransferId", TransferView::lateInterestTransferId)
            .build();

    static final Table<EmissionRegistry.VintageRow> EMISSION_SCHEMES = CsvTables.<EmissionRegistry.VintageRow>table()
            .col("schemeId", EmissionRegistry.VintageRow::schemeId)
            .col("name", EmissionRegistry.VintageRow::name)
            .col("pollutant", EmissionRegistry.VintageRow::pollutant)
            .col("authority", EmissionRegistry.VintageRow::authority)
            .money("pricePerTonne", EmissionRegistry.VintageRow::pricePerTonne)
            .col("surrenderBy", EmissionRegistry.VintageRow::surrenderBy)
            .money("penaltyPerTonne", EmissionRegistry.VintageRow::penaltyPerTonne)
            .col("vintage", EmissionRegistry.VintageRow::vintage)
            .col("issued", EmissionRegistry.VintageRow::issued)
            .col("held", EmissionRegistry.VintageRow::held)
            .col("retired", EmissionRegistry.VintageRow::retired)
            .build();

    static final Table<EmissionRegistry.HoldingRow> EMISSION_HOLDINGS = CsvTables.<EmissionRegistry.HoldingRow>table()
            .col("schemeId", EmissionRegistry.HoldingRow::schemeId)
            .col("holder", EmissionRegistry.HoldingRow::holder)
            .col("status", EmissionRegistry.HoldingRow::status)
            .col("vintage", EmissionRegistry.HoldingRow::vintage)
            .col("quantity", EmissionRegistry.HoldingRow::quantity)
            .build();

    static final Table<EmissionTradeView> EMISSION_TRADES = CsvTables.<EmissionTradeView>table()
            .col("id", EmissionTradeView::id)
            .col("schemeId", EmissionTradeView::schemeId)
            .col("seller", EmissionTradeView::seller)
            .col("buyer", EmissionTradeView::buyer)
            .col("vintage", EmissionTradeView::vintage)
            .col("quantity", EmissionTradeView::quantity)
            .money("pricePerTonne", EmissionTradeView::pricePerTonne)
            .money("amount", EmissionTradeView::amount)
            .col("transferId", EmissionTradeView::transferId)
            .col("status", EmissionTradeView::status)
            .col("proposedAt", EmissionTradeView::proposedAt)
            .col("completedAt", EmissionTradeView::completedAt)
            .col("cancelledAt", EmissionTradeView::cancelledAt)
            .build();

    static final Table<EmissionRegistry.ComplianceRow> EMISSION_COMPLIANCE =
            CsvTables.<EmissionRegistry.ComplianceRow>table()
            .col("schemeId", EmissionRegistry.ComplianceRow::schemeId)
            .col("holder", EmissionRegistry.ComplianceRow::holder)
            .col("year", EmissionRegistry.ComplianceRow::year)
            .col("verified", EmissionRegistry.ComplianceRow::verified)
            .col("surrendered", EmissionRegistry.ComplianceRow::surrendered)
            .col("status", EmissionRegistry.ComplianceRow::status)
            .col("missing", EmissionRegistry.ComplianceRow::missing)
            .money("penalty", EmissionRegistry.ComplianceRow::penalty)
            .col("penaltyTransferId", EmissionRegistry.ComplianceRow::penaltyTransferId)
            .col("stillOwed", EmissionRegistry.ComplianceRow::stillOwed)
            .col("evidence", r -> r.evidence() == null ? null
                    : join(r.evidence().stream().map(e -> e.sha256() + " " + e.uri()).toList()))
            .build();

    static final Table<AssessmentView> ASSESSMENTS = assessments();

    private static Table<AssessmentView> assessments() {
        Builder<AssessmentView> builder = CsvTables.<AssessmentView>table()
                .col("id", AssessmentView::id)
                .col("agreementId", AssessmentView::agreementId)
                .col("sectionId", AssessmentView::sectionId)
                .col("rule", AssessmentView::rule)
                .col("period", AssessmentView::period)
                .col("met", a -> a.result() == null ? null : a.result().met())
                .col("index", a -> a.result() == null ? null : a.result().index())
                .col("waterClass", a -> a.result() == null ? null : a.result().waterClass())
                .col("payer", a -> a.result() == null ? null : a.result().payer())
                .col("payee", a -> a.result() == null ? null : a.result().payee())
                .money("amount", a -> a.result() == null ? null : a.result().amount())
                .col("transferId", AssessmentView::transferId)
                .col("meanFlow", a -> a.inputs() == null ? null : a.inputs().meanFlow())
                .col("samples", CsvTables::samplesUsed);
        for (Pollutant pollutant : Pollutant.values()) {
            builder.col("mean" + pollutant.name(), a -> mean(a, pollutant));
        }
        for (Pollutant pollutant : Pollutant.values()) {
            builder.col("excessTonnes" + pollutant.name(), a -> excess(a, pollutant));
        }
        return builder
                .col("ruleVersion", a -> a.inputs() == null ? null : a.inputs().ruleVersion())
                .col("assessedBy", AssessmentView::assessedBy)
                .col("assessedAt", AssessmentView::assessedAt)
                .build();
    }

    static final Table<RulingEntry> RULINGS = CsvTables.<RulingEntry>table()
            .col("disputeId", RulingEntry::disputeId)
            .col("agreementId", RulingEntry::agreementId)
            .col("subjectType", r -> r.subject() == null ? null : r.subject().type())
            .col("subjectId", r -> r.subject() == null ? null : r.subject().id())
            .col("claimant", RulingEntry::claimant)
            .col("respondents", r -> join(r.respondents()))
            .col("mediatorId", RulingEntry::mediatorId)
            .col("outcome", RulingEntry::outcome)
            .col("reasoning", RulingEntry::reasoning)
            .money("adjustedAmount", RulingEntry::adjustedAmount)
            .col("raisedAt", RulingEntry::raisedAt)
            .col("ruledAt", RulingEntry::ruledAt)
            .build();

    /** One row per incident; its notices counted by outcome (the JSON has each notice and update). */
    static final Table<IncidentView> INCIDENTS = CsvTables.<IncidentView>table()
            .col("id", IncidentView::id)
            .col("agreementId", IncidentView::agreementId)
            .col("sectionId", IncidentView::sectionId)
            .col("status", IncidentView::status)
            .col("level", IncidentView::level)
            .col("pollutant", IncidentView::pollutant)
            .col("description", IncidentView::description)
            .col("detectedAt", IncidentView::detectedAt)
            .col("evidence", i -> join(i.evidence().stream().map(e -> e.sha256() + " " + e.uri()).toList()))
            .col("raisedBy", IncidentView::raisedBy)
            .col("raisedAt", IncidentView::raisedAt)
            .col("notices", i -> i.notices().size())
            .col("acknowledgedInTime", i -> i.notices().stream()
                    .filter(n -> n.acknowledgedAt() != null && !n.late()).count())
            .col("acknowledgedLate", i -> i.notices().stream().filter(n -> n.acknowledgedAt() != null && n.late())
                    .count())
            .col("missed", i -> i.notices().stream().filter(IncidentView.Notice::missed).count())
            .col("withdrawn", i -> i.notices().stream().filter(n -> n.withdrawn() && n.acknowledgedAt() == null)
                    .count())
            .col("penaltyTransferIds", i -> join(i.notices().stream().map(IncidentView.Notice::penaltyTransferId)
                    .filter(java.util.Objects::nonNull).toList()))
            .col("updates", i -> i.updates().size())
            .col("closedBy", IncidentView::closedBy)
            .col("closedAt", IncidentView::closedAt)
            .col("summary", IncidentView::summary)
            .build();

    /** One row per jurisdiction and key (a jurisdiction has at least one key). */
    record JurisdictionKey(JurisdictionView jurisdiction, JurisdictionView.KeyView key) {
    }

    static final Table<JurisdictionKey> JURISDICTION_KEYS = CsvTables.<JurisdictionKey>table()
            .col("id", r -> r.jurisdiction().id())
            .col("name", r -> r.jurisdiction().name())
            .col("level", r -> r.jurisdiction().level())
            .col("parentId", r -> r.jurisdiction().parentId())
            .col("registeredAt", r -> r.jurisdiction().registeredAt())
            .col("keyId", r -> r.key() == null ? null : r.key().keyId())
            .col("publicKey", r -> r.key() == null ? null : r.key().publicKey())
            .col("keyAddedAt", r -> r.key() == null ? null : r.key().addedAt())
            .col("keyRevokedAt", r -> r.key() == null ? null : r.key().revokedAt())
            .build();

    static final Table<PublicReportView> PUBLIC_REPORTS = CsvTables.<PublicReportView>table()
            .col("id", PublicReportView::id)
            .col("basin", PublicReportView::basin)
            .col("agreementId", PublicReportView::agreementId)
            .col("sectionId", PublicReportView::sectionId)
            .col("waterBody", PublicReportView::waterBody)
            .col("place", r -> r.place().description())
            .col("latitude", r -> r.place().latitude())
            .col("longitude", r -> r.place().longitude())
            .col("category", PublicReportView::category)
            .col("description", PublicReportView::description)
            .col("observedAt", PublicReportView::observedAt)
            .col("photos", r -> join(r.photos().stream().map(p -> p.sha256() + " " + p.uri()).toList()))
            .col("status", PublicReportView::status)
            .col("filedAt", PublicReportView::filedAt)
            .col("jurisdictionId", PublicReportView::jurisdictionId)
            .col("answerBy", PublicReportView::answerBy)
            .col("assignedAt", PublicReportView::assignedAt)
            .col("overdue", PublicReportView::overdue)
            .col("overdueSince", PublicReportView::overdueSince)
            .col("rejectionReason", PublicReportView::rejectionReason)
            .col("rejectedAt", PublicReportView::rejectedAt)
            .col("actionTaken", r -> r.answer() == null ? null : r.answer().actionTaken())
            .col("answer", r -> r.answer() == null ? null : r.answer().text())
            .col("answeredAt", r -> r.answer() == null ? null : r.answer().answeredAt())
            .col("answeredInTime", r -> r.answer() == null ? null : r.answer().inTime())
            .build();

    /** One row of the response statistics: what it is of ({@code ALL}, {@code WATER_BODY}, {@code JURISDICTION}, {@code MONTH}), its key, the counts. */
    record ResponseRow(String of, String key, long received, Long assigned, long answered, long answeredInTime,
                       long overdue, Long rejected, BigDecimal medianDaysToAnswer) {
    }

    static final Table<ResponseRow> PUBLIC_REPORT_STATISTICS = CsvTables.<ResponseRow>table()
            .col("of", ResponseRow::of)
            .col("key", ResponseRow::key)
            .col("received", ResponseRow::received)
            .col("assigned", ResponseRow::assigned)
            .col("answered", ResponseRow::answered)
            .col("answeredInTime", ResponseRow::answeredInTime)
            .col("overdue", ResponseRow::overdue)
            .col("rejected", ResponseRow::rejected)
            .col("medianDaysToAnswer", ResponseRow::medianDaysToAnswer)
            .build();

    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        return neutralised(value.toString());
    }

    /**
     * Text that a spreadsheet would run as a formula (a cell starting with {@code = + - @}, a tab or a carriage
     * return: OWASP's CSV injection advice) gets a leading apostrophe, so opening a public download can never
     * execute what a party wrote into a title or a reason. Numbers are written as they are.
     */
    static String neutralised(String text) {
        if (text.isEmpty() || "=+-@\t\r".indexOf(text.charAt(0)) < 0 || PLAIN_NUMBER.matcher(text).matches()) {
            return text;
        }
        return "'" + text;
    }

    private static String join(Collection<String> values) {
        return values == null ? null : values.stream().collect(Collectors.joining(";"));
    }

    private static String amount(Money money) {
        return money == null ? null : money.amount().toPlainString();
    }

    private static String currency(Money money) {
        return money == null ? null : money.currency();
    }

    /** The samples the assessment used: each counted in its pollutant's mean (also when listed one by one). */
    private static Integer samplesUsed(AssessmentView assessment) {
        if (assessment.inputs() == null || assessment.inputs().means() == null) {
            return null;
        }
        return assessment.inputs().means().stream().mapToInt(AssessmentInputs.PollutantMean::samples).sum();
    }

    private static BigDecimal mean(AssessmentView assessment, Pollutant pollutant) {
        if (assessment.inputs() == null || assessment.inputs().means() == null) {
            return null;
        }
        return assessment.inputs().means().stream().filter(m -> m.pollutant() == pollutant)
                .map(AssessmentInputs.PollutantMean::mean).findFirst().orElse(null);
    }

    private static BigDecimal excess(AssessmentView assessment, Pollutant pollutant) {
        if (assessment.result() == null || assessment.result().pollutants() == null) {
            return null;
        }
        return assessment.result().pollutants().stream().filter(p -> p.pollutant() == pollutant)
                .map(AssessmentResult.PollutantExcess::excessTonnes).findFirst().orElse(null);
    }
}
