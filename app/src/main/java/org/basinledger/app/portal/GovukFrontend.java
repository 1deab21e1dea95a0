package org.basinledger.app.portal;

/**
 * Where GOV.UK Frontend's files are: the webjar's own version, found once. Every rendered view gets the path as
 * {@value #MODEL_ATTRIBUTE} ({@link PortalWebConfig}), which the layout links its CSS and JavaScript with.
 */
final class GovukFrontend {

    /** The URL path of GOV.UK Frontend's {@code dist/govuk} folder. */
    static final String GOVUK = "/webjars/govuk-frontend/" + PortalWebConfig.govukFrontendVersion() + "/dist/govuk";

    /** The model attribute the layout reads. */
    static final String MODEL_ATTRIBUTE = "govuk";

    private GovukFrontend() {
    }
}
