package org.basinledger.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class EscapedThrowableConverterTest {

    @Test
    void aLineBreakInAnExceptionsMessageCannotStartALineButTheStackTraceKeepsItsLines() {
        LoggerContext context = new LoggerContext();
        EscapedThrowableConverter converter = new EscapedThrowableConverter();
        converter.setContext(context);
        converter.start();
        IllegalStateException cause = new IllegalStateException("cause of x\r\nFORGED-CAUSE ERROR");
        IllegalArgumentException thrown = new IllegalArgumentException("no agreement x\nFORGED-LINE ERROR", cause);
        thrown.addSuppressed(new IllegalStateException("also x\u2028FORGED-SUPPRESSED"));
        LoggingEvent event = new LoggingEvent(getClass().getName(), context.getLogger("test"), Level.ERROR,
                "failed", thrown, null);

        String trace = converter.convert(event);

        assertThat(trace).contains("IllegalArgumentException: no agreement x_FORGED-LINE ERROR",
                "Caused by: java.lang.IllegalStateException: cause of x__FORGED-CAUSE ERROR",
                "also x_FORGED-SUPPRESSED");
        assertThat(trace).doesNotContain("\nFORGED", "\rFORGED", "\u2028FORGED");
        assertThat(trace.lines().filter(l -> l.startsWith("\tat ")).count()).as("the frames, a line each")
                .isGreaterThan(2);
        assertThat(trace).as("set apart from the message as %wEx does").startsWith(System.lineSeparator());
    }
}
