package io.devreg.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonReportTest {

    private static Measurement measured(String benchmark, Map<String, String> params, double median) {
        return new Measurement(benchmark, params, 1, median, median, Double.NaN);
    }

    @Test
    void eachDevregBenchmarkIsComparedWithTheBaselineOfTheSameParametersByTheRatioOfMedians() {
        List<Measurement> measurements = List.of(
                measured("JdbcReserveRelease.devreg", Map.of("database", "h2"), 900),
                measured("JdbcReserveRelease.baseline", Map.of("database", "h2"), 1000),
                measured("JdbcReserveRelease.devreg", Map.of("database", "postgres"), 400),
                measured("JdbcReserveRelease.baseline", Map.of("database", "postgres"), 500));

        ComparisonReport report = ComparisonReport.of(measurements, Target.ALL);

        assertThat(report.rows()).hasSize(2);
        ComparisonReport.Row h2 = report.rows().get(0);
        assertThat(h2.devreg().params()).containsEntry("database", "h2");
        assertThat(h2.ratio()).isEqualTo(0.9);
        assertThat(h2.target()).hasValueSatisfying(target -> assertThat(target.minimum()).isEqualTo(0.80));
        assertThat(h2.misses()).isFalse();
        ComparisonReport.Row postgres = report.rows().get(1);
        assertThat(postgres.ratio()).isEqualTo(0.8);
        assertThat(postgres.target()).hasValueSatisfying(target -> assertThat(target.minimum()).isEqualTo(0.85));
        assertThat(postgres.misses()).isTrue();
        assertThat(report.allTargetsMet()).isFalse();
        assertThat(report.toMarkdown()).contains("| 0.90 |", "≥ 0.80 met", "| 0.80 |", "≥ 0.85 **missed**");
    }

    @Test
    void aDevregBenchmarkWithoutATargetIsReportedButNeverMissed() {
        ComparisonReport report = ComparisonReport.of(List.of(
                measured("MemoryRegistration.devreg", Map.of(), 1),
                measured("MemoryRegistration.baseline", Map.of(), 100)), Target.ALL);

        assertThat(report.rows()).singleElement().satisfies(row -> {
            assertThat(row.target()).isEmpty();
            assertThat(row.ratio()).isEqualTo(0.01);
            assertThat(row.misses()).isFalse();
        });
        assertThat(report.allTargetsMet()).isTrue();
    }

    @Test
    void lookupCostAtAMillionDevicesIsComparedWithItsCostAtTenThousand() {
        ComparisonReport report = ComparisonReport.of(List.of(
                measured("MemoryGetByIdentity.devreg", Map.of("deviceCount", "10000"), 3000),
                measured("MemoryGetByIdentity.devreg", Map.of("deviceCount", "1000000"), 1000),
                measured("MemoryGetByIdentity.baseline", Map.of("deviceCount", "10000"), 10000),
                measured("MemoryGetByIdentity.baseline", Map.of("deviceCount", "1000000"), 2000),
                measured("JdbcGetByIdentity.devregCached", Map.of("database", "h2", "deviceCount", "10000"), 1000),
                measured("JdbcGetByIdentity.devregCached", Map.of("database", "h2", "deviceCount", "1000000"), 800)),
                Target.ALL);

        assertThat(report.scalingRows()).hasSize(2);
        ComparisonReport.ScalingRow cached = report.scalingRows().get(0);
        assertThat(cached.small().benchmark()).isEqualTo("JdbcGetByIdentity.devregCached");
        assertThat(cached.costRatio()).isEqualTo(1.25);
        assertThat(cached.misses()).isFalse();
        ComparisonReport.ScalingRow memory = report.scalingRows().get(1);
        assertThat(memory.costRatio()).isEqualTo(3.0);
        assertThat(memory.baselineCostRatio()).isEqualTo(5.0);
        assertThat(memory.misses()).isTrue();
        assertThat(cached.baselineCostRatio()).isNaN();
        assertThat(report.toMarkdown()).contains("| deviceCount 10000 → 1000000 |", "| 3.00 | 5.00 | ≤ 1.50 **missed** |",
                "| database=h2, deviceCount 10000 → 1000000 |");
    }

    @Test
    void aDevregBenchmarkWhoseBaselineDidNotRunHasNoRatio() {
        ComparisonReport report = ComparisonReport.of(List.of(
                measured("MemoryReserveRelease.devreg", Map.of(), 10)), Target.ALL);

        assertThat(report.rows()).singleElement().satisfies(row -> {
            assertThat(row.baseline()).isEmpty();
            assertThat(row.ratio()).isNaN();
        });
        assertThat(report.toMarkdown()).contains("not run");
    }
}
