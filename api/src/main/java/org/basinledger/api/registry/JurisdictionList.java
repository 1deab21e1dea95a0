package org.basinledger.api.registry;

import java.util.List;

/** All jurisdictions, ordered by id. */
public record JurisdictionList(List<JurisdictionView> jurisdictions) {
}
