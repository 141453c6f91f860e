package io.joinery.child.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.child.db.PgErrors;
import io.joinery.child.db.SqlRunner;
import io.joinery.child.db.SqlStatement;
import io.joinery.child.schema.RootField;
import io.joinery.child.sql.SqlCompiler;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * `POST /v1/graphql/explain` on the child (SPEC §13): a prepared query in, Hasura's answer out, one
 * entry per root field in selection order, nothing executed.
 *
 * <pre>
 * { author(limit: 1) { id } __typename }
 *   ─▶ [{"field": "author", "sql": "SELECT json_build_object('author', ...) AS data",
 *        "plan": ["Result  (cost=...)", "  SubPlan 1", ...]},
 *       {"field": "__typename", "sql": null, "plan": null}]
 * </pre>
 *
 * As Hasura does: each table field is compiled ALONE (the request's statement answers all of them
 * at once) and `EXPLAIN`ed, its `sql` showing the parameters as literals; introspection and
 * `__typename` get `null`s; an action field makes the whole request 400 `invalid-params` ("query
 * actions cannot be explained"), and so does a mutation ("only queries can be explained").
 * `EXPLAIN` runs with the parameters bound, never with the inlined text.
 */
public final class OperationExplainer {
    static final String ONLY_QUERIES = "only queries can be explained";
    static final String NO_ACTIONS = "query actions cannot be explained";
    private static final String PLAN_COLUMN = "QUERY PLAN";

    private final SqlRunner sql;

    public OperationExplainer(SqlRunner sql) {
        this.sql = sql;
    }

    Mono<JsonNode> explain(PreparedRequest request) {
        if (request.isMutation()) {
            return Mono.error(new JoineryException(ErrorCode.INVALID_PARAMS, ONLY_QUERIES, ErrorPath.root()));
        }
        if (request.roots().stream().anyMatch(field -> field instanceof RootField.ActionField)) {
            return Mono.error(new JoineryException(ErrorCode.INVALID_PARAMS, NO_ACTIONS, ErrorPath.root()));
        }
        SqlCompiler compiler = request.compiler();
        return Flux.fromIterable(request.roots())
                .concatMap(field -> field instanceof RootField.TableSelect
                        ? explain(field.resultKey(), compiler.compileQuery(List.of(field)))
                        : Mono.just(entry(field.resultKey(), null, null)))
                .collectList()
                .map(entries -> {
                    ArrayNode out = Json.array();
                    entries.forEach(out::add);
                    return out;
                });
    }

    private Mono<ObjectNode> explain(String field, SqlStatement statement) {
        SqlStatement explain = new SqlStatement("EXPLAIN " + statement.text(), statement.params());
        return sql.query(explain)
                .onErrorMap(e -> PgErrors.toJoinery(e, explain, ErrorPath.root()))
                .map(rows -> {
                    ArrayNode plan = Json.array();
                    for (Map<String, Object> row : rows) {
                        plan.add(String.valueOf(row.get(PLAN_COLUMN)));
                    }
                    return entry(field, statement.withParametersInlined(), plan);
                });
    }

    private static ObjectNode entry(String field, String sqlText, ArrayNode plan) {
        ObjectNode entry = Json.object();
        entry.put("field", field);
        entry.put("sql", sqlText);
        entry.set("plan", plan == null ? Json.MAPPER.nullNode() : plan);
        return entry;
    }
}
