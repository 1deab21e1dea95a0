package org.basinledger.api.common;

/**
 * Who is asking: the public (no token), a jurisdiction, a mediator or the registrar. Queries carry it so
 * the read side can leave out what the caller may not see (drafts of agreements it is not party to).
 */
public record Caller(Role role, String id) {

    public static final Caller PUBLIC = new Caller(Role.PUBLIC, null);
    public static final Caller REGISTRAR = new Caller(Role.REGISTRAR, "registrar");

    public enum Role {
        PUBLIC, JURISDICTION, MEDIATOR, REGISTRAR
    }

    public static Caller jurisdiction(String id) {
        return new Caller(Role.JURISDICTION, id);
    }

    public static Caller mediator(String id) {
        return new Caller(Role.MEDIATOR, id);
    }

    /** The value of the {@code actor} metadata entry for this caller, e.g. {@code jurisdiction:CN-ZJ-HZ}. */
    public String actor() {
        return switch (role) {
            case PUBLIC -> "public";
            case REGISTRAR -> "registrar";
            case JURISDICTION -> "jurisdiction:" + id;
            case MEDIATOR -> "mediator:" + id;
        };
    }

    public boolean isJurisdiction(String jurisdictionId) {
        return role == Role.JURISDICTION && id.equals(jurisdictionId);
    }
}
