package io.devreg.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The measurements of one run set side by side: each devreg benchmark against its baseline (the
 * method named {@code baseline...} instead of {@code devreg...}, same parameters and threads), and
 * the scaling of lookups with the population, each checked against its {@link Target}.
 */
public final class ComparisonReport {

    /** A devreg benchmark, its baseline (if it was run) and the target that applies (if any). */
    public record Row(Measurement devreg, Optional<Measurement> baseline, Optional<Target.AgainstBaseline> target) {
        /** devreg's median throughput divided by the baseline's; NaN without a baseline. */
        public double ratio() {
            return baseline.map(b -> devreg.median() / b.median()).orElse(Double.NaN);
        }

        /** Whether a target applies and this row misses it. */
        public boolean misses() {
            return target.isPresent() && !target.get().isMetBy(ratio());
        }
    }

    /**
     * One devreg benchmark at a small and a large population, with its baseline's cost ratio when
     * both baseline sizes ran: what the store itself pays for the larger population.
     */
    public record ScalingRow(Measurement small, Measurement large, Target.Scaling target, double baselineCostRatio) {
        /** Cost per operation at the large size over the cost at the small size. */
        public double costRatio() {
            return small.median() / large.median();
        }

        public boolean misses() {
            return !target.isMetBy(costRatio());
        }
    }

    private final List<Row> rows;
    private final List<ScalingRow> scalingRows;

    private ComparisonReport(List<Row> rows, List<ScalingRow> scalingRows) {
        this.rows = List.copyOf(rows);
        this.scalingRows = List.copyOf(scalingRows);
    }

    /** Compares {@code measurements} against {@code targets}. */
    public static ComparisonReport of(List<Measurement> measurements, List<Target> targets) {
        List<Measurement> sorted = new ArrayList<>(measurements);
        sorted.sort(Comparator.comparing(Measurement::benchmark).thenComparing(Measurement::paramsText));
        List<Row> rows = new ArrayList<>();
        List<ScalingRow> scalingRows = new ArrayList<>();
        for (Measurement devreg : sorted) {
            if (!devreg.method().startsWith("devreg")) {
                continue;
            }
            Optional<Measurement> baseline = baselineOf(sorted, devreg);
            Optional<Target.AgainstBaseline> target = targets.stream()
                    .filter(t -> t instanceof Target.AgainstBaseline && t.appliesTo(devreg))
                    .map(Target.AgainstBaseline.class::cast).findFirst();
            rows.add(new Row(devreg, baseline, target));
            for (Target candidate : targets) {
                if (candidate instanceof Target.Scaling scaling && scaling.appliesTo(devreg)
                        && scaling.small().equals(devreg.params().get(scaling.parameter()))) {
                    sorted.stream()
                            .filter(m -> m.sameBenchmarkExcept(devreg, scaling.parameter())
                                    && scaling.large().equals(m.params().get(scaling.parameter())))
                            .findFirst()
                            .ifPresent(large -> scalingRows.add(new ScalingRow(devreg, large, scaling,
                                    baselineCostRatio(sorted, devreg, large))));
                }
            }
        }
        return new ComparisonReport(rows, scalingRows);
    }

    private static double baselineCostRatio(List<Measurement> measurements, Measurement small, Measurement large) {
        Optional<Measurement> baselineSmall = baselineOf(measurements, small);
        Optional<Measurement> baselineLarge = baselineOf(measurements, large);
        return baselineSmall.isPresent() && baselineLarge.isPresent()
                ? baselineSmall.get().median() / baselineLarge.get().median() : Double.NaN;
    }

    private static Optional<Measurement> baselineOf(List<Measurement> measurements, Measurement devreg) {
        String name = BenchmarkPair.withMethodPrefix(devreg.benchmark(), "devreg", "baseline");
        return measurements.stream()
                .filter(m -> m.benchmark().equals(name) && m.params().equals(devreg.params())
                        && m.threads() == devreg.threads())
                .findFirst();
    }

    public List<Row> rows() {
        return rows;
    }

    public List<ScalingRow> scalingRows() {
        return scalingRows;
    }

    /** Whether every target that applies to a measured benchmark is met. */
    public boolean allTargetsMet() {
        return rows.stream().noneMatch(Row::misses) && scalingRows.stream().noneMatch(ScalingRow::misses);
    }

    /** The report as Markdown tables. */
    public String toMarkdown() {
        StringBuilder text = new StringBuilder();
        text.append("| benchmark | params | threads | devreg ops/s | baseline ops/s | ratio (medians) | target |\n");
        text.append("|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            text.append("| ").append(row.devreg().benchmark())
                    .append(" | ").append(row.devreg().paramsText())
                    .append(" | ").append(row.devreg().threads())
                    .append(" | ").append(throughput(row.devreg()))
                    .append(" | ").append(row.baseline().map(ComparisonReport::throughput).orElse("not run"))
                    .append(" | ").append(row.baseline().isPresent() ? format("%.2f", row.ratio()) : "")
                    .append(" | ").append(row.target().map(t -> format("≥ %.2f ", t.minimum())
                            + (row.misses() ? "**missed**" : "met")).orElse(""))
                    .append(" |\n");
        }
        if (!scalingRows.isEmpty()) {
            text.append("\n| benchmark | params | small ops/s | large ops/s | cost large / small | baseline's |"
                    + " target |\n");
            text.append("|---|---|---|---|---|---|---|\n");
            for (ScalingRow row : scalingRows) {
                text.append("| ").append(row.small().benchmark())
                        .append(" | ").append(row.small().paramsText().replace(
                                row.target().parameter() + '=' + row.target().small(), row.target().parameter()))
                        .append(' ').append(row.target().small())
                        .append(" → ").append(row.target().large())
                        .append(" | ").append(throughput(row.small()))
                        .append(" | ").append(throughput(row.large()))
                        .append(" | ").append(format("%.2f", row.costRatio()))
                        .append(" | ").append(Double.isNaN(row.baselineCostRatio()) ? ""
                                : format("%.2f", row.baselineCostRatio()))
                        .append(" | ").append(format("≤ %.2f ", row.target().maximum()))
                        .append(row.misses() ? "**missed**" : "met")
                        .append(" |\n");
            }
        }
        return text.toString();
    }

    private static String throughput(Measurement m) {
        String median = format("%,.0f", m.median());
        return Double.isNaN(m.error()) ? median : median + " ± " + format("%,.0f", m.error());
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
