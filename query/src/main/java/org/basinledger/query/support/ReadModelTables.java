package org.basinledger.query.support;

import java.util.List;

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

    private ReadModelTables() {
    }
}
