package io.cairn.agent;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A standard five-field cron expression ({@code minute hour day-of-month month day-of-week}) with
 * {@code *}, ranges {@code 1-5}, lists {@code 1,15}, steps {@code *}{@code /15} or {@code 10-50/10},
 * month names {@code JAN..DEC} and day names {@code SUN..SAT} (0 and 7 are Sunday), plus the
 * shorthands {@code @hourly}, {@code @daily}, {@code @weekly}, {@code @monthly}, {@code @yearly}.
 * As in Vixie cron, when both day fields are restricted a day matches if either does.
 *
 * <p>Firings are computed in the zone of the time passed to {@link #next}: a local time that a
 * daylight-saving jump skips does not fire that day; a local time that occurs twice fires twice.
 */
public final class CronExpression {
    private static final Map<String, String> SHORTHANDS = Map.of("@hourly", "0 * * * *", "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *", "@weekly", "0 0 * * 0", "@monthly", "0 0 1 * *", "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *");
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    /** Far enough for any satisfiable expression (Feb 29 on a chosen weekday recurs within 28 years). */
    private static final int MAX_YEARS = 30;

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean dayOfMonthRestricted;
    private final boolean dayOfWeekRestricted;

    private CronExpression(String text, String[] fields) {
        this.text = text;
        this.minutes = field(fields[0], "minute", 0, 59, null);
        this.hours = field(fields[1], "hour", 0, 23, null);
        this.daysOfMonth = field(fields[2], "day of month", 1, 31, null);
        this.months = field(fields[3], "month", 1, 12, MONTHS);
        BitSet days = field(fields[4], "day of week", 0, 7, DAYS);
        if (days.get(7)) {
            days.set(0);
        }
        this.daysOfWeek = days;
        this.dayOfMonthRestricted = !fields[2].startsWith("*");
        this.dayOfWeekRestricted = !fields[4].startsWith("*");
    }

    /** Parses an expression; CairnException USAGE naming the field and the problem when invalid. */
    public static CronExpression parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.trim();
        String expanded = SHORTHANDS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
        String[] fields = expanded.split("\\s+");
        if (fields.length != 5) {
            throw invalid(text, "expected 5 fields (minute hour day-of-month month day-of-week), got " + fields.length);
        }
        try {
            return new CronExpression(trimmed, fields);
        } catch (IllegalArgumentException e) {
            throw invalid(text, e.getMessage());
        }
    }

    /** The first firing strictly after {@code after}, in its zone. */
    public ZonedDateTime next(ZonedDateTime after) {
        ZonedDateTime time = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = after.plusYears(MAX_YEARS);
        while (time.isBefore(limit)) {
            if (!months.get(time.getMonthValue())) {
                time = time.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(time.getZone());
            } else if (!dayMatches(time)) {
                time = time.toLocalDate().plusDays(1).atStartOfDay(time.getZone());
            } else if (!hours.get(time.getHour())) {
                time = time.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(time.getMinute())) {
                time = time.plusMinutes(1);
            } else {
                return time;
            }
        }
        throw new CairnException(ErrorCode.USAGE, "cron expression '" + text + "' never fires");
    }

    private boolean dayMatches(ZonedDateTime time) {
        boolean dayOfMonth = daysOfMonth.get(time.getDayOfMonth());
        boolean dayOfWeek = daysOfWeek.get(time.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : time.getDayOfWeek().getValue());
        if (dayOfMonthRestricted && dayOfWeekRestricted) {
            return dayOfMonth || dayOfWeek;
        }
        return dayOfMonth && dayOfWeek;
    }

    private static BitSet field(String text, String name, int min, int max, String[] names) {
        BitSet bits = new BitSet(max + 1);
        for (String part : text.split(",", -1)) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), name, 1, max, null);
                range = part.substring(0, slash);
            }
            int low;
            int high;
            if (range.equals("*")) {
                low = min;
                high = max == 7 ? 6 : max;
            } else if (range.indexOf('-') > 0) {
                low = number(range.substring(0, range.indexOf('-')), name, min, max, names);
                high = number(range.substring(range.indexOf('-') + 1), name, min, max, names);
                if (high < low) {
                    throw new IllegalArgumentException(name + " range '" + range + "' goes backwards");
                }
            } else {
                low = number(range, name, min, max, names);
                high = slash >= 0 ? (max == 7 ? 6 : max) : low;
            }
            for (int value = low; value <= high; value += step) {
                bits.set(value);
            }
        }
        return bits;
    }

    private static int number(String text, String name, int min, int max, String[] names) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equalsIgnoreCase(text)) {
                    return names == MONTHS ? i + 1 : i;
                }
            }
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " " + value + " is outside " + min + ".." + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is not a number"
                    + (names == null ? "" : " or a name like " + names[0]), e);
        }
    }

    private static CairnException invalid(String text, String problem) {
        return new CairnException(ErrorCode.USAGE, "cron expression '" + text + "': " + problem
                + " (example: \"30 2 * * MON-FRI\")");
    }

    @Override
    public String toString() {
        return text;
    }
}
