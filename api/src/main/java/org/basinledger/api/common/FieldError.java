package org.basinledger.api.common;

/** One reason a request was refused: the offending field (a JSON path such as {@code parties[1].role}) and why. */
public record FieldError(String field, String message) {
}
