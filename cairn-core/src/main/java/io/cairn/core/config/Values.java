package io.cairn.core.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and formats the human units the configuration accepts: durations, sizes, percentages. */
final class Values {
    private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z%]*)");

    private static final Map<String, Long> SIZE_BYTES = Map.ofEntries(
            Map.entry("", 1L),
            Map.entry("b", 1L),
            Map.entry("kb", 1_000L),
            Map.entry("kib", 1L << 10),
            Map.entry("mb", 1_000_000L),
            Map.entry("mib", 1L << 20),
            Map.entry("gb", 1_000_000_000L),
            Map.entry("gib", 1L << 30),
            Map.entry("tb", 1_000_000_000_000L),
            Map.entry("tib", 1L << 40));

    private Values() {
    }

    /** See {@link DurationText}: the one duration grammar. */
    static Optional<Duration> parseDuration(String text) {
        return DurationText.tryParse(text);
    }

    /** "10MiB", "1.5GB", "512" (bytes). */
    static Optional<Long> parseSize(String text) {
        Matcher matcher = AMOUNT.matcher(text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Long unit = SIZE_BYTES.get(matcher.group(2).toLowerCase(Locale.ROOT));
        if (unit == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unit))
                    .setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** "80%" or "80" → 80.0; between 0 and 100. */
    static Optional<Double> parsePercent(String text) {
        Matcher matcher = AMOUNT.matcher(text.trim());
        if (!matcher.matches() || !(matcher.group(2).isEmpty() || matcher.group(2).equals("%"))) {
            return Optional.empty();
        }
        double value = Double.parseDouble(matcher.group(1));
        return value <= 100.0 ? Optional.of(value) : Optional.empty();
    }

    /** The shortest exact form in the units above: 5s, 10min, 200ms, 26h. */
    static String format(Duration duration) {
        return DurationText.format(duration);
    }
}
