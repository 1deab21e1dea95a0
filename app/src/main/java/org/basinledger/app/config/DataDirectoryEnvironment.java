package org.basinledger.app.config;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Publishes {@code ledger.data-dir-absolute}: the data directory as an absolute path, whatever form
 * {@code ledger.data-dir} was given in. H2 refuses file URLs that are implicitly relative, so the embedded
 * database URL is built from this one.
 */
public class DataDirectoryEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String dataDir = environment.getProperty("ledger.data-dir", "data");
        String absolute = Path.of(dataDir).toAbsolutePath().normalize().toString();
        environment.getPropertySources().addLast(new MapPropertySource("ledgerDataDirectory",
                Map.of("ledger.data-dir-absolute", absolute)));
    }
}
