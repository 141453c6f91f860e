package io.joinery.child.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.PgCatalog;
import io.joinery.child.db.PgColumn;
import io.joinery.child.db.PgForeignKey;
import io.joinery.child.db.PgTable;
import io.joinery.child.db.PgType;
import io.joinery.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Reads the tables and views of the database from `pg_catalog` in ONE statement (one consistent
 * snapshot, one round trip) that Postgres answers as JSON: columns (type name, `format_type`,
 * category, nullability, default, identity/generated, comment), primary key, unique constraints
 * and outgoing foreign keys. System schemas and Joinery's own schema are skipped. Runs when
 * metadata changes and after `run_sql`, never per request.
 */
public final class PgCatalogReader {
    // Schemas never offered for tracking (written into the query): pg_catalog, information_schema,
    // and joinery_catalog, which holds the child's own tables (db.CatalogMigrations).
    private static final String QUERY = """
            WITH rel AS (
              SELECT c.oid, n.nspname::text AS schema, c.relname::text AS name, c.relkind IN ('v', 'm') AS is_view,
                     obj_description(c.oid, 'pg_class') AS comment
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
                AND n.nspname <> ALL (ARRAY['pg_catalog', 'information_schema', 'joinery_catalog'])
                AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
            )
            SELECT coalesce(json_agg(json_build_object(
              'schema', rel.schema, 'name', rel.name, 'is_view', rel.is_view, 'comment', rel.comment,
              'columns', (SELECT coalesce(json_agg(json_build_object(
                    'name', a.attname::text, 'position', a.attnum, 'type', t.typname::text,
                    'sql_type', format_type(a.atttypid, a.atttypmod), 'category', t.typcategory::text,
                    'nullable', NOT a.attnotnull, 'has_default', a.atthasdef OR a.attidentity <> '',
                    'generated', a.attgenerated <> '' OR a.attidentity = 'a',
                    'comment', col_description(a.attrelid, a.attnum)) ORDER BY a.attnum), '[]'::json)
                  FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
                  WHERE a.attrelid = rel.oid AND a.attnum > 0 AND NOT a.attisdropped),
              'constraints', (SELECT coalesce(json_agg(json_build_object(
                    'name', con.conname::text, 'type', con.contype::text,
                    'columns', (SELECT json_agg(a.attname::text ORDER BY k.ord)
                                FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                                JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum),
                    'ref_schema', rn.nspname::text, 'ref_name', rc.relname::text,
                    'ref_columns', (SELECT json_agg(a.attname::text ORDER BY k.ord)
                                    FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum))
                    ORDER BY con.conname), '[]'::json)
                  FROM pg_constraint con
                  LEFT JOIN pg_class rc ON rc.oid = con.confrelid
                  LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
                  WHERE con.conrelid = rel.oid AND con.contype IN ('p', 'u', 'f'))
            ) ORDER BY rel.schema, rel.name), '[]'::json)
            FROM rel
            """;

    private final SqlRunner sql;

    public PgCatalogReader(SqlRunner sql) {
        this.sql = sql;
    }

    public Mono<PgCatalog> read() {
        return sql.queryJson(SqlStatement.of(QUERY)).map(PgCatalogReader::parse);
    }

    /**
     * Reads the catalog on a JDBC connection, inside whatever transaction it has open: how
     * `run_sql` sees the effect of its own DDL before committing. Blocking; only for
     * {@link io.joinery.child.db.RunSqlExecutor}'s worker thread.
     */
    public static PgCatalog readBlocking(java.sql.Connection connection) throws java.sql.SQLException {
        try (java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery(QUERY)) {
            rows.next();
            return parse(rows.getString(1));
        }
    }

    /** Builds the catalog from the query's JSON answer. */
    static PgCatalog parse(String json) {
        JsonNode tables;
        try {
            tables = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the catalog query returned invalid JSON", e);
        }
        List<PgTable> out = new ArrayList<>();
        for (JsonNode t : tables) {
            QualifiedTable name = new QualifiedTable(t.get("schema").asText(), t.get("name").asText());
            List<PgColumn> columns = new ArrayList<>();
            for (JsonNode c : t.get("columns")) {
                String category = c.get("category").asText();
                columns.add(new PgColumn(c.get("name").asText(), c.get("position").asInt(),
                        new PgType(c.get("type").asText(), c.get("sql_type").asText(),
                                category.isEmpty() ? 'X' : category.charAt(0)),
                        c.get("nullable").asBoolean(), c.get("has_default").asBoolean(),
                        c.get("generated").asBoolean(), text(c.get("comment"))));
            }
            List<String> primaryKey = List.of();
            List<PgTable.PgConstraint> unique = new ArrayList<>();
            List<PgForeignKey> foreignKeys = new ArrayList<>();
            for (JsonNode con : t.get("constraints")) {
                String type = con.get("type").asText();
                List<String> conColumns = strings(con.get("columns"));
                if (type.equals("p") || type.equals("u")) {
                    unique.add(new PgTable.PgConstraint(con.get("name").asText(), conColumns));
                    if (type.equals("p")) {
                        primaryKey = conColumns;
                    }
                } else {
                    List<String> refColumns = strings(con.get("ref_columns"));
                    Map<String, String> mapping = new LinkedHashMap<>();
                    for (int i = 0; i < conColumns.size() && i < refColumns.size(); i++) {
                        mapping.put(conColumns.get(i), refColumns.get(i));
                    }
                    foreignKeys.add(new PgForeignKey(con.get("name").asText(), name,
                            new QualifiedTable(con.get("ref_schema").asText(), con.get("ref_name").asText()), mapping));
                }
            }
            out.add(new PgTable(name, t.get("is_view").asBoolean(), columns, primaryKey, unique, foreignKeys,
                    text(t.get("comment"))));
        }
        return PgCatalog.of(out);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
