package org.basinledger.app.support;

import java.nio.file.Path;

import org.basinledger.app.BasinLedgerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The ledger started in this JVM on a data directory of the test's, on a random port, for tests that restart it. */
public final class InProcessLedger {

    private InProcessLedger() {
    }

    /** Starts the ledger on {@code dataDir} with the tests' registrar token and {@code more} settings. */
    public static ConfigurableApplicationContext start(Path dataDir, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "--server.port=0";
        args[1] = "--ledger.data-dir=" + dataDir;
        args[2] = "--ledger.registrar-token=" + LedgerDriver.REGISTRAR_TOKEN;
        System.arraycopy(more, 0, args, 3, more.length);
        return new SpringApplicationBuilder(BasinLedgerApplication.class).run(args);
    }

    public static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
