package org.basinledger.api.ledger;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The canonical encoding of a {@link StoredEvent} as the data of its leaf in the integrity log (the leaf hash is
 * {@code Rfc6962.leafHash(encode(event))}). Version 1, byte for byte:
 *
 * <pre>
 * leaf    = field("basin-ledger:event:v1")
 *           field(eventIdentifier) field(aggregateType) field(aggregateIdentifier) int64(sequenceNumber)
 *           field(payloadType) field(payloadRevision) field(timestamp) field(payload) field(metaData)
 * field   = uint32 length (big-endian) followed by that many bytes; text is UTF-8;
 *           an absent value (null) is the length 0xFFFFFFFF with no bytes, so null and empty differ
 * int64   = field of length 8 holding the value big-endian (two's complement)
 * </pre>
 *
 * Every value is length-prefixed, so no two different events encode alike. The global index is not part of
 * the leaf (the log records it beside the leaf): the event's identity and bytes are.
 */
public final class LeafData {

    /** The first field of every version-1 leaf. */
    public static final String FORMAT = "basin-ledger:event:v1";

    private static final int ABSENT = -1;

    private LeafData() {
    }

    public static byte[] encode(StoredEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + length(event.payload()) + length(event.metaData()));
        text(out, FORMAT);
        text(out, event.eventIdentifier());
        text(out, event.aggregateType());
        text(out, event.aggregateIdentifier());
        bytes(out, ByteBuffer.allocate(Long.BYTES).putLong(event.sequenceNumber()).array());
        text(out, event.payloadType());
        text(out, event.payloadRevision());
        text(out, event.timestamp());
        bytes(out, event.payload());
        bytes(out, event.metaData());
        return out.toByteArray();
    }

    /** The leaf hash of an event: {@code H(0x00 || encode(event))}. */
    public static byte[] leafHash(StoredEvent event) {
        return Rfc6962.leafHash(encode(event));
    }

    /**
     * Reads back what {@link #encode} wrote.
     *
     * @throws IllegalArgumentException when {@code data} is not a version-1 leaf
     */
    public static StoredEvent decode(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            if (!FORMAT.equals(readText(in))) {
                throw new IllegalArgumentException("not a " + FORMAT + " leaf");
            }
            String eventIdentifier = readText(in);
            String aggregateType = readText(in);
            String aggregateIdentifier = readText(in);
            byte[] sequence = readBytes(in);
            if (sequence == null || sequence.length != Long.BYTES) {
                throw new IllegalArgumentException("the sequence number is not 8 bytes");
            }
            StoredEvent event = new StoredEvent(eventIdentifier, aggregateType, aggregateIdentifier,
                    ByteBuffer.wrap(sequence).getLong(), readText(in), readText(in), readText(in), readBytes(in),
                    readBytes(in));
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the last field");
            }
            return event;
        } catch (java.nio.BufferUnderflowException | NullPointerException e) {
            throw new IllegalArgumentException("truncated or malformed leaf data", e);
        }
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static void text(ByteArrayOutputStream out, String value) {
        bytes(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(value == null ? ABSENT : value.length).array());
        if (value != null) {
            out.writeBytes(value);
        }
    }

    private static String readText(ByteBuffer in) {
        byte[] bytes = readBytes(in);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(ByteBuffer in) {
        int length = in.getInt();
        if (length == ABSENT) {
            return null;
        }
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("a field claims " + Integer.toUnsignedString(length) + " bytes, "
                    + in.remaining() + " remain");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
