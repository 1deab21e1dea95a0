package org.basinledger.command.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import org.basinledger.command.support.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * {@link Ed25519Keys} is RFC 8032-strict where the JDK is lenient: every honest signature verifies (also those made
 * with plain curve arithmetic), nothing verifies that the JDK would refuse, and keys or {@code R}s of small order or
 * with a small-order component are refused, including the forgeries the JDK accepts with them (R the neutral
 * element, S = 0). The corner cases are built here with plain Edwards-curve arithmetic.
 */
class Ed25519KeysEquivalenceTest {

    private static final byte[] MESSAGE = "{\"agreementId\":\"A-1\",\"title\":\"Xin'an\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DER_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final Random random = new Random(20261129);

    @Test
    void honestSignaturesVerifyAndTamperedOnesDoNotAsForTheJdk() throws Exception {
        for (int i = 0; i < 24; i++) {
            TestKeys keys = TestKeys.generate();
            byte[] message = Arrays.copyOf(MESSAGE, MESSAGE.length + i);
            byte[] signature = Base64.getDecoder().decode(keys.sign(message));

            assertThat(Ed25519Keys.verify(keys.publicKeyBase64(), message, b64(signature))).isTrue();

            byte[] flipped = signature.clone();
            flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
            assertRefusedAsByTheJdk(keys.publicKeyBase64(), message, flipped);
            byte[] otherMessage = message.clone();
            otherMessage[random.nextInt(otherMessage.length)] ^= 1;
            assertRefusedAsByTheJdk(keys.publicKeyBase64(), otherMessage, signature);
            byte[] sPlusL = signature.clone();
            System.arraycopy(le(Curve.scalarOf(signature).add(Curve.L)), 0, sPlusL, 32, 32);
            assertRefusedAsByTheJdk(keys.publicKeyBase64(), message, sPlusL);
        }
    }

    @Test
    void shortLongAndEmptySignaturesDoNotVerify() throws Exception {
        TestKeys keys = TestKeys.generate();
        byte[] signature = Base64.getDecoder().decode(keys.sign(MESSAGE));
        // JDK 17 on its own takes a valid signature with one zero byte appended; the ledger refuses that spelling
        assertThat(Ed25519Keys.verifiesWithJdk(keys.pair().getPublic(), MESSAGE, Arrays.copyOf(signature, 65))).isTrue();
        for (int length : new int[] {0, 1, 32, 63, 65, 128}) {
            assertThat(Ed25519Keys.verify(keys.publicKeyBase64(), MESSAGE, b64(Arrays.copyOf(signature, length))))
                    .as("length %d", length).isFalse();
        }
    }

    @Test
    void signaturesMadeWithPlainCurveArithmeticVerify() throws Exception {
        BigInteger a = Curve.randomScalar(random);
        Curve.Point publicPoint = Curve.B.times(a);
        String key = derOf(publicPoint);

        byte[] honest = Curve.sign(a, publicPoint, Curve.Point.NEUTRAL, MESSAGE, random);

        assertThat(jdk(key, MESSAGE, honest)).isTrue();
        assertThat(Ed25519Keys.verify(key, MESSAGE, b64(honest))).isTrue();
    }

    @Test
    void anRWithASmallOrderComponentIsRefused() throws Exception {
        BigInteger a = Curve.randomScalar(random);
        Curve.Point publicPoint = Curve.B.times(a);
        String key = derOf(publicPoint);
        // BouncyCastle's equation alone accepts about half of these (it checks it times a 128-bit factor)
        for (Curve.Point torsion : new Curve.Point[] {Curve.ORDER_2, Curve.ORDER_4}) {
            for (int i = 0; i < 10; i++) {
                byte[] signature = Curve.sign(a, publicPoint, torsion, MESSAGE, random);
                assertThat(jdk(key, MESSAGE, signature)).isFalse();
                assertThat(Ed25519Keys.verify(key, MESSAGE, b64(signature))).isFalse();
            }
        }
    }

    @Test
    void keysOfSmallOrderOrWithASmallOrderComponentAreRefusedAndNothingVerifiesUnderThem() throws Exception {
        BigInteger a = Curve.randomScalar(random);
        // A' = aB + T: the JDK accepts a signature exactly when k·T is neutral; the ledger never
        Curve.Point mixed = Curve.B.times(a).plus(Curve.ORDER_2);
        String mixedKey = derOf(mixed);
        assertThatThrownBy(() -> Ed25519Keys.parse(mixedKey)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("small order");
        int acceptedByJdk = 0;
        for (int i = 0; i < 10; i++) {
            byte[] signature = Curve.sign(a, mixed, Curve.Point.NEUTRAL, MESSAGE, random);
            acceptedByJdk += jdk(mixedKey, MESSAGE, signature) ? 1 : 0;
            assertThat(Ed25519Keys.verify(mixedKey, MESSAGE, b64(signature))).isFalse();
        }
        assertThat(acceptedByJdk).as("the JDK accepts some of these").isPositive();
    }

    @Test
    void theForgeriesAnyoneCanMakeUnderADegenerateKeyAreRefused() throws Exception {
        byte[] identityAndZero = concat(Curve.Point.NEUTRAL.encode(), new byte[32]);
        BigInteger s = Curve.randomScalar(random);
        byte[] rIsSB = concat(Curve.B.times(s).encode(), le(s));
        String allZero = b64(concat(DER_PREFIX, new byte[32]));
        for (String key : new String[] {derOf(Curve.Point.NEUTRAL), derOf(Curve.ORDER_2), derOf(Curve.ORDER_4), allZero,
                derOf(Curve.ORDER_4.plus(Curve.ORDER_2))}) {
            assertThatThrownBy(() -> Ed25519Keys.normalise(key)).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThat(Ed25519Keys.verify(key, MESSAGE, b64(identityAndZero))).as(key).isFalse();
            assertThat(Ed25519Keys.verify(key, MESSAGE, b64(rIsSB))).as(key).isFalse();
        }
        // what the strictness buys: the JDK takes both forgeries under the neutral key
        assertThat(jdk(derOf(Curve.Point.NEUTRAL), MESSAGE, identityAndZero)).isTrue();
        assertThat(jdk(derOf(Curve.Point.NEUTRAL), MESSAGE, rIsSB)).isTrue();
    }

    @Test
    void aKeyWhoseYIsNotReducedModuloPIsRefused() {
        // y = p + 1 encodes the neutral element's y = 1 non-canonically
        byte[] nonCanonical = le(Curve.P.add(BigInteger.ONE));
        String key = b64(concat(DER_PREFIX, nonCanonical));
        assertThatThrownBy(() -> Ed25519Keys.normalise(key)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRefusedAsByTheJdk(String key, byte[] message, byte[] signature)
            throws GeneralSecurityException {
        assertThat(jdk(key, message, signature)).isFalse();
        assertThat(Ed25519Keys.verify(key, message, b64(signature))).isFalse();
    }

    private static boolean jdk(String key, byte[] message, byte[] signature) throws GeneralSecurityException {
        PublicKey publicKey = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(key)));
        try {
            return Ed25519Keys.verifiesWithJdk(publicKey, message, signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String derOf(Curve.Point point) {
        return b64(concat(DER_PREFIX, point.encode()));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    /** 32 bytes little-endian. */
    private static byte[] le(BigInteger n) {
        byte[] big = n.toByteArray();
        byte[] result = new byte[32];
        for (int i = 0; i < big.length && i < 32; i++) {
            result[i] = big[big.length - 1 - i];
        }
        return result;
    }

    /** Edwards25519 in affine coordinates with BigInteger: slow and simple, for building test vectors only. */
    static final class Curve {

        static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
        static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
        static final BigInteger D = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
        static final BigInteger SQRT_M1 = BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);
        static final Point B = Point.fromY(BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P)).mod(P), 0);
        static final Point ORDER_2 = new Point(BigInteger.ZERO, P.subtract(BigInteger.ONE));
        static final Point ORDER_4 = new Point(SQRT_M1, BigInteger.ZERO);

        record Point(BigInteger x, BigInteger y) {

            static final Point NEUTRAL = new Point(BigInteger.ZERO, BigInteger.ONE);

            static Point fromY(BigInteger y, int sign) {
                BigInteger u = y.multiply(y).subtract(BigInteger.ONE).mod(P);
                BigInteger v = D.multiply(y).multiply(y).add(BigInteger.ONE).mod(P);
                BigInteger x2 = u.multiply(v.modInverse(P)).mod(P);
                BigInteger x = x2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
                if (!x.multiply(x).mod(P).equals(x2)) {
                    x = x.multiply(SQRT_M1).mod(P);
                }
                if (x.testBit(0) != (sign == 1)) {
                    x = P.subtract(x).mod(P);
                }
                return new Point(x, y);
            }

            Point plus(Point q) {
                BigInteger xy = D.multiply(x).multiply(q.x).multiply(y).multiply(q.y).mod(P);
                BigInteger x3 = x.multiply(q.y).add(q.x.multiply(y))
                        .multiply(BigInteger.ONE.add(xy).modInverse(P)).mod(P);
                BigInteger y3 = y.multiply(q.y).add(x.multiply(q.x))
                        .multiply(BigInteger.ONE.subtract(xy).mod(P).modInverse(P)).mod(P);
                return new Point(x3, y3);
            }

            Point times(BigInteger n) {
                Point result = NEUTRAL;
                Point addend = this;
                for (int i = 0; i < n.bitLength(); i++) {
                    if (n.testBit(i)) {
                        result = result.plus(addend);
                    }
                    addend = addend.plus(addend);
                }
                return result;
            }

            byte[] encode() {
                byte[] encoded = le(y);
                if (x.testBit(0)) {
                    encoded[31] |= (byte) 0x80;
                }
                return encoded;
            }
        }

        static BigInteger randomScalar(Random random) {
            return new BigInteger(300, random).mod(L);
        }

        static BigInteger scalarOf(byte[] signature) {
            byte[] big = new byte[33];
            for (int i = 0; i < 32; i++) {
                big[32 - i] = signature[32 + i];
            }
            return new BigInteger(big);
        }

        /** RFC 8032 signing with secret scalar a, but R = rB + torsion. */
        static byte[] sign(BigInteger a, Point publicPoint, Point torsion, byte[] message, Random random)
                throws GeneralSecurityException {
            BigInteger r = randomScalar(random);
            byte[] encodedR = B.times(r).plus(torsion).encode();
            MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
            sha512.update(encodedR);
            sha512.update(publicPoint.encode());
            sha512.update(message);
            byte[] h = sha512.digest();
            byte[] big = new byte[h.length + 1];
            for (int i = 0; i < h.length; i++) {
                big[h.length - i] = h[i];
            }
            BigInteger k = new BigInteger(big).mod(L);
            BigInteger s = r.add(k.multiply(a)).mod(L);
            return concat(encodedR, le(s));
        }
    }
}
