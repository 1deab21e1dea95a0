package org.basinledger.command.compensation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.agreement.SectionKind;
import org.basinledger.api.compliance.WaterClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WaterClassifierTest {

    private static Fraction d(String value) {
        return Fraction.of(new BigDecimal(value));
    }

    @ParameterizedTest(name = "{0} {1} mg/L in a river is class {2}")
    @CsvSource({
            "CODMN, 2, I", "CODMN, 2.01, II", "CODMN, 4, II", "CODMN, 6, III", "CODMN, 6.01, IV", "CODMN, 10, IV",
            "CODMN, 15, V", "CODMN, 15.01, WORSE_THAN_V",
            "COD, 15, I", "COD, 15.5, III", "COD, 20, III", "COD, 30, IV", "COD, 40, V", "COD, 40.1, WORSE_THAN_V",
            "NH3N, 0.15, I", "NH3N, 0.16, II", "NH3N, 0.5, II", "NH3N, 1.0, III", "NH3N, 1.5, IV", "NH3N, 2.0, V",
            "NH3N, 2.01, WORSE_THAN_V",
            "TP, 0.02, I", "TP, 0.1, II", "TP, 0.2, III", "TP, 0.3, IV", "TP, 0.4, V", "TP, 0.41, WORSE_THAN_V",
            "DO, 9, I", "DO, 7.5, I", "DO, 7.49, II", "DO, 6, II", "DO, 5, III", "DO, 3, IV", "DO, 2, V",
            "DO, 1.99, WORSE_THAN_V", "DO, 0, WORSE_THAN_V"
    })
    void riverIndicatorsAtAndAcrossTheirLimits(Pollutant pollutant, String value, WaterClass expected) {
        assertThat(WaterClassifier.classOf(pollutant, SectionKind.RIVER, d(value))).contains(expected);
    }

    @ParameterizedTest(name = "{0} {1} mg/L in a lake is class {2}")
    @CsvSource({
            "TP, 0.01, I", "TP, 0.02, II", "TP, 0.025, II", "TP, 0.05, III", "TP, 0.1, IV", "TP, 0.2, V",
            "TP, 0.21, WORSE_THAN_V",
            "TN, 0.2, I", "TN, 0.5, II", "TN, 1.0, III", "TN, 1.5, IV", "TN, 2.0, V", "TN, 2.01, WORSE_THAN_V"
    })
    void lakeIndicatorsAtAndAcrossTheirLimits(Pollutant pollutant, String value, WaterClass expected) {
        assertThat(WaterClassifier.classOf(pollutant, SectionKind.LAKE, d(value))).contains(expected);
    }

    @Test
    void theSameTotalPhosphorusIsAWorseClassInALake() {
        assertThat(WaterClassifier.classOf(Pollutant.TP, SectionKind.RIVER, d("0.1"))).contains(WaterClass.II);
        assertThat(WaterClassifier.classOf(Pollutant.TP, SectionKind.LAKE, d("0.1"))).contains(WaterClass.IV);
    }

    @Test
    void totalNitrogenDoesNotCountForARiver() {
        assertThat(WaterClassifier.classOf(Pollutant.TN, SectionKind.RIVER, d("5"))).isEmpty();
        assertThat(WaterClassifier.classify(SectionKind.RIVER, Map.of(Pollutant.CODMN, d("1.5"), Pollutant.TN, d("5"))))
                .contains(WaterClass.I);
        assertThat(WaterClassifier.classify(SectionKind.LAKE, Map.of(Pollutant.CODMN, d("1.5"), Pollutant.TN, d("5"))))
                .contains(WaterClass.WORSE_THAN_V);
    }

    @Test
    void theSectionTakesTheWorstClassOfItsIndicators() {
        assertThat(WaterClassifier.classify(SectionKind.RIVER,
                Map.of(Pollutant.DO, d("8"), Pollutant.CODMN, d("5"), Pollutant.NH3N, d("0.3"), Pollutant.TP, d("0.05"))))
                .contains(WaterClass.III);
    }

    @Test
    void aRiverWithOnlyTotalNitrogenMeasuredHasNoClass() {
        assertThat(WaterClassifier.classify(SectionKind.RIVER, Map.of(Pollutant.TN, d("1")))).isEqualTo(Optional.empty());
    }
}
