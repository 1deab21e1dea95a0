package org.basinledger.query.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * JSON text columns of the read models, written and read with the application's ObjectMapper. A value that
 * cannot be written or read is a bug or a damaged row: it fails loudly, never silently as null.
 */
public final class JsonColumns {

    private JsonColumns() {
    }

    public static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static <T> T read(ObjectReader reader, String json, String what) {
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored " + what + " column", e);
        }
    }
}
