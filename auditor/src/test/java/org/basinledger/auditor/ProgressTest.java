package org.basinledger.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void showsCountTotalRateAndEta() {
        AtomicLong now = new AtomicLong(0);
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text, true), "leaves", 1000, false, false, now::get);
        now.set(2_000_000_000L);
        progress.advance(100);
        assertThat(progress.line(now.get(), false)).isEqualTo("leaves 100/1000 (10%) 50/s ETA 18s");
        now.set(11_000_000_000L);
        progress.advance(400);
        assertThat(text.toString()).contains("leaves 500/1000 (50%)");
        progress.finish();
        assertThat(text.toString()).contains("in 11s");
        assertThat(Progress.format(Duration.ofSeconds(3725))).isEqualTo("1h02m");
    }

    @Test
    void quietShowsNothing() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text, true), "leaves", 10, true, true);
        progress.advance(10);
        progress.finish();
        assertThat(text.toString()).isEmpty();
    }
}
