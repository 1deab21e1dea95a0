package org.basinledger.command.compensation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecimalsTest {

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void theMeanIsTheArithmeticMean() {
        assertThat(Decimals.mean(List.of(d("1.2"), d("1.4"), d("1.9")))).isEqualTo(d("1.5"));
    }

    @Test
    void aMeanThatDoesNotTerminateKeeps34SignificantDigits() {
        assertThat(Decimals.mean(List.of(d("1"), d("1"), d("2"))))
                .isEqualTo(d("1.333333333333333333333333333333333"));
    }

    @Test
    void theMeanOfNothingIsRefused() {
        assertThatThrownBy(() -> Decimals.mean(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plainValuesLoseTrailingZerosButNeverTurnIntoExponents() {
        assertThat(Decimals.plain(d("25.9200000")).toString()).isEqualTo("25.92");
        assertThat(Decimals.plain(d("100.00")).toString()).isEqualTo("100");
    }
}
