package org.basinledger.app.report;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A client filed too many public reports for now: 429 with {@code Retry-After}, as a problem (RFC 9457). */
public class TooManyPublicReportsException extends ErrorResponseException {

    private final long retryAfterSeconds;

    public TooManyPublicReportsException(long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, problem(retryAfterSeconds), null);
        this.retryAfterSeconds = retryAfterSeconds;
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    }

    private static ProblemDetail problem(long seconds) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "this client has filed as many public reports as it may for now; retry after " + seconds + " s");
        problem.setType(URI.create("urn:basin-ledger:problem:too-many-public-reports"));
        problem.setTitle("Too many requests");
        return problem;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
