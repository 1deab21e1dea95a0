package org.basinledger.app.portal;

import org.basinledger.api.common.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * The portal's errors are pages, not problem documents: "Page not found" (also for a draft never opened for
 * signature, which the public must not learn exists) and "Sorry, there is a problem with the service", which
 * never shows the cause.
 */
@ControllerAdvice(assignableTypes = {PortalController.class, PublicReportPages.class, EmissionPortalController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PortalExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PortalExceptionHandler.class);

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound() {
        ModelAndView view = new ModelAndView("portal/not-found");
        view.addObject(GovukFrontend.MODEL_ATTRIBUTE, GovukFrontend.GOVUK);
        view.setStatus(HttpStatus.NOT_FOUND);
        return view;
    }

    @ExceptionHandler(Exception.class)
    ModelAndView failed(Exception e) {
        log.error("a portal page failed", e);
        ModelAndView view = new ModelAndView("portal/problem");
        view.addObject(GovukFrontend.MODEL_ATTRIBUTE, GovukFrontend.GOVUK);
        view.setStatus(HttpStatus.INTERNAL_SERVER_ERROR);
        return view;
    }
}
