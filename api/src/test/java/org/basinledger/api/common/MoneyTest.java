package org.basinledger.api.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void realIsoCurrenciesAreCurrencies() {
        assertThat(Money.isIsoCurrency("CNY")).isTrue();
        assertThat(Money.isIsoCurrency("EUR")).isTrue();
        assertThat(Money.isIsoCurrency("USD")).isTrue();
    }

    @Test
    void madeUpTestAndNoCurrencyCodesAreNot() {
        assertThat(Money.isIsoCurrency("XXQ")).isFalse();
        assertThat(Money.isIsoCurrency("XTS")).isFalse();
        assertThat(Money.isIsoCurrency("XXX")).isFalse();
        assertThat(Money.isIsoCurrency("cny")).isFalse();
        assertThat(Money.isIsoCurrency(null)).isFalse();
    }

    @Test
    void anAmountRecordedWithAnyCodeOfThreeLettersCanStillBeRead() {
        assertThat(new Money(new java.math.BigDecimal("1.00"), "XXQ").currency()).isEqualTo("XXQ");
    }
}
