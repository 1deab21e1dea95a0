package org.basinledger.app.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.basinledger.query.integrity.LastSignedHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last head the ledger signed, in its data directory, where someone with only database access cannot reach it:
 * {@code <data dir>/ledger-last-head-<database>.txt}, one line {@code <treeSize> <rootHash>}. The file is per
 * database: {@code <database>} is a hash of the JDBC URL (without H2's {@code ;} settings) and of the schema, so one
 * data directory may serve several databases; a database moved to another URL starts a new file (copy the old one
 * under the new name to keep the check, or the check starts anew). Written after each commit
 * that signed a head, owner-only like the rest of the data directory, through a temporary file and an atomic rename;
 * read before each check, so an operator who deletes it starts the check anew without a restart. A file that cannot
 * be read fails the check: it is never silently replaced.
 */
public final class LastSignedHeadFile implements LastSignedHead {

    private static final Logger log = LoggerFactory.getLogger(LastSignedHeadFile.class);
    private static final Pattern LINE = Pattern.compile("(\\d+) ([0-9a-f]{64})\\s*");

    private final Path file;

    private LastSignedHeadFile(Path file) {
        this.file = file;
    }

    /** The file for the database at {@code url} (in {@code schema}, when set) in {@code dataDir}. */
    public static LastSignedHeadFile open(Path dataDir, String url, String schema) {
        String database = url.split(";", 2)[0] + (schema == null || schema.isBlank() ? "" : " " + schema.strip());
        Path file = dataDir.resolve(fileName(database));
        Head last = read(file);
        log.info("last signed head of this database: {} ({})", last == null ? "none yet" : last.treeSize() + " leaves",
                file.toAbsolutePath());
        return new LastSignedHeadFile(file);
    }

    static String fileName(String database) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(database.getBytes(StandardCharsets.UTF_8));
            return "ledger-last-head-" + HexFormat.of().formatHex(digest, 0, 8) + ".txt";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    /** The file's path. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<Head> last() {
        return Optional.ofNullable(read(file));
    }

    @Override
    public synchronized void record(Head head) {
        Head last = read(file);
        if (last != null && head.treeSize() <= last.treeSize()) {
            return;
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(temporary);
            try {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(DataDirectoryPermissions.FILE));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(temporary);
            }
            Files.writeString(temporary, head.treeSize() + " " + head.rootHash() + "\n",
                    StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // the head is signed and committed; the check goes on against the previous one until a write succeeds
            log.error("could not record the last signed head ({} leaves) in {}", head.treeSize(), file, e);
        }
    }

    private static Head read(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Matcher line = LINE.matcher(text);
            if (!line.matches()) {
                throw new IllegalStateException(file.toAbsolutePath() + " is not a last signed head (<treeSize>"
                        + " <rootHash>): restore it from a backup, or delete it to start the check anew");
            }
            return new Head(Long.parseLong(line.group(1)), line.group(2));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the last signed head at " + file, e);
        }
    }
}
