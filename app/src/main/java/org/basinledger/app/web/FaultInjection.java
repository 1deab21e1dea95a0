package org.basinledger.app.web;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * TEST ONLY: faults injected right after a command of a request has committed, to prove that a client is never
 * told "nothing was changed" about a change that was made, and that retries never apply twice. The bean exists only
 * when {@code ledger.test.fault-injection=true} (never set it in production: {@link Fault#HALT_AFTER_COMMIT} stops
 * the JVM). Nothing in a request can arm a fault: tests arm one in the process ({@link #arm}) or at start
 * ({@code ledger.test.fault=HALT_AFTER_COMMIT}). An armed fault fires once, on the next request that carries an
 * {@code Idempotency-Key}.
 */
@Component
@ConditionalOnProperty(name = "ledger.test.fault-injection", havingValue = "true")
public class FaultInjection {

    private static final Logger log = LoggerFactory.getLogger(FaultInjection.class);

    /** What happens after the commit. */
    public enum Fault {
        /** an exception, as if building the answer failed */
        FAIL_AFTER_COMMIT,
        /** a pause of one second before answering, as if the node were slow: retries arrive meanwhile */
        PAUSE_AFTER_COMMIT,
        /** {@code Runtime.halt}: the process dies between the commit and the recorded answer */
        HALT_AFTER_COMMIT
    }

    /** Thrown by {@link Fault#FAIL_AFTER_COMMIT}. */
    public static final class InjectedFault extends RuntimeException {
        InjectedFault() {
            super("injected fault after the commit", null, false, false);
        }
    }

    private final AtomicReference<Fault> armed = new AtomicReference<>();

    public FaultInjection(@Value("${ledger.test.fault:}") String atStart) {
        log.warn("TEST FAULT INJECTION IS ON (ledger.test.fault-injection=true): never run production like this");
        if (!atStart.isBlank()) {
            armed.set(Fault.valueOf(atStart.strip()));
            log.warn("armed at start: {}", atStart);
        }
    }

    /** Arms a fault for the next request with an {@code Idempotency-Key}. */
    public void arm(Fault fault) {
        armed.set(fault);
    }

    void afterCommit(HttpServletRequest request) {
        if (request.getHeader(IdempotencyFilter.HEADER) == null) {
            return;
        }
        Fault fault = armed.getAndSet(null);
        if (fault == null) {
            return;
        }
        log.warn("injecting {}", fault);
        switch (fault) {
            case FAIL_AFTER_COMMIT -> throw new InjectedFault();
            case PAUSE_AFTER_COMMIT -> {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case HALT_AFTER_COMMIT -> Runtime.getRuntime().halt(86);
        }
    }
}
