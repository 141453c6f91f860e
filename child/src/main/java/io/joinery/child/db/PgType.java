package io.joinery.child.db;

import java.util.Map;
import java.util.Set;

/**
 * A column's Postgres type and how it appears in GraphQL (SPEC §2.2).
 *
 * @param name      the catalog type name (`pg_type.typname`: `int4`, `text`, `_text`, `my_enum`)
 * @param sqlName   the type as SQL writes it in a cast (`format_type`: `integer`, `text[]`,
 *                  `"MySchema".my_enum`); values are bound as text and cast to this
 * @param category  `pg_type.typcategory` (`N` numeric, `S` string, `B` boolean, `D` date/time,
 *                  `A` array, `E` enum, `U` user-defined incl. json/uuid, ...)
 */
public record PgType(String name, String sqlName, char category) {
    private static final Map<String, String> GRAPHQL_NAMES = Map.ofEntries(
            Map.entry("int4", "Int"), Map.entry("serial", "Int"),
            Map.entry("text", "String"), Map.entry("varchar", "String"),
            Map.entry("bool", "Boolean"),
            Map.entry("float4", "Float"),
            Map.entry("int8", "bigint"), Map.entry("int2", "smallint"));
    private static final Set<String> TEXT_SEARCHABLE = Set.of("text", "varchar", "bpchar", "citext", "name");
    private static final Set<String> NUMERIC = Set.of("int2", "int4", "int8", "float4", "float8", "numeric", "money");

    /**
     * The GraphQL scalar: `Int`, `String`, `Boolean`, `Float` for the four built-in mappings,
     * `bigint`/`smallint` for int8/int2, otherwise the Postgres type name as a custom scalar.
     */
    public String graphqlScalar() {
        return GRAPHQL_NAMES.getOrDefault(name, name);
    }

    /** Whether `_like`/`_ilike`/`_similar`/`_regex` comparisons apply. */
    public boolean isTextSearchable() {
        return TEXT_SEARCHABLE.contains(name);
    }

    /** Whether `sum`/`avg`/`stddev*`/`var*` aggregates and `_inc` apply. */
    public boolean isNumeric() {
        return NUMERIC.contains(name);
    }

    /** Whether `min`/`max` apply: numeric, text and date/time columns. */
    public boolean isOrderable() {
        return isNumeric() || isTextSearchable() || category == 'D';
    }

    public boolean isJson() {
        return name.equals("json") || name.equals("jsonb");
    }
}
