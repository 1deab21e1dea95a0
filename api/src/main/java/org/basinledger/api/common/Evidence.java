package org.basinledger.api.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A piece of evidence referenced from the ledger: the SHA-256 (lowercase hex) of a document kept
 * elsewhere, where it can be fetched, and what it is. The ledger stores the hash, never the document.
 * Its {@code uri} is an absolute {@code https} or {@code http} address: anything else ({@code javascript:},
 * {@code data:}, a relative path) would be a link the portal must not offer its readers.
 */
public record Evidence(String sha256, String uri, String description) {

    /** Whether {@code uri} is an absolute http(s) address with a host, of at most 2,048 characters. */
    public static boolean isFetchableUri(String uri) {
        if (uri == null || uri.isBlank() || uri.length() > 2_048) {
            return false;
        }
        try {
            URI parsed = new URI(uri);
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && parsed.getHost() != null;
        } catch (URISyntaxException malformed) {
            return false;
        }
    }
}
