package org.basinledger.command.compensation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DecimalsTest {

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void plainValuesLoseTrailingZerosButNeverTurnIntoExponents() {
        assertThat(Decimals.plain(d("25.9200000")).toString()).isEqualTo("25.92");
        assertThat(Decimals.plain(d("100.00")).toString()).isEqualTo("100");
    }
}
