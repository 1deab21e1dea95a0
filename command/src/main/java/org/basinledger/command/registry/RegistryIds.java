package org.basinledger.command.registry;

import java.util.regex.Pattern;

/** The shape of registry ids chosen by the registrar: e.g. {@code CN-ZJ-HZ}. */
final class RegistryIds {

    private static final Pattern ID = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,39}");
    static final String RULE = "must match [A-Z0-9][A-Z0-9-]{1,39}";

    private RegistryIds() {
    }

    static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
