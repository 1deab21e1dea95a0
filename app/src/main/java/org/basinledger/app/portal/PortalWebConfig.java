package org.basinledger.app.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.webjars.WebJarVersionLocator;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Static parts of the portal: GOV.UK Frontend's compiled CSS asks for its images at {@code /assets/}, served here
 * from the webjar (its JavaScript and CSS come from {@code /webjars/govuk-frontend/...}); the portal's own files are
 * under {@code /portal/}. Pages get a strict Content-Security-Policy (only this origin's scripts, styles, images and
 * connections: no inline script) and are never cached, since they change as the ledger does.
 */
@Configuration(proxyBeanMethods = false)
public class PortalWebConfig implements WebMvcConfigurer {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self';"
            + " form-action 'self'; frame-ancestors 'none'";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        String version = govukFrontendVersion();
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/govuk-frontend/" + version
                        + "/dist/govuk/assets/")
                .setCacheControl(CacheControl.maxAge(java.time.Duration.ofDays(1)).cachePublic());
    }

    /** The version of the govuk-frontend webjar on the classpath. */
    static String govukFrontendVersion() {
        String version = new WebJarVersionLocator().version("govuk-frontend");
        if (version == null) {
            throw new IllegalStateException("the govuk-frontend webjar is not on the classpath");
        }
        return version;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("Referrer-Policy", "same-origin");
                response.setHeader("Cache-Control", "no-cache");
                return true;
            }
        }).addPathPatterns("/", "/agreements/**", "/jurisdictions/**", "/ledger", "/ledger/leaves/**", "/open-data", "/open-data/",
                "/public-reports", "/public-reports/**", "/river-chiefs");
        // every view rendered with the portal's layout (its pages and Boot's error page) needs this path
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                                   ModelAndView view) {
                if (view != null && !view.getModel().containsKey(GovukFrontend.MODEL_ATTRIBUTE)) {
                    view.addObject(GovukFrontend.MODEL_ATTRIBUTE, GovukFrontend.GOVUK);
                }
            }
        });
    }
}
