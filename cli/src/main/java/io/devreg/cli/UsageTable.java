package io.devreg.cli;

import io.devreg.json.UsageJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An account's usage for people: a line naming the account and the period, then one row per
 * interval (device id, from, to, duration as hours:minutes:seconds) and a total row. The durations
 * are {@link UsageJson}'s whole seconds, so the table and {@code --json} always add up alike.
 */
final class UsageTable {

    private static final String[] HEADINGS = {"device id", "from", "to", "duration"};

    private UsageTable() {
    }

    static String of(UsageJson usage) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (UsageJson.Interval interval : usage.intervals()) {
            rows.add(new String[] {Long.toString(interval.deviceId()), interval.from(), interval.to(),
                    duration(interval.seconds())});
        }
        rows.add(new String[] {"total", "", "", duration(usage.totalSeconds())});
        int[] widths = new int[HEADINGS.length];
        for (String[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        StringBuilder table = new StringBuilder("Usage of account ").append(usage.account()).append(" from ")
                .append(usage.from()).append(" to ").append(usage.to()).append(" (excluded)")
                .append(System.lineSeparator());
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < row.length - 1; column++) {
                line.append(pad(row[column], widths[column])).append("  ");
            }
            // The durations are right-aligned, so that their digits line up.
            line.append(" ".repeat(widths[row.length - 1] - row[row.length - 1].length())).append(row[row.length - 1]);
            table.append(line).append(System.lineSeparator());
        }
        return table.toString();
    }

    /** Whole seconds as hours:minutes:seconds; the hours are not wrapped into days (a month is 744:00:00). */
    static String duration(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60);
    }

    private static String pad(String value, int width) {
        return value + " ".repeat(width - value.length());
    }
}
