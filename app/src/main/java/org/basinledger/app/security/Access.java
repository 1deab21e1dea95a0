package org.basinledger.app.security;

import org.basinledger.api.common.Caller;
import org.basinledger.api.common.NotPermittedException;

/** Role checks shared by the controllers: 401 for the public where a token is needed, 403 for the wrong role. */
public final class Access {

    private Access() {
    }

    public static void requireRegistrar(Caller caller) {
        requireAuthenticated(caller);
        if (caller.role() != Caller.Role.REGISTRAR) {
            throw new NotPermittedException("only the registrar may do this");
        }
    }

    /** Answers the calling jurisdiction's id. */
    public static String requireJurisdiction(Caller caller) {
        requireAuthenticated(caller);
        if (caller.role() != Caller.Role.JURISDICTION) {
            throw new NotPermittedException("only a jurisdiction may do this");
        }
        return caller.id();
    }

    public static void requireAuthenticated(Caller caller) {
        if (caller.role() == Caller.Role.PUBLIC) {
            throw new AuthenticationRequiredException();
        }
    }
}
