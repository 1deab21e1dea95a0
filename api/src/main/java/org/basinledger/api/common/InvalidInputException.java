package org.basinledger.api.common;

import java.util.List;

/** The request is well-formed but its content breaks a rule (dates in the wrong order, a party twice...): HTTP 400. */
public class InvalidInputException extends LedgerException {

    private final List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid input" : errors.get(0).field() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public String problemType() {
        return "invalid-input";
    }
}
