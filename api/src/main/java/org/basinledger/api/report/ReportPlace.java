package org.basinledger.api.report;

import java.math.BigDecimal;

/** Where something was seen: a description, and optionally WGS 84 coordinates (both or neither). */
public record ReportPlace(String description, BigDecimal latitude, BigDecimal longitude) {
}
