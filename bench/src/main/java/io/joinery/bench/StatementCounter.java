package io.joinery.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts the SQL statements the child sends per request, with `pg_stat_statements` (the benchmark
 * preloads it into the child's embedded Postgres). The counter is reset, a known number of
 * requests is sent one after another, and the calls recorded since are divided by that number.
 * What the counting itself costs (the `run_sql` transactions that reset and read the view) is
 * measured the same way with no requests in between and subtracted; the child's background work
 * on its catalog (the asynchronous-action poller) is left out by name.
 */
final class StatementCounter {
    private static final String READ = "SELECT query, calls FROM pg_stat_statements "
            + "WHERE query NOT LIKE '%pg_stat_statements%' AND query NOT LIKE '%joinery_catalog%'";

    /** Statements per request: all of them, and each distinct statement (text abbreviated). */
    record Count(double perRequest, Map<String, Double> byStatement) {}

    private final ChildAdmin admin;

    private StatementCounter(ChildAdmin admin) {
        this.admin = admin;
    }

    /** Creates the extension; empty (with the reason printed) when this Postgres cannot count. */
    static Optional<StatementCounter> enable(ChildAdmin admin) {
        try {
            admin.runSql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", "creating pg_stat_statements");
            StatementCounter counter = new StatementCounter(admin);
            counter.read();
            return Optional.of(counter);
        } catch (BenchFailure e) {
            System.err.println("bench: statements per request will not be counted: " + e.getMessage());
            return Optional.empty();
        }
    }

    Count measure(int requests, Runnable traffic) {
        reset();
        Map<String, Long> overhead = read();
        reset();
        traffic.run();
        Map<String, Long> after = read();
        Map<String, Double> byStatement = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, Long> entry : after.entrySet()) {
            long calls = entry.getValue() - overhead.getOrDefault(entry.getKey(), 0L);
            if (calls > 0) {
                total += calls;
                byStatement.merge(abbreviate(entry.getKey()), (double) calls / requests, Double::sum);
            }
        }
        return new Count((double) total / requests, byStatement);
    }

    private void reset() {
        admin.runSql("SELECT pg_stat_statements_reset()", "resetting pg_stat_statements");
    }

    private Map<String, Long> read() {
        JsonNode rows = admin.runSql(READ, "reading pg_stat_statements");
        Map<String, Long> calls = new LinkedHashMap<>();
        for (int i = 1; i < rows.size(); i++) {
            calls.merge(rows.get(i).get(0).asText(), Long.parseLong(rows.get(i).get(1).asText()), Long::sum);
        }
        return calls;
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 70 ? oneLine.substring(0, 70) + "..." : oneLine;
    }
}
