package io.joinery.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;

/** The benchmark's report: a Markdown table (readable in a terminal, pasted as it is into docs/performance.md). */
final class ResultTable {
    private static final List<String> HEADER = List.of("scenario", "req/s", "p50 ms", "p99 ms",
            "server CPU ms/query", "of it JIT", "Postgres CPU ms/query", "upstream requests or SQL statements/query", "failed");

    private ResultTable() {}

    /** {@code context}: the lines above the table (mode, machine, load), kept as they are in a code block. */
    static String render(List<String> context, List<Measurement> results) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Measurement m : results) {
            rows.add(List.of(m.scenario(), String.format(Locale.ROOT, "%,.0f", m.rps()), ms(m.p50Ms()), ms(m.p99Ms()),
                    cpu(m.serverCpuMs()), share(m.jitShare()), m.tier() == Scenario.Tier.GATEWAY ? "-" : cpu(m.postgresCpuMs()),
                    count(m), Long.toString(m.errors())));
        }
        StringBuilder out = new StringBuilder();
        out.append("```\n");
        context.forEach(line -> out.append(line).append('\n'));
        out.append("```\n\n");
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            out.append(line(rows.get(r), widths));
            if (r == 0) {
                List<String> rule = new ArrayList<>();
                for (int i = 0; i < widths.length; i++) {
                    rule.add((i == 0 ? "-" : "") + "-".repeat(Math.max(1, widths[i] - 1)) + (i == 0 ? "" : ":"));
                }
                out.append(line(rule, widths));
            }
        }
        List<String> overhead = observabilityOverhead(results);
        if (!overhead.isEmpty()) {
            out.append("\nObservability overhead (issue 18): each scenario against its twin `")
                    .append(Scenario.OBSERVABILITY_OFF.substring(1))
                    .append("`, sent to a second gateway with JOINERY_METRICS_ENABLED=false and OTEL_PROPAGATORS=none, "
                            + "the two measured in alternating rounds:\n");
            overhead.forEach(line -> out.append("- ").append(line).append('\n'));
        }
        List<String> roleCost = roleCost(results);
        if (!roleCost.isEmpty()) {
            out.append("\nPermission cost (issue 14): each role scenario against the same query as admin, "
                    + "the two measured in alternating rounds:\n");
            roleCost.forEach(line -> out.append("- ").append(line).append('\n'));
        }
        List<Measurement> counted = results.stream().filter(m -> !m.statements().isEmpty()).toList();
        if (!counted.isEmpty()) {
            out.append("\nSQL statements per request (pg_stat_statements):\n");
            for (Measurement m : counted) {
                out.append("- ").append(m.scenario()).append(": ");
                List<String> parts = new ArrayList<>();
                for (Map.Entry<String, Double> e : m.statements().entrySet()) {
                    parts.add(String.format(Locale.ROOT, "%.2f x `%s`", e.getValue(), e.getKey()));
                }
                out.append(String.join("; ", parts)).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * One line per A/B pair: what the default observability (metrics on, trace propagation without an
     * exporter) costs against none, in throughput and in server CPU per query. With rounds, the
     * throughput difference is the median of the rounds' (each round of A against the round of B
     * next to it in time), which a burst of other work on the machine moves least; its range and the
     * overall difference follow.
     */
    static List<String> observabilityOverhead(List<Measurement> results) {
        List<String> lines = new ArrayList<>();
        for (Measurement on : results) {
            results.stream().filter(off -> off.scenario().equals(on.scenario() + Scenario.OBSERVABILITY_OFF)).findFirst()
                    .ifPresent(off -> lines.add(overhead(on, off)));
        }
        return lines;
    }

    private static String overhead(Measurement on, Measurement off) {
        String cpu = String.format(Locale.ROOT, "server CPU per query %+.1f %% (%.3f vs %.3f ms)",
                percent(on.serverCpuMs(), off.serverCpuMs()), on.serverCpuMs(), off.serverCpuMs());
        int rounds = Math.min(on.roundRps().size(), off.roundRps().size());
        if (rounds == 0) {
            return String.format(Locale.ROOT, "%s: throughput %+.1f %% with observability on (%,.0f vs %,.0f req/s), %s",
                    on.scenario(), percent(on.rps(), off.rps()), on.rps(), off.rps(), cpu);
        }
        double[] differences = sorted(rounds, i -> percent(on.roundRps().get(i), off.roundRps().get(i)));
        return String.format(Locale.ROOT, "%s: throughput %+.1f %% with observability on (median of %d paired rounds, "
                        + "from %+.1f to %+.1f %%; overall %,.0f vs %,.0f req/s, %+.1f %%), %s",
                on.scenario(), median(differences), rounds, differences[0], differences[rounds - 1], on.rps(), off.rps(),
                percent(on.rps(), off.rps()), cpu);
    }

    /**
     * One line per role scenario measured with its admin baseline (Scenario#against): how much more
     * time a query takes as the role (wrk keeps 32 requests in flight, so time per query is the
     * inverse of throughput: the median of the paired rounds', its range, and overall), and the
     * server's and Postgres' CPU and the SQL statements per query of both.
     */
    static List<String> roleCost(List<Measurement> results) {
        List<String> lines = new ArrayList<>();
        for (Scenario scenario : Scenarios.all()) {
            if (scenario.baseline() == null) {
                continue;
            }
            find(results, scenario.name()).ifPresent(role -> find(results, scenario.baseline())
                    .ifPresent(admin -> lines.add(roleCost(role, admin))));
        }
        return lines;
    }

    private static String roleCost(Measurement role, Measurement admin) {
        int rounds = Math.min(role.roundRps().size(), admin.roundRps().size());
        String time = String.format(Locale.ROOT, "time per query %+.1f %% as the role", percent(admin.rps(), role.rps()));
        if (rounds > 0) {
            double[] differences = sorted(rounds, i -> percent(admin.roundRps().get(i), role.roundRps().get(i)));
            time = String.format(Locale.ROOT, "time per query %+.1f %% as the role (median of %d paired rounds, "
                            + "from %+.1f to %+.1f %%; overall %,.0f vs %,.0f req/s, %+.1f %%)", median(differences),
                    rounds, differences[0], differences[rounds - 1], role.rps(), admin.rps(),
                    percent(admin.rps(), role.rps()));
        }
        return String.format(Locale.ROOT, "%s against %s: %s, server CPU per query %+.1f %% (%.3f vs %.3f ms), "
                        + "Postgres CPU per query %+.1f %% (%.3f vs %.3f ms), SQL statements per query %.2f vs %.2f",
                role.scenario(), admin.scenario(), time, percent(role.serverCpuMs(), admin.serverCpuMs()),
                role.serverCpuMs(), admin.serverCpuMs(), percent(role.postgresCpuMs(), admin.postgresCpuMs()),
                role.postgresCpuMs(), admin.postgresCpuMs(), role.perQuery(), admin.perQuery());
    }

    private static Optional<Measurement> find(List<Measurement> results, String scenario) {
        return results.stream().filter(m -> m.scenario().equals(scenario)).findFirst();
    }

    /** Each paired round's difference, sorted. */
    private static double[] sorted(int rounds, IntToDoubleFunction difference) {
        double[] differences = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            differences[i] = difference.applyAsDouble(i);
        }
        Arrays.sort(differences);
        return differences;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** How much {@code on} differs from {@code off}, in percent of {@code off}. */
    private static double percent(double on, double off) {
        return (on - off) / off * 100;
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder out = new StringBuilder("|");
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String padded = i == 0 ? cell + " ".repeat(widths[i] - cell.length())
                    : " ".repeat(widths[i] - cell.length()) + cell;
            out.append(' ').append(padded).append(" |");
        }
        return out.append('\n').toString();
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** A part of a whole as a percentage ("3.2 %"; "n/a": not measured). */
    static String share(double part) {
        return Double.isFinite(part) ? String.format(Locale.ROOT, "%.1f %%", 100 * part) : "n/a";
    }

    private static String cpu(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "n/a";
    }

    private static String count(Measurement m) {
        if (!Double.isFinite(m.perQuery())) {
            return "n/a";
        }
        String unit = m.tier() == Scenario.Tier.GATEWAY ? " upstream" : " SQL";
        return String.format(Locale.ROOT, "%.2f", m.perQuery()) + unit;
    }
}
