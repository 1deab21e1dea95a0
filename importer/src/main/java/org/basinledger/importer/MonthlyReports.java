package org.basinledger.importer;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups a stream of samples into monthly reports, one per agreement, section and month (China Standard Time), as
 * the ledger's {@code MONTH} periods are. The file need not be sorted, only in date order per section: rows of
 * one section may be interleaved with other sections' in any way (by date across all sections, or section by
 * section), but once a section has a row of a later month, its earlier months are complete. At most one month per
 * section is held in memory.
 */
final class MonthlyReports {

    /** One sample of a report, as the batch endpoint takes it. */
    record Sample(String takenAt, String pollutant, String value, String unit) {
    }

    /** A complete monthly report of a section, with the report key the importer gives it. */
    record Report(String agreementId, String sectionId, String period, List<Sample> samples, String flow,
                  long firstLine) {

        /** {@code <sectionId>/<period>}: unique within the agreement, so sending it again records nothing twice. */
        String reportKey() {
            return sectionId + "/" + period;
        }
    }

    private static final class Open {
        final String agreementId;
        final String sectionId;
        final YearMonth month;
        final long firstLine;
        final List<Sample> samples = new ArrayList<>();
        String flow;

        Open(SampleCsv.Row row) {
            this.agreementId = row.agreementId();
            this.sectionId = row.sectionId();
            this.month = row.month();
            this.firstLine = row.line();
        }

        Report close() {
            return new Report(agreementId, sectionId, month.toString(), List.copyOf(samples), flow, firstLine);
        }
    }

    private final Map<String, Open> open = new LinkedHashMap<>();

    /** Takes one row; answers the report it completed, or null. */
    Report accept(SampleCsv.Row row) {
        String section = row.agreementId() + "\u0000" + row.sectionId();
        Open current = open.get(section);
        Report completed = null;
        if (current != null && !current.month.equals(row.month())) {
            if (row.month().isBefore(current.month)) {
                throw new Importer.ImportFailure(Importer.BAD_INPUT, "line " + row.line() + ": section "
                        + row.sectionId() + " of agreement " + row.agreementId() + " goes back to " + row.month()
                        + " after " + current.month + " (line " + current.firstLine + " on): the rows of a section must"
                        + " come in date order (sections may be interleaved in any way)");
            }
            completed = current.close();
            current = null;
        }
        if (current == null) {
            current = new Open(row);
            open.put(section, current);
        }
        if (row.flow() != null) {
            if (current.flow != null && !current.flow.equals(row.flow())) {
                throw new Importer.ImportFailure(Importer.BAD_INPUT, "line " + row.line() + ": flow " + row.flow()
                        + " differs from " + current.flow + " given earlier for section " + row.sectionId() + " in "
                        + current.month + ": a report has one mean flow");
            }
            current.flow = row.flow();
        }
        current.samples.add(new Sample(row.takenAt().toString(), row.pollutant(), row.value(), row.unit()));
        return completed;
    }

    /** The reports still open at the end of the file (each complete now). */
    List<Report> finish() {
        List<Report> rest = open.values().stream().map(Open::close).toList();
        open.clear();
        return rest;
    }
}
