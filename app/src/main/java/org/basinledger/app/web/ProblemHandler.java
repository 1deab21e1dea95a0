package org.basinledger.app.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.basinledger.api.common.FieldError;
import org.basinledger.api.common.InvalidInputException;
import org.basinledger.api.common.LedgerException;
import org.basinledger.api.common.SignatureRejectedException;
import org.basinledger.api.common.StaleVersionException;
import org.basinledger.app.idempotency.IdempotencyKeyInUseException;
import org.basinledger.app.integrity.IntegrityHoldException;
import org.basinledger.app.security.AuthenticationRequiredException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem answer with a stable {@code type}: domain refusals by their
 * kind, framework errors by their HTTP status, and anything unexpected into a 500 that names only the
 * request id (the cause goes to the log, never to the client).
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInputException e) {
        return answer(Problems.invalid(e.getMessage(), e.errors()));
    }

    @ExceptionHandler(SignatureRejectedException.class)
    ResponseEntity<ProblemDetail> signature(SignatureRejectedException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, e.problemType(), "Signature rejected", e.getMessage());
        problem.setProperty("errors", List.of(new FieldError("signature", e.getMessage())));
        return answer(problem);
    }

    @ExceptionHandler(StaleVersionException.class)
    ResponseEntity<ProblemDetail> stale(StaleVersionException e) {
        ProblemDetail problem = Problems.of(HttpStatus.PRECONDITION_FAILED, e.problemType(), "Stale version", e.getMessage());
        problem.setProperty("currentVersion", e.actual());
        return answer(problem);
    }

    @ExceptionHandler(LedgerException.class)
    ResponseEntity<ProblemDetail> ledger(LedgerException e) {
        HttpStatus status = switch (e.problemType()) {
            case "not-permitted" -> HttpStatus.FORBIDDEN;
            case "not-found" -> HttpStatus.NOT_FOUND;
            case "invalid-state", "already-exists" -> HttpStatus.CONFLICT;
            case "precondition-required" -> HttpStatus.PRECONDITION_REQUIRED;
            default -> HttpStatus.BAD_REQUEST;
        };
        ProblemDetail problem = Problems.of(status, e.problemType(), title(status), e.getMessage());
        e.problemProperties().forEach(problem::setProperty);
        return answer(problem);
    }

    @ExceptionHandler(IdempotencyKeyInUseException.class)
    ResponseEntity<ProblemDetail> keyInUse(IdempotencyKeyInUseException e, HttpServletRequest request) {
        IdempotencyFilter.doNotRecord(request);
        log.info("refused with 409 idempotency-in-progress: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.CONFLICT).header(HttpHeaders.RETRY_AFTER, "1")
                .body(Problems.of(HttpStatus.CONFLICT, "idempotency-in-progress", "In progress", e.getMessage()
                        + "; send it again after Retry-After seconds"));
    }

    @ExceptionHandler(IntegrityHoldException.class)
    ResponseEntity<ProblemDetail> integrityHold(IntegrityHoldException e, HttpServletRequest request) {
        // nothing applied, and a retry after the release must be applied: never the answer an Idempotency-Key keeps
        IdempotencyFilter.doNotRecord(request);
        return answer(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, e.problemType(), "Ledger integrity failed",
                e.getMessage()));
    }

    @ExceptionHandler(StreamLimits.TooManyStreamsException.class)
    ResponseEntity<ProblemDetail> tooManyStreams(StreamLimits.TooManyStreamsException e) {
        ProblemDetail problem = Problems.of(e.status(), e.problemType(), e.status().getReasonPhrase(), e.getMessage());
        log.info("refused with {} {}: {}", problem.getStatus(), problem.getType(), problem.getDetail());
        return ResponseEntity.status(e.status()).header(HttpHeaders.RETRY_AFTER,
                Integer.toString(StreamLimits.RETRY_AFTER_SECONDS)).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(AuthenticationRequiredException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationRequiredException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"basin-ledger\"")
                .body(Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", e.getMessage()));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> unknownAggregate(AggregateNotFoundException e) {
        return answer(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "nothing is recorded under " + e.getAggregateIdentifier()));
    }

    @ExceptionHandler({AggregateStreamCreationException.class})
    ResponseEntity<ProblemDetail> exists(AggregateStreamCreationException e) {
        return answer(Problems.of(HttpStatus.CONFLICT, "already-exists", "Already exists",
                "the identifier is already taken"));
    }

    @ExceptionHandler({ConcurrencyException.class, ConflictingAggregateVersionException.class})
    ResponseEntity<ProblemDetail> concurrent(RuntimeException e) {
        // a lost race applied nothing and is worth retrying: never the answer an Idempotency-Key keeps
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            IdempotencyFilter.doNotRecord(attributes.getRequest());
        }
        return answer(Problems.of(HttpStatus.CONFLICT, "concurrent-modification", "Concurrent modification",
                "another change to the same record was recorded at the same time; read it again and retry"));
    }

    @ExceptionHandler(EventStoreException.class)
    ResponseEntity<ProblemDetail> store(EventStoreException e, WebRequest request) throws Exception {
        if (e.getCause() != null && e.getCause().getClass().getSimpleName().contains("ConstraintViolation")) {
            return exists(new AggregateStreamCreationException("duplicate"));
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e, WebRequest request) throws Exception {
        return unexpected(e, request);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        if (HttpHeaders.IF_MATCH.equalsIgnoreCase(e.getHeaderName())) {
            return answer(Problems.of(HttpStatus.PRECONDITION_REQUIRED, "precondition-required",
                    "Precondition required", "send If-Match with the version you read"));
        }
        return answer(Problems.invalid("missing header " + e.getHeaderName(),
                List.of(new FieldError(e.getHeaderName(), "is required"))));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        String type = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        return answer(Problems.invalid("parameter " + e.getName() + " is not a valid " + type,
                List.of(new FieldError(e.getName(), "is not a valid " + type))));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, WebRequest request) throws Exception {
        // a refusal raised by a handler the command reached through an event (a saga, a subscribing handler)
        // arrives wrapped: answer it as the refusal it is
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof Exception inner) {
                ResponseEntity<?> handled = dispatch(inner, request);
                if (handled != null) {
                    @SuppressWarnings("unchecked")
                    ResponseEntity<ProblemDetail> typed = (ResponseEntity<ProblemDetail>) handled;
                    return typed;
                }
            }
        }
        log.error("unexpected failure", e);
        return answer(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "the ledger could not complete the request; nothing was changed by it. Quote the X-Request-Id to the operator."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (rootCause(e) instanceof org.basinledger.app.web.BodySizeLimitFilter.BodyTooLargeException tooLarge) {
            return new ResponseEntity<>(Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large",
                    "Request body too large", tooLarge.getMessage()), HttpStatus.PAYLOAD_TOO_LARGE);
        }
        Throwable cause = e.getCause();
        List<FieldError> errors = new ArrayList<>();
        String detail;
        if (cause instanceof JsonMappingException mapping && (!mapping.getPath().isEmpty()
                || mapping instanceof ValueInstantiationException)) {
            String field = path(mapping);
            String message;
            if (mapping instanceof InvalidFormatException format && format.getTargetType() != null
                    && format.getTargetType().isEnum()) {
                message = "must be one of " + java.util.Arrays.stream(format.getTargetType().getEnumConstants())
                        .map(Object::toString).collect(Collectors.joining(", "));
            } else if (mapping instanceof InvalidFormatException format && format.getTargetType() != null) {
                message = "is not a valid " + describe(format.getTargetType());
            } else if (mapping instanceof UnrecognizedPropertyException) {
                message = "is not a known field";
            } else if (mapping instanceof ValueInstantiationException instantiation
                    && instantiation.getCause() != null && instantiation.getCause().getMessage() != null) {
                message = instantiation.getCause().getMessage();
            } else {
                message = "has the wrong type or form";
            }
            errors.add(new FieldError(field, message));
            detail = field + " " + message;
        } else if (cause instanceof JsonProcessingException parse) {
            String where = parse.getLocation() == null ? ""
                    : " at line " + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr();
            detail = "the body is not valid JSON" + where;
            errors.add(new FieldError("body", "is not valid JSON" + where));
        } else {
            detail = "the request body is missing or unreadable";
            errors.add(new FieldError("body", "is required"));
        }
        return new ResponseEntity<>(Problems.invalid(detail, errors), HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldError(f.getField(), f.getDefaultMessage()))
                .toList();
        return new ResponseEntity<>(Problems.invalid(errors.isEmpty() ? "invalid input"
                : errors.get(0).field() + " " + errors.get(0).message(), errors), HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new FieldError(
                        r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return new ResponseEntity<>(Problems.invalid("invalid parameters", errors), HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> answer = super.handleExceptionInternal(e, body, headers, status, request);
        if (answer != null && answer.getBody() instanceof ProblemDetail problem && (problem.getType() == null
                || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(URI.create("urn:basin-ledger:problem:http-" + status.value()));
        }
        return answer;
    }

    /**
     * The problem a command's refusal is answered with (the same as when the command is sent alone), also when it
     * arrives wrapped; empty when the exception is no refusal but an unexpected failure.
     */
    public Optional<ProblemDetail> refusal(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Exception exception && !(t instanceof IdempotencyKeyInUseException)) {
                try {
                    ResponseEntity<?> handled = dispatch(exception, null);
                    if (handled != null && handled.getBody() instanceof ProblemDetail problem) {
                        return Optional.of(problem);
                    }
                } catch (Exception unexpected) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private ResponseEntity<?> dispatch(Exception e, WebRequest request) throws Exception {
        if (e instanceof InvalidInputException x) return invalid(x);
        if (e instanceof SignatureRejectedException x) return signature(x);
        if (e instanceof StaleVersionException x) return stale(x);
        if (e instanceof LedgerException x) return ledger(x);
        if (e instanceof AggregateNotFoundException x) return unknownAggregate(x);
        if (e instanceof AggregateStreamCreationException x) return exists(x);
        if (e instanceof ConcurrencyException x) return concurrent(x);
        if (e instanceof IdempotencyKeyInUseException x && request instanceof org.springframework.web.context.request.NativeWebRequest n
                && n.getNativeRequest() instanceof HttpServletRequest r) {
            return keyInUse(x, r);
        }
        return null;
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        log.info("refused with {} {}: {}", problem.getStatus(), problem.getType(), loggable(problem.getDetail()));
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /**
     * A detail as one log line: details quote ids and paths that callers chose, and a line break in them would
     * let a caller forge log lines.
     */
    static String loggable(String detail) {
        if (detail == null) {
            return null;
        }
        StringBuilder line = new StringBuilder(detail.length());
        detail.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                        line.append(String.format("\\u%04x", c));
                    } else {
                        line.appendCodePoint(c);
                    }
                }
            }
        });
        return line.toString();
    }

    private static String title(HttpStatus status) {
        return switch (status) {
            case FORBIDDEN -> "Not permitted";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Conflict";
            default -> status.getReasonPhrase();
        };
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String describe(Class<?> type) {
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "date (YYYY-MM-DD)";
            case "Instant" -> "instant (ISO-8601, UTC)";
            case "BigDecimal" -> "decimal number";
            default -> type.getSimpleName();
        };
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
