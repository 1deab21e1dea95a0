package org.basinledger.app.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

import org.basinledger.api.registry.KeyIds;
import org.basinledger.query.integrity.LedgerSigner;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's own Ed25519 key, which signs its tree heads: read from {@code ledger.signing-key-path} when set
 * (the file must exist), otherwise from {@code <data dir>/ledger-signing-key.pem}, generated there on first start
 * with owner-only permissions. The file is an unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), as
 * {@code openssl genpkey -algorithm ed25519} writes it. The private key never leaves this object.
 */
public final class LedgerSigningKey implements LedgerSigner {

    /** The key file's name in the data directory. */
    public static final String FILE_NAME = "ledger-signing-key.pem";

    private static final Logger log = LoggerFactory.getLogger(LedgerSigningKey.class);
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    /** The 32-byte private key (RFC 8032), for BouncyCastle's {@link Ed25519#sign}. */
    private final byte[] seed;
    private final byte[] publicKeyDer;
    /** The 32-byte public key: the end of its X.509 DER. */
    private final byte[] publicKeyRaw;
    private final String keyId;

    private LedgerSigningKey(KeyPair pair) {
        this.seed = ((EdECPrivateKey) pair.getPrivate()).getBytes()
                .orElseThrow(() -> new IllegalStateException("the ledger key's private bytes are not available"));
        this.publicKeyDer = pair.getPublic().getEncoded();
        this.publicKeyRaw = Arrays.copyOfRange(publicKeyDer, publicKeyDer.length - Ed25519.PUBLIC_KEY_SIZE,
                publicKeyDer.length);
        this.keyId = KeyIds.of(publicKeyDer);
        selfTest(pair);
    }

    /** The configured key file when {@code configuredPath} is set, else the data directory's (created when absent). */
    public static LedgerSigningKey load(Path dataDir, String configuredPath) {
        if (configuredPath != null && !configuredPath.isBlank()) {
            Path file = Path.of(configuredPath.strip());
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("ledger.signing-key-path is " + file.toAbsolutePath()
                        + " but there is no such file: the ledger will not sign under a key it made up");
            }
            LedgerSigningKey key = read(file);
            log.info("ledger signing key {} read from {} (ledger.signing-key-path)", key.keyId, file.toAbsolutePath());
            return key;
        }
        return readOrCreate(dataDir.resolve(FILE_NAME));
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public String publicKey() {
        return Base64.getEncoder().encodeToString(publicKeyDer);
    }

    /**
     * With BouncyCastle's RFC 8032 code, several times faster than JDK 17's (a head is signed per batch of the
     * integrity log). Ed25519 signatures are deterministic: the bytes are exactly those the JDK's
     * {@code Signature} would make with this key (the key self-test checks it on every start).
     */
    @Override
    public byte[] sign(byte[] message) {
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, publicKeyRaw, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    private static LedgerSigningKey readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                LedgerSigningKey key = read(file);
                log.info("ledger signing key {} read from {}", key.keyId, file.toAbsolutePath());
                return key;
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, pem(pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII,
                    StandardOpenOption.TRUNCATE_EXISTING);
            LedgerSigningKey key = new LedgerSigningKey(pair);
            log.info("ledger signing key {} generated into {} (readable by its owner only): back it up", key.keyId,
                    file.toAbsolutePath());
            return key;
        } catch (FileAlreadyExistsException raced) {
            return readOrCreate(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the ledger signing key at " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot make Ed25519 keys", e);
        }
    }

    static LedgerSigningKey read(Path file) {
        warnIfReadableByOthers(file);
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            int begin = text.indexOf(BEGIN);
            int end = text.indexOf(END);
            if (begin < 0 || end < begin) {
                throw new IllegalStateException(file + " holds no PEM private key (" + BEGIN + ")");
            }
            byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new LedgerSigningKey(new KeyPair(publicKeyOf(key), key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ledger signing key at " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException(file + " is not an Ed25519 private key in PKCS#8 PEM", e);
        }
    }

    /**
     * The public key of an Ed25519 private key. The JDK has no call for it, but its key pair generator draws exactly
     * the 32-byte private key from its random source: fed the key's own bytes, it answers the same pair.
     */
    private static java.security.PublicKey publicKeyOf(PrivateKey key) throws GeneralSecurityException {
        byte[] seed = ((EdECPrivateKey) key).getBytes()
                .orElseThrow(() -> new GeneralSecurityException("the private key's bytes are not available"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                if (bytes.length != seed.length) {
                    throw new IllegalStateException("unexpected draw of " + bytes.length + " bytes");
                }
                System.arraycopy(seed, 0, bytes, 0, seed.length);
            }
        });
        KeyPair pair = generator.generateKeyPair();
        if (!Arrays.equals(((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow(), seed)) {
            throw new GeneralSecurityException("could not derive the public key");
        }
        return pair.getPublic();
    }

    /** The JDK's signature of a probe verifies with the public half, and {@link #sign} makes the same bytes. */
    private void selfTest(KeyPair pair) {
        try {
            byte[] probe = "basin-ledger:key-check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(pair.getPrivate());
            signer.update(probe);
            byte[] signature = signer.sign();
            if (!Arrays.equals(signature, sign(probe))) {
                throw new IllegalStateException("the ledger key signs differently with BouncyCastle than with the JDK");
            }
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(pair.getPublic());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalStateException("the ledger key's public half does not verify its signatures");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the ledger key cannot sign", e);
        }
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                log.warn("the ledger signing key {} is accessible to others ({}): make it readable by its owner only",
                        file.toAbsolutePath(), PosixFilePermissions.toString(permissions));
            }
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: nothing to check
        }
    }

    private static String pem(byte[] der) {
        return BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n" + END + "\n";
    }

    @Override
    public String toString() {
        return "LedgerSigningKey[" + keyId + "]";
    }
}
