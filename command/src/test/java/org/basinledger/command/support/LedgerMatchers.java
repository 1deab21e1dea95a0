package org.basinledger.command.support;

import java.util.List;
import org.basinledger.api.common.FieldError;
import org.basinledger.api.common.InvalidInputException;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Hamcrest matchers for the ledger's refusals, for {@code expectException(Matcher)} in aggregate fixtures. */
public final class LedgerMatchers {

    private LedgerMatchers() {
    }

    /** An {@link InvalidInputException} naming exactly these fields, in this order. */
    public static Matcher<Object> invalidFields(String... fields) {
        List<String> expected = List.of(fields);
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof InvalidInputException e
                        && e.errors().stream().map(FieldError::field).toList().equals(expected);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("an InvalidInputException on the fields ").appendValue(expected);
            }

            @Override
            protected void describeMismatchSafely(Object item, Description description) {
                if (item instanceof InvalidInputException e) {
                    description.appendText("its errors were ").appendValue(e.errors());
                } else {
                    description.appendText("was ").appendValue(item);
                }
            }
        };
    }
}
