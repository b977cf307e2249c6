package io.devreg.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    void parameterValuesKeepOnlyThePairsThatHaveOneOfThem() {
        Map<String, Set<String>> values = BenchmarkPair.parameterValues(List.of("database=h2-durable,postgres"));
        List<BenchmarkPair> pairs = BenchmarkPair.find(List.of("JdbcFreshReserveRelease\\.devreg$")).stream()
                .filter(pair -> pair.hasValues(values)).toList();

        assertThat(pairs).extracting(pair -> pair.params().get("database")).containsOnly("h2-durable", "postgres");
        assertThat(pairs).hasSize(2 * 2 * 2); // two databases, two keys, two kinds of statistics
        assertThat(BenchmarkPair.find(List.of("JdbcReserveRelease\\.devreg$")).stream()
                .filter(pair -> pair.hasValues(Map.of("deviceCount", Set.of("10")))))
                .as("a pair without the parameter").isEmpty();
        assertThat(BenchmarkPair.parameterValues(List.of())).isEmpty();
        for (String bad : List.of("=h2", "database=", "database=h2,", "database")) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> BenchmarkPair.parameterValues(List.of(bad))).withMessageContaining(bad);
        }
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BenchmarkPair.parameterValues(List.of("database=h2", "database=postgres")))
                .withMessageContaining("twice");
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
