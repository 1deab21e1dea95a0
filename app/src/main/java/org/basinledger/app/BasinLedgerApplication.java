package org.basinledger.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Basin Ledger: the event-sourced, verifiable ledger of river-basin agreements, as one runnable application. */
@SpringBootApplication(scanBasePackages = "org.basinledger")
@ConfigurationPropertiesScan
public class BasinLedgerApplication {

    public static void main(String[] args) {
        try {
            SpringApplication.run(BasinLedgerApplication.class, args);
        } catch (Throwable startFailure) {
            // Axon's janitor and db-scheduler threads would keep a half-started JVM alive: leave for good.
            System.exit(1);
        }
    }
}
