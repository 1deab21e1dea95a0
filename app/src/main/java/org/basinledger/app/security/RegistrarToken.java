package org.basinledger.app.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.basinledger.app.config.LedgerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The registrar's token: {@code ledger.registrar-token} when set, otherwise read from (or, on first start,
 * generated into) {@code <data dir>/registrar.token} with owner-only permissions. Only its hash stays in
 * memory; the token itself is never logged.
 */
@Component
public class RegistrarToken {

    private static final Logger log = LoggerFactory.getLogger(RegistrarToken.class);

    private final String hash;

    public RegistrarToken(LedgerProperties properties) {
        String configured = properties.registrarToken();
        if (configured != null && !configured.isBlank()) {
            this.hash = TokenHashes.hash(configured.strip());
            log.info("registrar token taken from the setting ledger.registrar-token");
        } else {
            this.hash = TokenHashes.hash(readOrCreate(properties.dataDir().resolve("registrar.token")));
        }
    }

    boolean matches(String token) {
        return TokenHashes.sameHash(hash, TokenHashes.hash(token));
    }

    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                log.info("registrar token read from {}", file.toAbsolutePath());
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            String token = TokenHashes.newToken();
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            log.info("registrar token generated into {} (readable by its owner only)", file.toAbsolutePath());
            return token;
        } catch (FileAlreadyExistsException raced) {
            return readOrCreate(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the registrar token at " + file, e);
        }
    }
}
