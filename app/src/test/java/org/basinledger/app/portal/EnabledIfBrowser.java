package org.basinledger.app.portal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the annotated test class only where Debian's Chromium and ChromeDriver are installed
 * ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}); elsewhere it is skipped with a reason that says so.
 * With {@code LEDGER_REQUIRE_BROWSER=true} (set by {@code .ci/run}, which installs them) missing binaries fail the
 * tests instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EnabledIfBrowser.Condition.class)
public @interface EnabledIfBrowser {

    Path CHROMIUM = Path.of(System.getenv().getOrDefault("LEDGER_CHROMIUM", "/usr/bin/chromium"));
    Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("LEDGER_CHROMEDRIVER", "/usr/bin/chromedriver"));

    /** The condition behind the annotation. */
    class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            for (Path binary : new Path[] {CHROMIUM, CHROMEDRIVER}) {
                if (!Files.isExecutable(binary)) {
                    String name = binary.equals(CHROMIUM) ? "Chromium" : "ChromeDriver";
                    String message = name + " not installed at " + binary + ": skipping; .ci/run installs it"
                            + " (apt-get install -y chromium chromium-driver)";
                    if (Boolean.parseBoolean(System.getenv("LEDGER_REQUIRE_BROWSER"))) {
                        throw new IllegalStateException("LEDGER_REQUIRE_BROWSER is set but " + message);
                    }
                    return ConditionEvaluationResult.disabled(message);
                }
            }
            return ConditionEvaluationResult.enabled("Chromium and ChromeDriver installed");
        }
    }
}
