package io.joinery.child.db;

import java.util.List;

/**
 * The result of `run_sql`: for a row-returning last statement the column names and each value's
 * Postgres text form (`null` for SQL NULL); otherwise {@code rows} is null (`CommandOk`).
 */
public record RunSqlResult(List<String> columns, List<List<String>> rows) {
    public boolean isTuples() {
        return rows != null;
    }
}
