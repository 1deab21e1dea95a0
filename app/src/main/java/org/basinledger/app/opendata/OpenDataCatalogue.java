package org.basinledger.app.opendata;

import java.time.Instant;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What open data offers, for people and programs to find it ({@code /open-data/}): every download with its formats,
 * fields, filters and licence, and when the data last changed. The CSV downloads' fields are their tables' columns
 * ({@link CsvTables}), so the list cannot drift from what is written.
 */
@Component
public class OpenDataCatalogue {

    private final PublicLedger ledger;
    private final Licence licence;

    public OpenDataCatalogue(PublicLedger ledger,
                             @Value("${ledger.open-data.licence-name:Creative Commons Attribution 4.0 International (CC BY 4.0)}")
                             String licenceName,
                             @Value("${ledger.open-data.licence-url:https://creativecommons.org/licenses/by/4.0/}")
                             String licenceUrl) {
        this.ledger = ledger;
        this.licence = new Licence(licenceName, licenceUrl);
    }

    /** The licence every download is published under (settings {@code ledger.open-data.licence-name}, {@code -url}). */
    public record Licence(String name, String url) {
    }

    /** One form of a download: its format ({@code JSON}, {@code CSV}), address and media type. */
    public record Distribution(String format, String url, String mediaType) {

        /** Whether the address is a template, one file per agreement ({@code {id}}). */
        public boolean perAgreement() {
            return url.contains("{id}");
        }
    }

    /** One download: what it holds, in which forms, its fields and the filters it takes. */
    public record Download(String id, String title, String description, List<Distribution> distributions,
                           List<String> fields, List<String> filters) {
    }

    /**
     * The catalogue: {@code updatedAt} is when the data last changed (the ledger's latest signed head, null before
     * its first event). Every download is written when it is asked for, so it is always as of that moment.
     */
    public record Catalogue(String title, String description, Licence licence, Instant updatedAt, String updates,
                            String documentation, List<Download> downloads) {
    }

    public Catalogue catalogue() {
        return new Catalogue("Basin Ledger open data",
                "Every public fact of the ledger's river-basin agreements, in bulk, without an account.",
                licence, ledger.lastSignedAt(),
                "Written when downloaded: each file is as of the moment it is asked for.",
                "docs/open-data.md in the Basin Ledger repository", downloads());
    }

    private static List<Download> downloads() {
        return List.of(
                list("agreements", "Agreements",
                        "Agreements open for signature, signed, in force or ended, with their parties and what is outstanding.",
                        CsvTables.AGREEMENTS.headers(), List.of("status", "party", "basin")),
                list("transfers", "Compensation transfers",
                        "Money owed between parties of agreements in force: who pays whom, why, and how far it got.",
                        CsvTables.TRANSFERS.headers(), List.of("agreementId", "party", "status")),
                list("assessments", "Assessments",
                        "Each period's water-quality assessment with every input (means, flow, samples) and its result.",
                        CsvTables.ASSESSMENTS.headers(), List.of("agreementId", "sectionId", "period")),
                list("rulings", "Rulings",
                        "Ruled disputes: parties, subject, mediator, outcome, reasoning and adjusted amount.",
                        CsvTables.RULINGS.headers(), List.of("agreementId")),
                list("incidents", "Emergency incidents",
                        "Incidents raised at a section of an agreement in force: level, what and when, every notice to"
                                + " the other parties with its deadline (acknowledged in time, late, missed with the"
                                + " penalty transfer, or withdrawn), updates and closure (CSV: notices counted).",
                        CsvTables.INCIDENTS.headers(), List.of("agreementId", "status", "level")),
                list("jurisdictions", "Jurisdictions and their keys",
                        "The registry of jurisdictions with each public key they sign with (CSV: one row per key).",
                        CsvTables.JURISDICTION_KEYS.headers(), List.of()),
                list("public-reports", "Public reports",
                        "Reports filed by the public about rivers and lakes, how each was assigned, rejected or answered"
                                + " and whether in time. Never the reporter's contact details.",
                        CsvTables.PUBLIC_REPORTS.headers(), List.of("basin", "jurisdictionId", "status", "waterBody")),
                list("public-report-statistics", "Response statistics of public reports",
                        "Reports received, answered, answered in time, overdue and the median days to answer: overall,"
                                + " per river or lake, per jurisdiction answering and per month of filing.",
                        CsvTables.PUBLIC_REPORT_STATISTICS.headers(), List.of()),
                list("emission-schemes", "Emission schemes and vintages",
                        "Each emission scheme's terms and, per vintage, the tonnes issued, held and retired"
                                + " (issued = held + retired).",
                        CsvTables.EMISSION_SCHEMES.headers(), List.of("schemeId")),
                list("emission-holdings", "Emission allowance holdings",
                        "What each account of each scheme holds, per vintage, in tonnes.",
                        CsvTables.EMISSION_HOLDINGS.headers(), List.of("schemeId")),
                list("emission-trades", "Emission allowance trades",
                        "Every trade of allowances: seller, buyer, vintage, tonnes, price per tonne, amount, status.",
                        CsvTables.EMISSION_TRADES.headers(), List.of("schemeId")),
                list("emission-compliance", "Emission compliance",
                        "Per holder and year: verified emissions against surrendered allowances, deficits, penalties and"
                                + " the tonnes still owed.",
                        CsvTables.EMISSION_COMPLIANCE.headers(), List.of("schemeId")),
                new Download("record", "An agreement's record",
                        "One public agreement's releases (one per public event) and its compiled current state, in the"
                                + " manner of the Open Contracting Data Standard. Replace {id} with the agreement's id.",
                        List.of(new Distribution("JSON", "/open-data/agreements/{id}/record.json", "application/json")),
                        List.of("ocid", "releases", "compiledRelease"), List.of()));
    }

    private static Download list(String name, String title, String description, List<String> fields,
                                 List<String> filters) {
        return new Download(name, title, description,
                List.of(new Distribution("JSON", "/open-data/" + name + ".json", "application/json"),
                        new Distribution("CSV", "/open-data/" + name + ".csv", "text/csv")),
                fields, filters);
    }
}
