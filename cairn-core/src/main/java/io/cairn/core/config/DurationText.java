package io.cairn.core.config;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of Cairn, shared by the configuration file and every command-line flag:
 * one or more amounts with a unit ({@code 500ms}, {@code 30s}, {@code 5min}, {@code 26h}, {@code 7d},
 * {@code 2w}, {@code 3mo}, {@code 1y}, {@code 1y6mo}, {@code 1.5h}), or ISO-8601 ({@code PT30S}).
 * A month is 30 days and a year 365 days. A bare {@code m} is refused: it meant minutes in the
 * configuration and months on the command line, so {@code keep-within 1m} kept a minute in one and a
 * month in the other; the error asks for {@code min} or {@code mo}. A bare number is refused too.
 */
public final class DurationText {
    private static final Pattern TERM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]+)\\s*");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?\\s*[a-zA-Z]+\\s*)+");

    private static final Map<String, Long> NANOS = Map.ofEntries(
            Map.entry("ns", 1L),
            Map.entry("us", 1_000L),
            Map.entry("ms", 1_000_000L),
            Map.entry("s", 1_000_000_000L),
            Map.entry("sec", 1_000_000_000L),
            Map.entry("min", 60_000_000_000L),
            Map.entry("h", 3_600_000_000_000L),
            Map.entry("d", 86_400_000_000_000L),
            Map.entry("w", 7 * 86_400_000_000_000L),
            Map.entry("mo", 30 * 86_400_000_000_000L),
            Map.entry("y", 365 * 86_400_000_000_000L));

    /** Largest first: {@link #format} picks the largest unit that divides the duration exactly. */
    private static final String[] FORMAT_UNITS = {"d", "h", "min", "s", "ms", "us", "ns"};

    /** What the grammar accepts, for error messages. */
    public static final String EXAMPLES = "a duration like 500ms, 30s, 5min, 26h, 7d, 2w, 3mo, 1y";

    private DurationText() {
    }

    /** The duration, or CairnException USAGE naming {@code what} (e.g. "--keep-within") and the fix. */
    public static Duration parse(String text, String what) {
        return tryParse(text).orElseThrow(() -> new CairnException(ErrorCode.USAGE, what + ": " + problem(text)));
    }

    /** The duration, or empty when the text is not one (see {@link #problem} for why). */
    public static Optional<Duration> tryParse(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
            try {
                return Optional.of(Duration.parse(trimmed.toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (!WHOLE.matcher(trimmed).matches()) {
            return Optional.empty();
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher term = TERM.matcher(trimmed);
        while (term.find()) {
            Long unit = NANOS.get(term.group(2).toLowerCase(Locale.ROOT));
            if (unit == null) {
                return Optional.empty();
            }
            nanos = nanos.add(new BigDecimal(term.group(1)).multiply(BigDecimal.valueOf(unit)));
        }
        try {
            return Optional.of(Duration.ofNanos(nanos.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact()));
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** Why {@code text} is not a duration, in one line with the fix. */
    public static String problem(String text) {
        Matcher term = TERM.matcher(text.trim());
        while (term.find()) {
            if (term.group(2).equalsIgnoreCase("m")) {
                return "\"" + text + "\" is ambiguous: write " + term.group(1) + "min for minutes or " + term.group(1)
                        + "mo for months";
            }
        }
        return "\"" + text + "\" is not " + EXAMPLES;
    }

    /** The shortest exact form: 5s, 10min, 200ms, 26h, 7d. */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        for (String unit : FORMAT_UNITS) {
            long size = NANOS.get(unit);
            if (nanos % size == 0) {
                return nanos / size + unit;
            }
        }
        return nanos + "ns";
    }
}
