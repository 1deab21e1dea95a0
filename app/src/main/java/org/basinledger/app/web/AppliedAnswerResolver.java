package org.basinledger.app.web;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Whatever fails in a request after one of its commands was applied (the read models lag, building the answer
 * throws) is answered with the {@link AppliedAnswer}, never as the failure: the failure's usual answer (a 500
 * "nothing was changed", a 404 for the resource just created) would be false. Runs before the
 * {@link ProblemHandler}; a request that applied nothing is left to it.
 */
@Component
public class AppliedAnswerResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(AppliedAnswerResolver.class);

    private final ObjectMapper json;

    public AppliedAnswerResolver(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception e) {
        if (!Commands.applied(request) || response.isCommitted()) {
            return null;
        }
        if (e instanceof Commands.ReadModelsBehindException) {
            log.warn("applied, answering 202: {}", e.getMessage());
        } else {
            log.error("applied, but the answer failed: answering 202", e);
        }
        try {
            response.resetBuffer();
            AppliedAnswer.write(response, json, Commands.appliedLocation(request));
        } catch (IOException | RuntimeException writing) {
            log.error("could not write the applied answer", writing);
            return null;
        }
        return new ModelAndView();
    }

    @Override
    public int getOrder() {
        // after Boot's DefaultErrorAttributes (which only records the error), before the @ExceptionHandler advice
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
