package org.basinledger.app.security;

import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Authentication and authorization of every request, on Spring Security's filter chain (ordered by
 * {@code spring.security.filter.order} right after the request id, header and body-size filters, so before anything
 * reads a body). Stateless: a bearer token on each request ({@link BearerTokenFilter}), no session, no cookie, no
 * form or basic login, no default user; CSRF protection is off because no credential travels in a cookie (the
 * portal is read-only, its one form a GET search). Paths are matched as Spring MVC matches them (decoded and
 * normalised), and Spring Security's firewall refuses what is not in normal form first (400), so
 * {@code /%61ctuator/prometheus} is the actuator and {@code /api/../actuator/prometheus} is refused. The rules:
 * <ul>
 * <li>operations endpoints ({@code /actuator/**}) but health are the registrar's;</li>
 * <li>a write under {@code /api/} (any method but GET, HEAD, OPTIONS) needs a token: the public is answered 401
 * before its body is read; the only public writes are filing a public report and erasing a report's contact with its
 * tracking code (throttled per client, {@code PublicReportThrottle});</li>
 * <li>everything else is open here; which caller may do what on the API is decided by the controllers
 * ({@link Access}) and the domain.</li>
 * </ul>
 * Answer headers ({@code nosniff}, {@code Cache-Control}, the portal's CSP) stay with the ledger's own filter and
 * the portal's interceptor, so Spring Security's header writers are off: one place decides each header.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    /** The operations endpoints but health (and its groups): the registrar's. */
    static RequestMatcher operations() {
        return EndpointRequest.toAnyEndpoint().excluding(HealthEndpoint.class);
    }

    /**
     * A request that may change something through the API, but the public writes: filing a public report and a
     * reporter erasing its contact (proven by the tracking code), both throttled per client.
     */
    static RequestMatcher apiWrites() {
        RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        RequestMatcher publicWrites = new OrRequestMatcher(
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/public-reports"),
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.DELETE, "/api/v1/public-reports/*/contact"));
        return request -> !READS.contains(request.getMethod()) && api.matches(request)
                && !publicWrites.matches(request);
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, BearerTokenAuthenticationProvider tokens,
                                            FailedLoginThrottle throttle, ObjectMapper json) throws Exception {
        RequestMatcher operations = operations();
        ProblemSecurityAnswers answers = new ProblemSecurityAnswers(operations, json);
        SecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();
        http.csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(contexts))
                .exceptionHandling(refusals -> refusals.authenticationEntryPoint(answers).accessDeniedHandler(answers))
                .addFilterBefore(new BearerTokenFilter(new ProviderManager(tokens), throttle, answers, contexts, json),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers(operations).hasRole("REGISTRAR")
                        .requestMatchers(apiWrites()).authenticated()
                        .anyRequest().permitAll());
        return http.build();
    }

    /**
     * No Micrometer observations of Spring Security's own (one around every filter of the chain, each authentication
     * and each authorization): they cost about a tenth of a request thread's CPU and no document promises their
     * metrics. The HTTP requests are still timed ({@code http_server_requests}, docs/operations.md).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper json) {
        return new ProblemSecurityAnswers(operations(), json);
    }
}
