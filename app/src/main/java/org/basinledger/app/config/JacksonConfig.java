package org.basinledger.app.config;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One JSON form for the API and the event store (Axon serializes with Spring's ObjectMapper): decimals are
 * written as strings in plain notation ({@code "10"}, never {@code "1E+1"}) so no amount or concentration ever
 * passes through binary floating point, instants as ISO-8601. Changing this changes the stored event format: treat
 * it as a contract (events stored before plain notation was enforced read back to the same values).
 * <p>
 * Reading is strict: a duplicate key or anything after the JSON value is malformed input (400), and a decimal
 * is refused before any arithmetic when its exponent or its number of digits is out of all proportion
 * ({@code 1e10000000} would cost seconds of CPU in the first {@code setScale}).
 */
@Configuration(proxyBeanMethods = false)
public class JacksonConfig {

    /** The largest scale (digits after the point) and the smallest (powers of ten) a decimal may have. */
    static final int MAX_SCALE = 64;
    /** The most significant digits a decimal may have. */
    static final int MAX_PRECISION = 64;

    @Bean
    Jackson2ObjectMapperBuilderCustomizer ledgerJson() {
        return builder -> builder
                .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS,
                        DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .featuresToEnable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN,
                        DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS, JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .deserializerByType(BigDecimal.class, new BoundedDecimalDeserializer())
                .postConfigurer(mapper -> mapper.configOverride(BigDecimal.class)
                        .setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)));
    }

    /** Jackson's decimal reading, with the bounds above checked before the value is handed on. */
    static final class BoundedDecimalDeserializer extends NumberDeserializers.BigDecimalDeserializer {

        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            BigDecimal value = super.deserialize(parser, context);
            if (value != null && (Math.abs(value.scale()) > MAX_SCALE || value.precision() > MAX_PRECISION)) {
                return (BigDecimal) context.handleWeirdStringValue(BigDecimal.class, parser.getText(),
                        "a decimal with at most %d digits and an exponent between -%d and %d is expected",
                        MAX_PRECISION, MAX_SCALE, MAX_SCALE);
            }
            return value;
        }
    }
}
