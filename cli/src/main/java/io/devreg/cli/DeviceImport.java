package io.devreg.cli;

import io.devreg.DeviceRegistry;
import io.devreg.ErrorCode;
import io.devreg.ImportMode;
import io.devreg.NewDevice;
import io.devreg.RowOutcome;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Imports the records of a file in chunks of at most {@link #CHUNK} rows: each chunk's valid rows
 * go to one {@link DeviceRegistry#registerAll} call (or, for a dry run, to {@link DryRun}), and
 * each failed row, whether malformed, invalid or refused, to the report, in line order. Only one
 * chunk is in memory at a time.
 */
final class DeviceImport {

    /** The most rows one {@link DeviceRegistry#registerAll} call takes (API.md). */
    static final int CHUNK = 10_000;

    /**
     * How many rows had each outcome.
     *
     * @param rows      the file's records
     * @param created   rows that registered a device (or would, in a dry run)
     * @param updated   rows that changed a device
     * @param unchanged rows that found their device as they describe it
     * @param failed    rows that were malformed, invalid or refused
     */
    record Counts(long rows, long created, long updated, long unchanged, long failed) {
    }

    private final DeviceRegistry registry;
    private final ImportMode mode;
    private final @Nullable DryRun dryRun;
    private final ImportReport report;
    private final ImportProgress progress;
    private long rows;
    private long created;
    private long updated;
    private long unchanged;
    private long failed;

    /**
     * An import into {@code registry}; with {@code dryRun} it writes nothing, and reports what the
     * import would do.
     */
    DeviceImport(DeviceRegistry registry, ImportMode mode, boolean dryRun, ImportReport report,
            ImportProgress progress) {
        this.registry = registry;
        this.mode = mode;
        this.dryRun = dryRun ? new DryRun(registry, mode) : null;
        this.report = report;
        this.progress = progress;
    }

    /** Imports every record of {@code source}. */
    Counts run(RowSource source) throws IOException {
        List<ImportRow> chunk = new ArrayList<>(CHUNK);
        for (ImportRow row = source.next(); row != null; row = source.next()) {
            chunk.add(row);
            if (chunk.size() == CHUNK) {
                apply(chunk);
                chunk.clear();
            }
        }
        apply(chunk);
        return new Counts(rows, created, updated, unchanged, failed);
    }

    private void apply(List<ImportRow> chunk) throws IOException {
        List<NewDevice> devices = new ArrayList<>(chunk.size());
        for (ImportRow row : chunk) {
            if (row instanceof ImportRow.Valid valid) {
                devices.add(valid.device());
            }
        }
        List<Outcome> outcomes = outcomes(devices);
        int next = 0;
        for (ImportRow row : chunk) {
            rows++;
            if (row instanceof ImportRow.Invalid invalid) {
                failed++;
                report.add(invalid);
                continue;
            }
            Outcome outcome = outcomes.get(next++);
            switch (outcome.outcome()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
                case FAILED -> {
                    failed++;
                    report.refused(row.line(), Objects.requireNonNull(outcome.code(), "a failed row's code"));
                }
            }
        }
        progress.advance(chunk.size());
    }

    /** What became, or would become, of each device of a chunk. */
    private List<Outcome> outcomes(List<NewDevice> devices) {
        if (devices.isEmpty()) {
            return List.of();
        }
        if (dryRun != null) {
            return dryRun.outcomes(devices).stream().map(outcome -> new Outcome(outcome,
                    outcome == RowOutcome.FAILED ? ErrorCode.DEVICE_ALREADY_REGISTERED : null)).toList();
        }
        return registry.registerAll(devices, mode).rows().stream()
                .map(result -> new Outcome(result.outcome(), result.code())).toList();
    }

    /**
     * A row's outcome.
     *
     * @param outcome what became of it
     * @param code    why it failed; null unless it did
     */
    private record Outcome(RowOutcome outcome, @Nullable ErrorCode code) {
    }
}
