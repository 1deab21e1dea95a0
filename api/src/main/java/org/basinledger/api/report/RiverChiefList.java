package org.basinledger.api.report;

import java.util.List;

/** River chiefs, by water and then by the start of their term. */
public record RiverChiefList(List<RiverChiefView> items) {
}
