package org.basinledger.auditor;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.basinledger.api.ledger.LedgerKeyView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Fetches and prints the key the ledger says it signs with, for pinning it the first time. Only what the ledger
 * claims: the party compares the key id with one obtained out of band before trusting it. With {@code --key},
 * compares instead.
 */
@Command(name = "key", mixinStandardHelpOptions = true,
        description = {"Fetches and prints the ledger's public key (GET /api/v1/ledger/key) for pinning it.",
                "This is only what the ledger claims: compare the key id with one you obtained OUT OF BAND (from the"
                + " registrar, an official notice, another party) before you pass it as --key.",
                "With --key, compares the ledger's key with yours instead (exit 4 when they differ)."})
final class KeyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Options.Ledger ledger;

    @Option(names = "--key", paramLabel = "<file|base64>",
            description = "Your pinned key, to compare with the ledger's.")
    String key;

    @Option(names = "--out", paramLabel = "<file>", description = "Also write the key as PEM to this file.")
    Path out;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        LedgerClient client = ledger.client();
        LedgerKeyView view = client.key();
        if (!"Ed25519".equals(view.algorithm())) {
            throw AuditFailure.network("the ledger says its key is " + view.algorithm() + ", not Ed25519");
        }
        PinnedKey shown = PinnedKey.ofBase64(view.publicKey());
        if (!shown.keyId().equals(view.keyId())) {
            throw AuditFailure.network("the ledger names its key " + view.keyId() + " but the key it shows has the id "
                    + shown.keyId());
        }
        stdout.println("keyId:     " + shown.keyId());
        stdout.println("algorithm: " + view.algorithm());
        stdout.println("publicKey: " + shown.publicKeyBase64());
        stdout.print(shown.pem());
        if (out != null) {
            try {
                Files.writeString(out, shown.pem(), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw AuditFailure.badInput("cannot write " + out + ": " + e.getMessage());
            }
            stdout.println("written to " + out);
        }
        if (key != null && !key.isBlank()) {
            PinnedKey pinned = PinnedKey.parse(key);
            if (!pinned.keyId().equals(shown.keyId())) {
                throw AuditFailure.signature("the ledger at " + client.baseUrl() + " shows the key " + shown.keyId()
                        + ", but the pinned key is " + pinned.keyId() + ": its heads will not verify with your key."
                        + " Find out out of band why (a key rotation is announced, not discovered)");
            }
            stdout.println("the ledger's key matches the pinned key " + pinned.keyId());
        } else {
            stderr.println("This key is what the ledger at " + client.baseUrl() + " claims. Compare the key id "
                    + shown.keyId() + " OUT OF BAND (registrar, official notice, another party) before pinning it"
                    + " with --key: a tool that trusted this answer would trust whoever answers.");
        }
        return ExitCodes.OK;
    }
}
