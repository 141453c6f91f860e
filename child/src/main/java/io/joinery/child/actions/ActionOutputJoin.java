package io.joinery.child.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.normalized.ExecutableNormalizedField;
import io.joinery.child.db.PgErrors;
import io.joinery.child.db.SqlRunner;
import io.joinery.child.db.SqlStatement;
import io.joinery.child.metadata.CustomTypes;
import io.joinery.child.metadata.CustomTypes.FieldDef;
import io.joinery.child.metadata.CustomTypes.ObjectDef;
import io.joinery.child.metadata.CustomTypes.RelationshipKind;
import io.joinery.child.metadata.CustomTypes.TypeRelationshipDef;
import io.joinery.child.metadata.GraphqlTypeRef;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.metadata.ResolvedTable;
import io.joinery.child.sql.JsonRowsJoinCompiler;
import io.joinery.child.sql.RolePermissions;
import io.joinery.child.sql.SqlCompiler;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Fills the table relationships of one action field's shaped output (SPEC §3.8) with ONE SQL
 * statement, whatever the nesting and however many rows.
 *
 * <pre>
 * validated handler value + shaped output (relationship fields null)
 *   ─walk the selection→ per relationship field: distinct join-value rows + where each result goes
 *   ─JsonRowsJoinCompiler→ ONE statement (all rows in one jsonb parameter)
 *   ─run→ {"r0": [{"i": row, "v": value}]} ─put each value in place
 * </pre>
 * Join values are read from the handler's value, never from the shaped output, so a mapped field
 * need not be selected, and a client alias equal to a field name cannot confuse the join. A row
 * with any join value null or absent keeps `null` and is not sent. No relationship selected: no SQL.
 */
public final class ActionOutputJoin {
    private static final String AGGREGATE_SUFFIX = "_aggregate";

    private final SqlRunner sql;

    public ActionOutputJoin(SqlRunner sql) {
        this.sql = sql;
    }

    /** One relationship field (one place in the selection) and the rows that need it. */
    private static final class Pending {
        final String key;
        final TypeRelationshipDef relationship;
        final ResolvedTable remote;
        final boolean aggregate;
        final ExecutableNormalizedField field;
        final ErrorPath path;
        final ArrayNode rows = Json.array();
        final Map<String, Integer> rowIds = new HashMap<>();
        final List<List<ObjectNode>> targets = new ArrayList<>();

        Pending(String key, TypeRelationshipDef relationship, boolean aggregate, ResolvedTable remote,
                ExecutableNormalizedField field, ErrorPath path) {
            this.key = key;
            this.relationship = relationship;
            this.aggregate = aggregate;
            this.remote = remote;
            this.field = field;
            this.path = path;
        }

        /** Registers {@code target} to receive the relationship value for these join values. */
        void add(ObjectNode values, ObjectNode target) {
            String identity = Json.write(values);
            Integer id = rowIds.get(identity);
            if (id == null) {
                id = rows.size();
                rowIds.put(identity, id);
                ObjectNode row = Json.object();
                row.put(JsonRowsJoinCompiler.ROW_ID, id);
                row.setAll(values);
                rows.add(row);
                targets.add(new ArrayList<>());
            }
            targets.get(id).add(target);
        }
    }

    /**
     * @param value  the validated handler value
     * @param shaped the value shaped onto the selection ({@link ActionResultShaper}); filled in place
     * @param field  the action's root field
     */
    Mono<JsonNode> fill(ResolvedModel model, SessionVariables session, JsonNode value, GraphqlTypeRef type, ExecutableNormalizedField field,
                        JsonNode shaped) {
        Map<ExecutableNormalizedField, Pending> pending = new LinkedHashMap<>();
        new Walk(model).walk(value, type, field.getChildren(), shaped,
                ErrorPath.root().key("selectionSet").key(field.getName()), pending);
        if (pending.isEmpty()) {
            return Mono.just(shaped);
        }
        ObjectNode rows = Json.object();
        List<JsonRowsJoinCompiler.Join> joins = new ArrayList<>();
        for (Pending p : pending.values()) {
            rows.set(p.key, p.rows);
            joins.add(new JsonRowsJoinCompiler.Join(p.key, p.remote, p.relationship.kind() == RelationshipKind.OBJECT,
                    p.aggregate, p.field, p.path, p.relationship.fieldMapping()));
        }
        // the tables are read with the role's select permissions (SPEC §10.2), in the same statement
        SqlStatement statement = new JsonRowsJoinCompiler(new SqlCompiler(model, RolePermissions.of(model, session.role()),
                session)).compile(Json.write(rows), joins);
        return sql.queryJson(statement)
                .onErrorMap(e -> PgErrors.toJoinery(e, statement, ErrorPath.root()))
                .map(json -> {
                    JsonNode results = parse(json);
                    for (Pending p : pending.values()) {
                        for (JsonNode result : results.path(p.key)) {
                            JsonNode relationshipValue = result.get("v");
                            for (ObjectNode target : p.targets.get(result.get("i").asInt())) {
                                target.set(p.field.getResultKey(), relationshipValue.deepCopy());
                            }
                        }
                    }
                    return shaped;
                });
    }

    /** One walk over an action's value: the model's tables and custom types. */
    private static final class Walk {
        private final ResolvedModel model;
        private final CustomTypes types;

        Walk(ResolvedModel model) {
            this.model = model;
            this.types = model.actions().customTypes();
        }

        void walk(JsonNode value, GraphqlTypeRef type, List<ExecutableNormalizedField> selection, JsonNode shaped,
                  ErrorPath path, Map<ExecutableNormalizedField, Pending> pending) {
            if (value == null || value.isNull() || shaped == null || shaped.isNull() || selection.isEmpty()) {
                return;
            }
            if (type instanceof GraphqlTypeRef.ListOf list) {
                if (value.isArray() && shaped.isArray()) {
                    for (int i = 0; i < Math.min(value.size(), shaped.size()); i++) {
                        walk(value.get(i), list.element(), selection, shaped.get(i), path, pending);
                    }
                }
                return;
            }
            Optional<ObjectDef> object = types.object(type.baseName());
            if (object.isEmpty() || !value.isObject() || !shaped.isObject()) {
                return;
            }
            for (ExecutableNormalizedField child : selection) {
                ErrorPath at = path.key("selectionSet").key(child.getName());
                Optional<TypeRelationshipDef> relationship = object.get().relationship(child.getName());
                if (relationship.isPresent()) {
                    join(value, relationship.get(), false, child, (ObjectNode) shaped, at, pending);
                    continue;
                }
                Optional<TypeRelationshipDef> aggregated = aggregatedRelationship(object.get(), child.getName());
                if (aggregated.isPresent()) {
                    join(value, aggregated.get(), true, child, (ObjectNode) shaped, at, pending);
                    continue;
                }
                Optional<FieldDef> declared = object.get().field(child.getName());
                if (declared.isPresent() && !child.getChildren().isEmpty()) {
                    walk(value.get(child.getName()), declared.get().type(), child.getChildren(),
                            shaped.get(child.getResultKey()), at, pending);
                }
            }
        }

        /** The array relationship `articles` when {@code name} is `articles_aggregate` and no field of the type. */
        private static Optional<TypeRelationshipDef> aggregatedRelationship(ObjectDef object, String name) {
            if (!name.endsWith(AGGREGATE_SUFFIX) || object.field(name).isPresent()) {
                return Optional.empty();
            }
            return object.relationship(name.substring(0, name.length() - AGGREGATE_SUFFIX.length()))
                    .filter(r -> r.kind() == RelationshipKind.ARRAY);
        }

        private void join(JsonNode value, TypeRelationshipDef relationship, boolean aggregate,
                          ExecutableNormalizedField child, ObjectNode target, ErrorPath at,
                          Map<ExecutableNormalizedField, Pending> pending) {
            ObjectNode values = Json.object();
            for (String field : relationship.fieldMapping().keySet()) {
                JsonNode joinValue = value.get(field);
                if (joinValue == null || joinValue.isNull()) {
                    target.putNull(child.getResultKey());
                    return;
                }
                values.set(field, joinValue);
            }
            ResolvedTable remote = model.table(relationship.remoteTable()).orElseThrow(() ->
                    new IllegalStateException("relationship " + relationship.name() + " points at a table outside the schema"));
            Pending entry = pending.computeIfAbsent(child,
                    c -> new Pending("r" + pending.size(), relationship, aggregate, remote, c, at));
            entry.add(values, target);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Postgres returned invalid JSON", e);
        }
    }
}
