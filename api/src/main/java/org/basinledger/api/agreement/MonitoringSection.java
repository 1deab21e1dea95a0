package org.basinledger.api.agreement;

/** A monitoring section at a border between two parties; {@code kind} is RIVER when left out. */
public record MonitoringSection(String id, String name, String waterBody, SectionKind kind, String upstream,
                                String downstream) {

    public MonitoringSection {
        kind = kind == null ? SectionKind.RIVER : kind;
    }
}
