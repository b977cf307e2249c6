package io.devreg.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkPairTest {

    @Test
    void theBaselineOfABenchmarkIsNamedByItsMethodOnlyNeverByThePackage() {
        assertThat(BenchmarkPair.withMethodPrefix("io.devreg.benchmarks.jdbc.JdbcGetByIdentity.devregCached",
                "devreg", "baseline")).isEqualTo("io.devreg.benchmarks.jdbc.JdbcGetByIdentity.baselineCached");
        assertThat(BenchmarkPair.withMethodPrefix("io.devreg.benchmarks.Memory.other", "devreg", "baseline"))
                .isEqualTo("io.devreg.benchmarks.Memory.other");
    }

    @Test
    void everyCombinationOfParameterValuesIsMeasured() {
        Map<String, String[]> values = new LinkedHashMap<>();
        values.put("database", new String[] {"h2", "postgres"});
        values.put("deviceCount", new String[] {"10000", "1000000"});

        assertThat(BenchmarkPair.combinations(values)).containsExactly(
                Map.of("database", "h2", "deviceCount", "10000"),
                Map.of("database", "h2", "deviceCount", "1000000"),
                Map.of("database", "postgres", "deviceCount", "10000"),
                Map.of("database", "postgres", "deviceCount", "1000000"));
        assertThat(BenchmarkPair.combinations(Map.of())).containsExactly(Map.of());
    }

    @Test
    void theCompiledBenchmarksFormPairsThatEachHaveABaseline() {
        List<BenchmarkPair> pairs = BenchmarkPair.find(List.of("JdbcReserveRelease\\.devreg$"));

        assertThat(pairs).extracting(BenchmarkPair::baseline)
                .containsOnly("io.devreg.benchmarks.jdbc.JdbcReserveRelease.baseline");
        assertThat(pairs).extracting(pair -> pair.params().get("database")).containsExactly("h2", "postgres");
    }

    @Test
    void aBenchmarkNamedNeitherDevregNorBaselineIsNoPair() {
        // CachedGetParts is a diagnostic: its methods must not pair with themselves
        assertThat(BenchmarkPair.find(List.of("CachedGetParts"))).isEmpty();
        assertThat(BenchmarkPair.find(List.of())).allSatisfy(pair -> {
            assertThat(pair.devreg()).contains(".devreg");
            assertThat(pair.baseline()).contains(".baseline");
        });
    }
}
