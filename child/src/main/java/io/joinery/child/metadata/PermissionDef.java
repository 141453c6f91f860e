package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of one table permission as the user declared it (SPEC §10.1), one record per kind.
 * Boolean expressions ({@code filter}, {@code check}) and preset values stay JSON here: they are
 * declared text, checked against the catalog by {@link MetadataResolver} and compiled into SQL
 * predicates by the `sql` stage; {@link #toJson} writes them back exactly for `export_metadata`.
 *
 * <pre>
 * {"columns": ["id", "title"], "filter": {"author_id": {"_eq": "X-Hasura-User-Id"}}, "limit": 10}
 *   -> Select(Columns[id, title], {author_id: ...}, 10, false, null, null)
 * </pre>
 */
public sealed interface PermissionDef {
    PermissionKind kind();

    /** The `permission` object as exported. */
    ObjectNode toJson();

    /** `"*"` ({@code all}) or a list of column names. */
    record Columns(boolean all, List<String> names) {
        public static final Columns ALL = new Columns(true, List.of());

        public Columns {
            names = List.copyOf(names);
        }

        public boolean allows(String column) {
            return all || names.contains(column);
        }

        JsonNode toJson() {
            if (all) {
                return Json.MAPPER.getNodeFactory().textNode("*");
            }
            ArrayNode list = Json.array();
            names.forEach(list::add);
            return list;
        }
    }

    /**
     * @param limit                  null: no cap
     * @param queryRootFields        null: all of `select`, `select_by_pk`, `select_aggregate` the
     *                               rest allows; else the listed ones
     * @param subscriptionRootFields as {@code queryRootFields}, kept for export (the child serves no subscriptions)
     */
    record Select(Columns columns, JsonNode filter, Integer limit, boolean allowAggregations,
                  List<String> queryRootFields, List<String> subscriptionRootFields) implements PermissionDef {
        public Select {
            Objects.requireNonNull(columns, "columns");
            filter = filter == null ? Json.object() : filter;
            queryRootFields = queryRootFields == null ? null : List.copyOf(queryRootFields);
            subscriptionRootFields = subscriptionRootFields == null ? null : List.copyOf(subscriptionRootFields);
        }

        @Override
        public PermissionKind kind() {
            return PermissionKind.SELECT;
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode node = Json.object();
            node.set("columns", columns.toJson());
            node.set("filter", filter);
            if (limit != null) {
                node.put("limit", limit);
            }
            if (allowAggregations) {
                node.put("allow_aggregations", true);
            }
            putList(node, "query_root_fields", queryRootFields);
            putList(node, "subscription_root_fields", subscriptionRootFields);
            return node;
        }
    }

    /** @param set column presets: a value, or a session variable name (`X-Hasura-User-Id`) */
    record Insert(JsonNode check, Map<String, JsonNode> set, Columns columns, boolean backendOnly)
            implements PermissionDef {
        public Insert {
            check = check == null ? Json.object() : check;
            set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
            columns = columns == null ? Columns.ALL : columns;
        }

        @Override
        public PermissionKind kind() {
            return PermissionKind.INSERT;
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode node = Json.object();
            node.set("check", check);
            putSet(node, set);
            node.set("columns", columns.toJson());
            if (backendOnly) {
                node.put("backend_only", true);
            }
            return node;
        }
    }

    /** @param check null: no check on the updated row */
    record Update(Columns columns, JsonNode filter, JsonNode check, Map<String, JsonNode> set, boolean backendOnly)
            implements PermissionDef {
        public Update {
            Objects.requireNonNull(columns, "columns");
            filter = filter == null ? Json.object() : filter;
            set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
        }

        @Override
        public PermissionKind kind() {
            return PermissionKind.UPDATE;
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode node = Json.object();
            node.set("columns", columns.toJson());
            node.set("filter", filter);
            if (check != null) {
                node.set("check", check);
            }
            putSet(node, set);
            if (backendOnly) {
                node.put("backend_only", true);
            }
            return node;
        }
    }

    record Delete(JsonNode filter, boolean backendOnly) implements PermissionDef {
        public Delete {
            filter = filter == null ? Json.object() : filter;
        }

        @Override
        public PermissionKind kind() {
            return PermissionKind.DELETE;
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode node = Json.object();
            node.set("filter", filter);
            if (backendOnly) {
                node.put("backend_only", true);
            }
            return node;
        }
    }

    private static void putList(ObjectNode node, String key, List<String> values) {
        if (values != null) {
            ArrayNode list = node.putArray(key);
            values.forEach(list::add);
        }
    }

    private static void putSet(ObjectNode node, Map<String, JsonNode> set) {
        if (!set.isEmpty()) {
            ObjectNode presets = node.putObject("set");
            set.forEach(presets::set);
        }
    }
}
