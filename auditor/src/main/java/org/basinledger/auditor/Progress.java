package org.basinledger.auditor;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress display on stderr for long runs: {@code <what> 1200/5000 (24%) 850/s ETA 4s}. On a terminal the line is
 * redrawn in place (at most 5 times a second); otherwise (a log, a pipe) a line every 10 s. A final line when done.
 * Silent with {@code --quiet}.
 */
public final class Progress {

    private final PrintWriter err;
    private final String what;
    private final long total;
    private final boolean quiet;
    private final boolean terminal;
    private final LongSupplier nanos;
    private final long started;
    private long done;
    private long lastDrawn;
    private boolean drawnInPlace;

    public Progress(PrintWriter err, String what, long total, boolean quiet, boolean terminal) {
        this(err, what, total, quiet, terminal, System::nanoTime);
    }

    Progress(PrintWriter err, String what, long total, boolean quiet, boolean terminal, LongSupplier nanos) {
        this.err = err;
        this.what = what;
        this.total = total;
        this.quiet = quiet;
        this.terminal = terminal;
        this.nanos = nanos;
        this.started = nanos.getAsLong();
        this.lastDrawn = started;
    }

    /** Whether stderr is (probably) a terminal. */
    public static boolean stderrIsTerminal() {
        return System.console() != null;
    }

    public void advance(long count) {
        done += count;
        if (quiet) {
            return;
        }
        long now = nanos.getAsLong();
        long interval = terminal ? 200_000_000L : 10_000_000_000L;
        if (now - lastDrawn >= interval) {
            lastDrawn = now;
            draw(now, false);
        }
    }

    public long done() {
        return done;
    }

    /** The final line. */
    public void finish() {
        if (!quiet) {
            draw(nanos.getAsLong(), true);
        }
    }

    private void draw(long now, boolean last) {
        String line = line(now, last);
        if (terminal) {
            err.print("\r" + line + (last ? "\n" : "\u001b[K"));
            drawnInPlace = !last;
        } else {
            err.println(line);
        }
        err.flush();
    }

    String line(long now, boolean last) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        double rate = done / seconds;
        StringBuilder line = new StringBuilder(what).append(' ').append(done);
        if (total > 0) {
            line.append('/').append(total)
                    .append(String.format(Locale.ROOT, " (%d%%)", Math.min(100, done * 100 / total)));
        }
        line.append(String.format(Locale.ROOT, " %.0f/s", rate));
        if (last) {
            line.append(" in ").append(format(Duration.ofNanos(now - started)));
        } else if (total > 0 && rate > 0 && done < total) {
            line.append(" ETA ").append(format(Duration.ofSeconds((long) Math.ceil((total - done) / rate))));
        }
        return line.toString();
    }

    static String format(Duration duration) {
        long s = duration.toSeconds();
        if (s < 60) {
            return s == 0 ? duration.toMillis() + "ms" : s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        }
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }

    /** Ends an in-place line before other output (e.g. a failure message). */
    public void interrupt() {
        if (drawnInPlace) {
            err.println();
            err.flush();
            drawnInPlace = false;
        }
    }
}
