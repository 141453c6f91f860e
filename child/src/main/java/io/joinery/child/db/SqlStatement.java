package io.joinery.child.db;

import io.joinery.child.db.SqlRunner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One SQL statement and its bind parameters (`$1`, `$2`, ... in {@code text}). Parameters are
 * bound by {@link SqlRunner}: a {@code String} as text (the SQL casts it to the column type), a
 * {@code List<String>} as {@code text[]}, {@code Integer}/{@code Long}/{@code Boolean} as
 * themselves, {@code null} as a text NULL.
 */
public record SqlStatement(String text, List<Object> params) {
    public SqlStatement {
        params = Collections.unmodifiableList(new ArrayList<>(params));
    }

    public static SqlStatement of(String text, Object... params) {
        List<Object> list = new ArrayList<>();
        Collections.addAll(list, params);
        return new SqlStatement(text, list);
    }
}
