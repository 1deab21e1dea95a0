package org.basinledger.api.dispute;

/** The contested thing: its type and id (the agreement id itself for {@code AGREEMENT}). */
public record Subject(SubjectType type, String id) {
}
