package io.devreg;

import java.util.List;

/**
 * The result of {@link DeviceRegistry#registerAll}: one {@link RowResult} per row given, in the
 * order given, and how many rows had each outcome ({@link RowOutcome#UNCHANGED} rows are the rest).
 *
 * @param rows    one result per row, in input order
 * @param created rows that registered a new device
 * @param updated rows that changed an existing device
 * @param failed  rows that were refused
 */
public record BulkResult(List<RowResult> rows, int created, int updated, int failed) {

    /** Copies the rows. */
    public BulkResult {
        rows = List.copyOf(rows);
    }

    /** The result of these rows, counted. */
    public static BulkResult of(List<RowResult> rows) {
        int created = 0;
        int updated = 0;
        int failed = 0;
        for (RowResult row : rows) {
            switch (row.outcome()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case FAILED -> failed++;
                case UNCHANGED -> {
                }
            }
        }
        return new BulkResult(rows, created, updated, failed);
    }

    /** Rows that left an existing device as it was. */
    public int unchanged() {
        return rows.size() - created - updated - failed;
    }
}
