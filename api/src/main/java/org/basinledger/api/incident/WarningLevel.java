package org.basinledger.api.incident;

/**
 * The four colours of an environmental emergency warning (China's national scheme), from the least to the most
 * severe: {@code BLUE}, {@code YELLOW}, {@code ORANGE}, {@code RED}.
 */
public enum WarningLevel {
    BLUE, YELLOW, ORANGE, RED
}
