package org.basinledger.app.web;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.basinledger.app.config.LedgerProperties;
import org.basinledger.app.report.PublicReportProperties;
import org.basinledger.app.web.compliance.MonitoringReportBatchProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code ledger.max-request-bytes} with 413: at once when the declared length
 * is too large, and while reading when a body without a length (chunked) grows past the limit. A batch of
 * monitoring reports has its own limit, {@code ledger.monitoring-batch.max-request-bytes}; the filing of a public report
 * (anyone may send one) a smaller one, {@code ledger.public-reports.max-request-bytes}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long defaultLimit;
    private final long batchLimit;
    private final long publicReportLimit;
    private final ObjectMapper json;

    public BodySizeLimitFilter(LedgerProperties properties, MonitoringReportBatchProperties batch,
                               PublicReportProperties publicReports, ObjectMapper json) {
        this.defaultLimit = properties.maxRequestBytes();
        this.batchLimit = batch.maxRequestBytes();
        this.publicReportLimit = Math.min(defaultLimit, publicReports.maxRequestBytes());
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = MonitoringReportBatchProperties.isBatch(request) ? batchLimit
                : PublicReportProperties.isFiling(request) ? publicReportLimit : defaultLimit;
        if (request.getContentLengthLong() > limit) {
            Problems.write(response, json, tooLarge(limit));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private static org.springframework.http.ProblemDetail tooLarge(long limit) {
        return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Request body too large",
                "the request body is larger than " + limit + " bytes");
    }

    /** Thrown while reading a body that grows past the limit; answered with 413. */
    public static class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("the request body is larger than " + limit + " bytes");
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream inner = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = inner.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = inner.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws BodyTooLargeException {
                        read += n;
                        if (read > limit) {
                            throw new BodyTooLargeException(limit);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return inner.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return inner.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        inner.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
