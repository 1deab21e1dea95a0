package org.basinledger.app.security;

import java.util.List;

import org.basinledger.api.common.Caller;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A caller whose bearer token the ledger knows, as Spring Security holds it: its role is its one authority
 * ({@code ROLE_REGISTRAR}, {@code ROLE_JURISDICTION}, {@code ROLE_MEDIATOR}). The token itself is not kept.
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final transient Caller caller;

    CallerAuthentication(Caller caller) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name())));
        this.caller = caller;
        setAuthenticated(true);
    }

    /** The caller of the request being handled: the public when no token was presented. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof CallerAuthentication known ? known.caller : Caller.PUBLIC;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.actor();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CallerAuthentication that && caller.equals(that.caller);
    }

    @Override
    public int hashCode() {
        return caller.hashCode();
    }
}
