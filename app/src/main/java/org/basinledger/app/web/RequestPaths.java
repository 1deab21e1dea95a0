package org.basinledger.app.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which part of the ledger a request is for, decided on one form of its path for every filter: the path as the
 * servlet container decoded and normalised it, which is the path Spring MVC matches ({@code /%61pi/../api/v1/x}
 * is {@code /api/v1/x}), never the raw request URI.
 */
public final class RequestPaths {

    private RequestPaths() {
    }

    /** The decoded, normalised path, without path parameters. */
    public static String normalised(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    }

    /** Whether the request is for the HTTP API under {@code /api/}. */
    public static boolean isApi(HttpServletRequest request) {
        return normalised(request).startsWith("/api/");
    }
}
