package org.basinledger.app.web.compliance;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.basinledger.app.web.RequestPaths;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code ledger.monitoring-batch.*}: the bounds of {@code POST …/monitoring-reports/batch}
 * (docs/api.md, "Monitoring reports in bulk").
 *
 * @param maxReports      the most reports in one batch (100 by default); more is a 400
 * @param maxRequestBytes the largest batch body (8 MiB by default; other requests keep
 *                        {@code ledger.max-request-bytes}); larger is a 413
 */
@ConfigurationProperties("ledger.monitoring-batch")
public record MonitoringReportBatchProperties(int maxReports, long maxRequestBytes) {

    private static final Pattern PATH = Pattern.compile("/api/v1/agreements/[^/]+/monitoring-reports/batch");

    public MonitoringReportBatchProperties {
        maxReports = maxReports <= 0 ? 100 : maxReports;
        maxRequestBytes = maxRequestBytes <= 0 ? 8L * 1024 * 1024 : maxRequestBytes;
    }

    /** Whether the request is for the batch endpoint, whose body may be larger than others. */
    public static boolean isBatch(HttpServletRequest request) {
        return PATH.matcher(RequestPaths.normalised(request)).matches();
    }
}
