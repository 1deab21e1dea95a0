package org.basinledger.query.support;

import java.util.List;
import java.util.Set;

/**
 * Every table the {@link Projections#PROCESSING_GROUP} processor writes: the read models a rebuild builds afresh
 * in a schema of their own and swaps in (docs/operations.md, "Rebuilding the read models"). A projection that
 * writes a new table must name it here: a rebuild sees only these tables, so one missing fails the rebuild
 * instead of writing into the live read models. The integrity log's tables are not read models and never rebuilt.
 */
public final class ReadModelTables {

    public static final List<String> NAMES = List.of(
            "agreement_status", "agreement_party", "agreement_terms", "agreement_history", "agreement_amendment",
            "registry_jurisdiction", "registry_jurisdiction_key", "registry_mediator",
            "compliance_report", "compliance_assessment",
            "compensation_transfer", "compensation_transfer_adjustment",
            "dispute", "dispute_statement",
            "emission_scheme", "emission_account", "emission_holding", "emission_vintage", "emission_trade",
            "emission_transaction", "emission_compliance",
            "public_report", "river_chief",
            "incident", "incident_notice", "incident_update");

    /**
     * Of {@link #NAMES}, the tables a rebuild's fresh projection instances ({@link RebuildingProjection}) only insert
     * into: no statement of theirs reads, updates or deletes a row there while rebuilding. A rebuild creates these
     * without any index, their primary keys included, and indexes them once the bulk of the events is in; every other
     * table keeps its primary key throughout (the projections find their rows by it) and gets its other indexes then.
     */
    public static final Set<String> INSERT_ONLY_WHILE_REBUILDING = Set.of("agreement_history");

    private ReadModelTables() {
    }
}
