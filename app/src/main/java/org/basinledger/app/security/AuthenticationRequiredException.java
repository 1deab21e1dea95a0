package org.basinledger.app.security;

/** The endpoint needs a bearer token and the request had none: HTTP 401 with {@code WWW-Authenticate: Bearer}. */
public class AuthenticationRequiredException extends RuntimeException {

    public AuthenticationRequiredException() {
        super("this endpoint needs a bearer token", null, false, false);
    }
}
