package io.devreg.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.devreg.UsageInterval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An account's billable usage over a period:
 * {@code {"account": "acct-1", "from": "...", "to": "...", "total_seconds": 3600,
 * "intervals": [{"device_id": 1, "from": "...", "to": "...", "seconds": 3600}]}}.
 *
 * @param account      the account
 * @param from         the period's first instant, ISO-8601 in UTC
 * @param to           the first instant after the period, ISO-8601 in UTC
 * @param totalSeconds the intervals' whole seconds added up (each interval's own, rounded down)
 * @param intervals    each device's active intervals, by device id then start
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"account", "from", "to", "total_seconds", "intervals"})
public record UsageJson(
        @JsonProperty("account") String account,
        @JsonProperty("from") String from,
        @JsonProperty("to") String to,
        @JsonProperty("total_seconds") long totalSeconds,
        @JsonProperty("intervals") List<Interval> intervals) {

    /**
     * One interval: {@code {"device_id": 1, "from": "...", "to": "...", "seconds": 3600}}.
     *
     * @param deviceId the device
     * @param from     when it became active on the account, or the period's start
     * @param to       when it stopped, or the period's end
     * @param seconds  the interval's length in whole seconds, rounded down
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"device_id", "from", "to", "seconds"})
    public record Interval(
            @JsonProperty("device_id") long deviceId,
            @JsonProperty("from") String from,
            @JsonProperty("to") String to,
            @JsonProperty("seconds") long seconds) {
    }

    /** The JSON shape of {@code account}'s usage {@code intervals} in {@code [from, to)}. */
    public static UsageJson of(String account, Instant from, Instant to, List<UsageInterval> intervals) {
        List<Interval> shown = intervals.stream().map(interval -> new Interval(interval.deviceId(),
                interval.from().toString(), interval.to().toString(),
                Duration.between(interval.from(), interval.to()).toSeconds())).toList();
        return new UsageJson(account, from.toString(), to.toString(),
                shown.stream().mapToLong(Interval::seconds).sum(), shown);
    }
}
