package io.devreg.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.devreg.ErrorCode;
import io.devreg.RowResult;
import io.devreg.ValidationException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a bulk registration: the counts, then one result per row in input order, for
 * example {@code {"created": 2, "updated": 0, "unchanged": 0, "failed": 1, "rows": [{"index": 0,
 * "status": "created", "device": {...}}, {"index": 2, "status": "failed", "code": 33902, "message": "..."},
 * {"index": 3, "status": "failed", "message": "...", "errors": {"type": ["is required"]}}]}}.
 *
 * @param created   rows that registered a device
 * @param updated   rows that changed a device
 * @param unchanged rows that found a device as they describe it
 * @param failed    rows that were refused or invalid
 * @param rows      one result per row, in input order
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"created", "updated", "unchanged", "failed", "rows"})
public record BulkResultJson(
        @JsonProperty("created") int created,
        @JsonProperty("updated") int updated,
        @JsonProperty("unchanged") int unchanged,
        @JsonProperty("failed") int failed,
        @JsonProperty("rows") List<Row> rows) {

    /**
     * One row's result: its position, its status ({@code created}, {@code updated}, {@code unchanged},
     * {@code failed}), and the device, or the code (a refusal) or the field errors (invalid input).
     *
     * @param index   the row's position in the input, from 0
     * @param status  what became of it
     * @param device  the device as stored after the row; omitted when it failed
     * @param code    the refusal's code; omitted unless the registry refused the row
     * @param message why it failed; omitted unless it failed
     * @param errors  the row's invalid fields; omitted unless it was invalid
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"index", "status", "device", "code", "message", "errors"})
    public record Row(
            @JsonProperty("index") int index,
            @JsonProperty("status") String status,
            @JsonProperty("device") @Nullable DeviceJson device,
            @JsonProperty("code") @Nullable Integer code,
            @JsonProperty("message") @Nullable String message,
            @JsonProperty("errors") @Nullable Map<String, List<String>> errors) {

        /** The row as the registry answered it. */
        public static Row of(RowResult result) {
            ErrorCode code = result.code();
            return new Row(result.index(), result.outcome().name().toLowerCase(Locale.ROOT),
                    result.device() == null ? null : DeviceJson.of(result.device()),
                    code == null ? null : code.value(), code == null ? null : code.message(), null);
        }

        /** A row that failed validation before it reached the registry. */
        public static Row invalid(int index, ValidationException invalid) {
            return new Row(index, "failed", null, null, invalid.getMessage(), invalid.errors());
        }
    }

    /** The counted answer of these rows. */
    public static BulkResultJson of(List<Row> rows) {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int failed = 0;
        for (Row row : rows) {
            switch (row.status()) {
                case "created" -> created++;
                case "updated" -> updated++;
                case "unchanged" -> unchanged++;
                default -> failed++;
            }
        }
        return new BulkResultJson(created, updated, unchanged, failed, List.copyOf(rows));
    }
}
