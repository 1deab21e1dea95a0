package org.basinledger.importer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code generate}: a samples file of daily measurements for the benchmark (docs/benchmarks.md, "Ten years in one H2
 * file"): for each section of the sections file, one sample a day of each pollutant from {@code --from} for
 * {@code --years} years, section by section. Values are reproducible (a seed per section), with a seasonal swing and
 * noise around typical Class II–III concentrations, and always inside the ledger's rules.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes a samples file of daily measurements (the benchmark's data set).")
final class GenerateCommand implements Callable<Integer> {

    /** Typical concentrations (mg/L) of each pollutant the ledger knows. */
    private static final String[] POLLUTANTS = {"CODMN", "COD", "NH3N", "TP", "TN", "DO"};
    private static final double[] TYPICAL = {3.2, 14.0, 0.42, 0.085, 1.10, 7.6};

    @Spec
    CommandSpec spec;

    @Option(names = "--sections", required = true, paramLabel = "FILE",
            description = "lines agreementId,sectionId: the sections to generate samples for")
    Path sections;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the samples file to write")
    Path out;

    @Option(names = "--from", defaultValue = "2016-01-01", description = "the first day (default: ${DEFAULT-VALUE})")
    LocalDate from;

    @Option(names = "--years", defaultValue = "10", description = "how many years (default: ${DEFAULT-VALUE})")
    int years;

    @Option(names = "--pollutants", defaultValue = "6", description = "indicators a day, 1 to 6 (default: ${DEFAULT-VALUE})")
    int pollutants;

    @Override
    public Integer call() throws IOException {
        PrintWriter log = spec.commandLine().getOut();
        if (pollutants < 1 || pollutants > POLLUTANTS.length || years < 1) {
            throw new Importer.ImportFailure(Importer.BAD_INPUT, "--pollutants must be 1 to 6 and --years at least 1");
        }
        List<String[]> list = new ArrayList<>();
        for (String line : Files.readAllLines(sections, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = SampleCsv.split(line);
            if (fields.size() != 2) {
                throw new Importer.ImportFailure(Importer.BAD_INPUT, sections + ": '" + line
                        + "' is not agreementId,sectionId");
            }
            list.add(new String[] {fields.get(0).trim(), fields.get(1).trim()});
        }
        LocalDate until = from.plusYears(years);
        long rows = 0;
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            writer.write("agreementId,sectionId,takenAt,pollutant,value,unit\n");
            StringBuilder row = new StringBuilder(96);
            for (String[] section : list) {
                SplittableRandom random = new SplittableRandom((section[0] + "/" + section[1]).hashCode());
                double level = 0.7 + random.nextDouble() * 0.6;
                for (LocalDate day = from; day.isBefore(until); day = day.plusDays(1)) {
                    double season = 1 + 0.25 * Math.sin(2 * Math.PI * day.getDayOfYear() / 365.25);
                    for (int p = 0; p < pollutants; p++) {
                        double value = TYPICAL[p] * level * season * (0.8 + random.nextDouble() * 0.4);
                        row.setLength(0);
                        row.append(section[0]).append(',').append(section[1]).append(',').append(day).append(',')
                                .append(POLLUTANTS[p]).append(',')
                                .append(thousandths(value)).append(",mg/L\n");
                        writer.append(row);
                        rows++;
                    }
                }
            }
        }
        log.println(String.format(Locale.ROOT, "%,d samples of %d sections, %s to %s, written to %s", rows,
                list.size(), from, until.minusDays(1), out));
        return Importer.OK;
    }

    /** A value with three decimals, as a plain decimal ({@code 0.085}). */
    static String thousandths(double value) {
        long m = Math.round(value * 1000);
        String digits = Long.toString(m);
        while (digits.length() < 4) {
            digits = "0" + digits;
        }
        return digits.substring(0, digits.length() - 3) + "." + digits.substring(digits.length() - 3);
    }
}
