package io.devreg.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * A devreg benchmark and its baseline (the method named {@code baseline...} instead of
 * {@code devreg...} in the same class) at one combination of parameters: the unit the runner measures
 * back to back, so that both see the same load on the machine.
 *
 * @param devreg   the devreg benchmark's qualified name
 * @param baseline the baseline's qualified name
 * @param params   one value for each parameter
 */
public record BenchmarkPair(String devreg, String baseline, Map<String, String> params) {

    public BenchmarkPair {
        params = Map.copyOf(params);
    }

    /**
     * Every pair with a benchmark that matches one of {@code includes} (JMH's include patterns; all
     * benchmarks when empty), in name and parameter order.
     */
    public static List<BenchmarkPair> find(List<String> includes) {
        OutputFormat silent = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT);
        BenchmarkList list = BenchmarkList.defaultList();
        Map<String, BenchmarkListEntry> all = new TreeMap<>();
        list.find(silent, List.of(".*"), List.of()).forEach(entry -> all.put(entry.getUsername(), entry));
        SortedSet<BenchmarkListEntry> selected = list.find(silent, includes.isEmpty() ? List.of(".*") : includes,
                List.of());
        Set<String> devregNames = new TreeSet<>();
        for (BenchmarkListEntry entry : selected) {
            String name = withMethodPrefix(entry.getUsername(), "baseline", "devreg");
            if (hasMethodPrefix(name, "devreg") && all.containsKey(name)
                    && all.containsKey(withMethodPrefix(name, "devreg", "baseline"))) {
                devregNames.add(name);
            }
        }
        List<BenchmarkPair> pairs = new ArrayList<>();
        for (String name : devregNames) {
            BenchmarkListEntry entry = all.get(name);
            Map<String, String[]> values = entry.getParams().hasValue() ? new TreeMap<>(entry.getParams().get()) : Map.of();
            for (Map<String, String> combination : combinations(values)) {
                pairs.add(new BenchmarkPair(name, withMethodPrefix(name, "devreg", "baseline"), combination));
            }
        }
        return pairs;
    }

    /**
     * The values each parameter may take, from arguments {@code parameter=value,value,...}.
     *
     * @throws IllegalArgumentException if an argument names no parameter or no value, or a parameter twice
     */
    public static Map<String, Set<String>> parameterValues(List<String> arguments) {
        Map<String, Set<String>> values = new TreeMap<>();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            String parameter = argument.substring(0, Math.max(equals, 0));
            Set<String> allowed = new TreeSet<>(List.of(argument.substring(equals + 1).split(",", -1)));
            if (equals <= 0 || allowed.contains("")) {
                throw new IllegalArgumentException("Not parameter=value,...: " + argument);
            }
            if (values.put(parameter, allowed) != null) {
                throw new IllegalArgumentException("Parameter " + parameter + " given twice");
            }
        }
        return values;
    }

    /** Whether each parameter in {@code values} has one of its values here (a pair without it has none). */
    public boolean hasValues(Map<String, Set<String>> values) {
        return values.entrySet().stream().allMatch(entry -> params.containsKey(entry.getKey())
                && entry.getValue().contains(params.get(entry.getKey())));
    }

    /** Whether the method of {@code qualified} ({@code package.Class.method}) starts with {@code prefix}. */
    static boolean hasMethodPrefix(String qualified, String prefix) {
        return qualified.substring(qualified.lastIndexOf('.') + 1).startsWith(prefix);
    }

    /** {@code qualified} ({@code package.Class.method}) with the method's prefix {@code from} replaced by {@code to}. */
    static String withMethodPrefix(String qualified, String from, String to) {
        int dot = qualified.lastIndexOf('.');
        String method = qualified.substring(dot + 1);
        return method.startsWith(from) ? qualified.substring(0, dot + 1) + to + method.substring(from.length()) : qualified;
    }

    /** Every choice of one value per parameter, the first parameter varying slowest. */
    static List<Map<String, String>> combinations(Map<String, String[]> values) {
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (Map.Entry<String, String[]> parameter : values.entrySet()) {
            List<Map<String, String>> extended = new ArrayList<>();
            for (Map<String, String> partial : combinations) {
                for (String value : parameter.getValue()) {
                    Map<String, String> combination = new LinkedHashMap<>(partial);
                    combination.put(parameter.getKey(), value);
                    extended.add(combination);
                }
            }
            combinations = extended;
        }
        return combinations;
    }
}
