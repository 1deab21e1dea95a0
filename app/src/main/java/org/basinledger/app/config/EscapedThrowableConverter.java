package org.basinledger.app.config;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;
import org.springframework.context.ApplicationListener;

/**
 * The {@code %escEx} of the log patterns: Spring Boot's {@code %wEx} (a stack trace after the message, set apart
 * by line breaks) with each exception's message on one line: a line break inside it (an id a caller chose, in a
 * library's exception) becomes {@code _}, as in {@code %m}, so no message can start a forged log line. The stack
 * trace keeps its own lines.
 */
public class EscapedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    /** The conversion word the patterns in application.yml use. */
    public static final String WORD = "escEx";

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return super.throwableProxyToString(OneLineMessages.of(throwable));
    }

    static String oneLine(String message) {
        return message == null ? null : message.replaceAll("[\r\n\u2028\u2029]", "_");
    }

    /** A throwable (and its causes and suppressed ones) whose messages are each one line. */
    private record OneLineMessages(IThrowableProxy throwable) implements IThrowableProxy {

        static IThrowableProxy of(IThrowableProxy throwable) {
            return throwable == null ? null : new OneLineMessages(throwable);
        }

        @Override
        public String getMessage() {
            return oneLine(throwable.getMessage());
        }

        @Override
        public String getClassName() {
            return throwable.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return throwable.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return throwable.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return of(throwable.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = throwable.getSuppressed();
            if (suppressed == null) {
                return null;
            }
            IThrowableProxy[] wrapped = new IThrowableProxy[suppressed.length];
            for (int i = 0; i < suppressed.length; i++) {
                wrapped[i] = of(suppressed[i]);
            }
            return wrapped;
        }

        @Override
        public boolean isCyclic() {
            return throwable.isCyclic();
        }
    }

    /**
     * Makes {@value #WORD} known to Logback before Spring Boot configures it from application.yml (registered in
     * META-INF/spring.factories, so also for tests that start the application).
     */
    public static class Registration implements ApplicationListener<ApplicationStartingEvent> {

        @Override
        public void onApplicationEvent(ApplicationStartingEvent event) {
            PatternLayout.DEFAULT_CONVERTER_SUPPLIER_MAP.putIfAbsent(WORD, EscapedThrowableConverter::new);
        }
    }
}
