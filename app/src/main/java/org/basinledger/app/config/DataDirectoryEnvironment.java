package org.basinledger.app.config;

import java.nio.file.Path;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Publishes {@code ledger.data-dir-absolute}: the data directory as an absolute path, whatever form
 * {@code ledger.data-dir} was given in. H2 refuses file URLs that are implicitly relative, so the embedded
 * database URL is built from this one. It is resolved when it is read, not when the environment is prepared,
 * so a data directory set later (a test's dynamic properties) is the one used.
 */
public class DataDirectoryEnvironment implements EnvironmentPostProcessor {

    static final String NAME = "ledger.data-dir-absolute";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new AbsoluteDataDirectory(environment));
    }

    /**
     * Answers only {@link #NAME}. Its source object is deliberately not the environment: Spring walks into
     * property sources whose source is an environment, which here would be this one again, without end.
     */
    private static final class AbsoluteDataDirectory extends PropertySource<Object> {

        private final ConfigurableEnvironment environment;

        AbsoluteDataDirectory(ConfigurableEnvironment environment) {
            super("ledgerDataDirectory", new Object());
            this.environment = environment;
        }

        @Override
        public Object getProperty(String name) {
            if (!NAME.equals(name)) {
                return null;
            }
            String dataDir = environment.getProperty("ledger.data-dir", "data");
            return Path.of(dataDir).toAbsolutePath().normalize().toString();
        }
    }
}
