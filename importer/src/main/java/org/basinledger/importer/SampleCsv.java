package org.basinledger.importer;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.basinledger.api.common.LedgerCalendar;

/**
 * The samples file (docs/importer.md): UTF-8 CSV with a header naming the columns {@code agreementId},
 * {@code sectionId}, {@code takenAt}, {@code pollutant}, {@code value}, {@code unit} and optionally
 * {@code flowCubicMetresPerSecond}, in any order; one sample a row. {@code takenAt} is an ISO instant
 * ({@code 2025-04-08T02:00:00Z}) or a date ({@code 2025-04-08}: 10:00 China Standard Time that day). Fields may be
 * quoted ({@code "a,b"}, {@code ""} for a quote). Blank lines and lines starting with {@code #} are skipped.
 *
 * <p>Read as a stream: {@link #next()} answers one row at a time, {@link #bytesRead()} how far into the file.
 */
final class SampleCsv implements Closeable {

    static final List<String> REQUIRED = List.of("agreementId", "sectionId", "takenAt", "pollutant", "value", "unit");
    static final String FLOW = "flowCubicMetresPerSecond";
    private static final LocalTime DATE_ONLY_TIME = LocalTime.of(10, 0);

    /** One sample, with the month (China Standard Time) it belongs to and the line it came from. */
    record Row(long line, String agreementId, String sectionId, Instant takenAt, YearMonth month, String pollutant,
               String value, String unit, String flow) {
    }

    private final CountingInputStream counted;
    private final BufferedReader reader;
    private final int[] column;
    private final int width;
    private long line;

    SampleCsv(Path file) throws IOException {
        this.counted = new CountingInputStream(Files.newInputStream(file));
        this.reader = new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8), 1 << 16);
        String header = nextContentLine();
        if (header == null) {
            throw new Importer.ImportFailure(Importer.BAD_INPUT, file + " is empty: the first line must be the header "
                    + String.join(",", REQUIRED));
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        List<String> names = split(header);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i).trim(), i);
        }
        List<String> missing = REQUIRED.stream().filter(n -> !index.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new Importer.ImportFailure(Importer.BAD_INPUT, file + " line " + line + ": the header lacks "
                    + String.join(", ", missing) + " (it must name " + String.join(",", REQUIRED) + ")");
        }
        column = new int[REQUIRED.size() + 1];
        for (int i = 0; i < REQUIRED.size(); i++) {
            column[i] = index.get(REQUIRED.get(i));
        }
        column[REQUIRED.size()] = index.getOrDefault(FLOW, -1);
        width = names.size();
    }

    /** The next row, or null at the end of the file. */
    Row next() throws IOException {
        String text = nextContentLine();
        if (text == null) {
            return null;
        }
        List<String> fields = split(text);
        if (fields.size() != width) {
            throw bad("has " + fields.size() + " fields, the header " + width);
        }
        String agreementId = field(fields, 0, "agreementId");
        String sectionId = field(fields, 1, "sectionId");
        String takenAtText = field(fields, 2, "takenAt");
        Instant takenAt;
        try {
            takenAt = takenAtText.length() == 10
                    ? LocalDate.parse(takenAtText).atTime(DATE_ONLY_TIME).atZone(LedgerCalendar.ZONE).toInstant()
                    : Instant.parse(takenAtText);
        } catch (DateTimeException e) {
            throw bad("takenAt " + takenAtText + " is neither an ISO instant (2025-04-08T02:00:00Z) nor a date"
                    + " (2025-04-08)");
        }
        YearMonth month = YearMonth.from(takenAt.atZone(LedgerCalendar.ZONE));
        String pollutant = field(fields, 3, "pollutant").toUpperCase(Locale.ROOT);
        String value = field(fields, 4, "value");
        String unit = field(fields, 5, "unit");
        String flow = column[6] < 0 ? null : fields.get(column[6]).trim();
        return new Row(line, agreementId, sectionId, takenAt, month, pollutant, value, unit,
                flow == null || flow.isEmpty() ? null : flow);
    }

    /** Bytes of the file consumed so far (read ahead by at most the reader's buffer). */
    long bytesRead() {
        return counted.count;
    }

    private String field(List<String> fields, int which, String name) {
        String value = fields.get(column[which]).trim();
        if (value.isEmpty()) {
            throw bad(name + " is empty");
        }
        return value;
    }

    private Importer.ImportFailure bad(String what) {
        return new Importer.ImportFailure(Importer.BAD_INPUT, "line " + line + " " + what);
    }

    private String nextContentLine() throws IOException {
        String text;
        do {
            text = reader.readLine();
            line++;
        } while (text != null && (text.isBlank() || text.startsWith("#")));
        return text;
    }

    /** Splits one CSV line (RFC 4180 quoting within the line). */
    static List<String> split(String text) {
        List<String> fields = new ArrayList<>(8);
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private static final class CountingInputStream extends java.io.FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
