package org.basinledger.app.report;

import jakarta.servlet.http.HttpServletRequest;
import org.basinledger.app.web.RequestPaths;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code ledger.public-reports.*}: the bounds of anonymous filing (docs/api.md, "Public reports").
 *
 * @param perClientPerHour how many reports one client (its address) may file an hour, through the API and the portal
 *                         together (10 by default; a token bucket refilled gradually); past that 429 with Retry-After
 * @param maxRequestBytes  the largest body of a filing (32 KiB by default); larger is a 413
 */
@ConfigurationProperties("ledger.public-reports")
public record PublicReportProperties(long perClientPerHour, long maxRequestBytes) {

    /** The portal's form for filing a report. */
    public static final String PORTAL_FORM = "/public-reports/new";

    public PublicReportProperties {
        perClientPerHour = perClientPerHour <= 0 ? 10 : perClientPerHour;
        maxRequestBytes = maxRequestBytes <= 0 ? 32 * 1024 : maxRequestBytes;
    }

    /** Whether the request files a public report, through the API or the portal's form. */
    public static boolean isFiling(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return false;
        }
        String path = RequestPaths.normalised(request);
        return path.equals("/api/v1/public-reports") || path.equals(PORTAL_FORM);
    }
}
