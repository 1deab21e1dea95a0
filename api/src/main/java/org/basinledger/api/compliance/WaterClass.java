package org.basinledger.api.compliance;

/** Surface water quality classes of GB 3838-2002, best first; {@code WORSE_THAN_V} below class V. */
public enum WaterClass {
    I, II, III, IV, V, WORSE_THAN_V
}
