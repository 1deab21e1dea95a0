package org.basinledger.app.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The answer to a request whose change was committed but whose usual answer cannot be given: the read models have
 * not caught up within the read-after-write timeout, building the answer failed, or the answer was lost (a crash
 * between the commit and the answer). {@code 202 Accepted} with the changed resource's {@code Location} and
 * {@code Retry-After: 1}: the change is recorded, read it there. Never a 5xx that would make a client believe
 * nothing was changed (docs/api-extensions.md).
 */
public final class AppliedAnswer {

    public static final String TYPE = "urn:basin-ledger:applied";
    public static final String DETAIL = "the request was applied and is recorded; its full answer is not available "
            + "now (the read models are catching up, or the answer was lost): read the resource at its Location";

    private AppliedAnswer() {
    }

    /** The JSON body: {@code type}, {@code title}, {@code status} 202, {@code detail}, {@code location}. */
    public static Map<String, Object> body(String location) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE);
        body.put("title", "Applied");
        body.put("status", HttpStatus.ACCEPTED.value());
        body.put("detail", DETAIL);
        body.put("location", location);
        return body;
    }

    /** Writes the answer on a response that has nothing written yet. */
    public static void write(HttpServletResponse response, ObjectMapper json, String location) throws IOException {
        response.setStatus(HttpStatus.ACCEPTED.value());
        if (location != null) {
            response.setHeader(HttpHeaders.LOCATION, location);
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body(location));
    }
}
