package io.cairn.core.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and formats the human units the configuration accepts: durations, sizes, percentages. */
final class Values {
    private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z%]*)");

    private static final Map<String, Long> DURATION_NANOS = Map.ofEntries(
            Map.entry("ns", 1L),
            Map.entry("us", 1_000L),
            Map.entry("ms", 1_000_000L),
            Map.entry("s", 1_000_000_000L),
            Map.entry("sec", 1_000_000_000L),
            Map.entry("m", 60_000_000_000L),
            Map.entry("min", 60_000_000_000L),
            Map.entry("h", 3_600_000_000_000L),
            Map.entry("d", 86_400_000_000_000L));

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

    /** "30s", "5min", "26h", "500ms", "1.5s" or ISO-8601 "PT30S"; a bare number has no unit and is refused. */
    static Optional<Duration> parseDuration(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
            try {
                return Optional.of(Duration.parse(trimmed.toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        Matcher matcher = AMOUNT.matcher(trimmed);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Long unit = DURATION_NANOS.get(matcher.group(2).toLowerCase(Locale.ROOT));
        if (unit == null) {
            return Optional.empty();
        }
        BigDecimal nanos = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unit));
        try {
            return Optional.of(Duration.ofNanos(nanos.longValueExact()));
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
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
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        String[] units = {"d", "h", "min", "s", "ms", "us", "ns"};
        for (String unit : units) {
            long size = DURATION_NANOS.get(unit);
            if (nanos % size == 0) {
                return nanos / size + unit;
            }
        }
        return nanos + "ns";
    }
}
