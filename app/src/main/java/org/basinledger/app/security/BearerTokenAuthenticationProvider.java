package org.basinledger.app.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Turns a presented bearer token into the {@link CallerAuthentication} it stands for ({@link AccessTokens}); an
 * unknown or revoked token is a {@link BadCredentialsException}. Being a bean, it also keeps Spring Boot from
 * making a default user with a generated password.
 */
@Component
public class BearerTokenAuthenticationProvider implements AuthenticationProvider {

    private final AccessTokens tokens;

    public BearerTokenAuthenticationProvider(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = ((PresentedToken) authentication).getCredentials();
        return tokens.authenticate(token).map(CallerAuthentication::new)
                .orElseThrow(() -> new BadCredentialsException("the bearer token is not valid"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return PresentedToken.class.isAssignableFrom(authentication);
    }

    /** A bearer token as the request presented it, not yet checked. */
    static final class PresentedToken extends AbstractAuthenticationToken {

        private final String token;

        PresentedToken(String token) {
            super(List.of());
            this.token = token;
        }

        @Override
        public String getCredentials() {
            return token;
        }

        @Override
        public Object getPrincipal() {
            return null;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof PresentedToken that && token.equals(that.token);
        }

        @Override
        public int hashCode() {
            return token.hashCode();
        }
    }
}
