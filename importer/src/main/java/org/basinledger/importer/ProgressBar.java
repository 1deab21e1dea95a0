package org.basinledger.importer;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The import's progress on stderr: {@code [#########...........]  45%  2,970,112 samples  16,501 reports
 * 11,204 samples/s  ETA 4m05s}. The fraction is how far into the file the importer has read (it reads at most a few
 * batches ahead of what the ledger confirmed); the rate counts samples the ledger confirmed in this run. On a
 * terminal the line is redrawn in place five times a second; otherwise (a log, a pipe) a line every 10 s.
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier nanos;
    private final long started;
    private long lastDrawn;
    private boolean drawnInPlace;

    ProgressBar(PrintWriter err, boolean terminal) {
        this(err, terminal, System::nanoTime);
    }

    ProgressBar(PrintWriter err, boolean terminal, LongSupplier nanos) {
        this.err = err;
        this.terminal = terminal;
        this.nanos = nanos;
        this.started = nanos.getAsLong();
        this.lastDrawn = started;
    }

    /** Draws when the interval has passed (or {@code force}). */
    synchronized void update(double fraction, long samples, long reports, boolean force) {
        long now = nanos.getAsLong();
        if (!force && now - lastDrawn < (terminal ? 200_000_000L : 10_000_000_000L)) {
            return;
        }
        lastDrawn = now;
        String line = line(fraction, samples, reports, now - started);
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
            drawnInPlace = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends the line drawn in place, if any. */
    synchronized void finish() {
        if (drawnInPlace) {
            err.println();
            err.flush();
            drawnInPlace = false;
        }
    }

    static String line(double fraction, long samples, long reports, long elapsedNanos) {
        double f = Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.round(f * WIDTH);
        double seconds = elapsedNanos / 1e9;
        String rate = seconds <= 0 ? "-" : String.format(Locale.ROOT, "%,.0f", samples / seconds);
        String eta = f <= 0.001 || seconds <= 0 ? "?" : duration((long) (seconds * (1 - f) / f));
        return String.format(Locale.ROOT, "[%s%s] %3.0f%%  %,d samples  %,d reports  %s samples/s  ETA %s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), f * 100, samples, reports, rate, eta);
    }

    static String duration(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        if (d.toHours() > 0) {
            return String.format(Locale.ROOT, "%dh%02dm", d.toHours(), d.toMinutesPart());
        }
        return String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }
}
