package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What one role may do with one table: its permission of each kind, when it has one.
 *
 * <p>{@code selectGrants} are the select permissions whose union {@code selectDef} is: the one
 * select permission of an ordinary role, one per member (flattened) for an inherited role
 * (SPEC §10.2). {@code selectDef} then allows the rows any grant allows and the columns any grant
 * allows; a column's value in a row is shown only when a grant allowing that column also allows
 * that row ({@link #columnGrants}), else it is null (Hasura's cell-level union).
 */
public record TableAccess(PermissionDef.Select selectDef, PermissionDef.Insert insertDef, PermissionDef.Update updateDef,
                          PermissionDef.Delete deleteDef, List<PermissionDef.Select> selectGrants) {
    public static final TableAccess NONE = new TableAccess(null, null, null, null);

    public TableAccess {
        selectGrants = selectGrants == null || selectGrants.isEmpty()
                ? (selectDef == null ? List.of() : List.of(selectDef)) : List.copyOf(selectGrants);
    }

    public TableAccess(PermissionDef.Select selectDef, PermissionDef.Insert insertDef, PermissionDef.Update updateDef,
                       PermissionDef.Delete deleteDef) {
        this(selectDef, insertDef, updateDef, deleteDef, List.of());
    }

    public Optional<PermissionDef.Select> select() {
        return Optional.ofNullable(selectDef);
    }

    public Optional<PermissionDef.Insert> insert() {
        return Optional.ofNullable(insertDef);
    }

    public Optional<PermissionDef.Update> update() {
        return Optional.ofNullable(updateDef);
    }

    public Optional<PermissionDef.Delete> delete() {
        return Optional.ofNullable(deleteDef);
    }

    public boolean isNone() {
        return selectDef == null && insertDef == null && updateDef == null && deleteDef == null;
    }

    /**
     * When {@code column} (which the select allows) is shown only in some rows: the filters of the
     * grants that allow it, one of which must hold for the value to be shown. Empty when every
     * grant allows the column (the row filter already says where it is shown).
     */
    public Optional<List<JsonNode>> columnGrants(String column) {
        List<JsonNode> filters = selectGrants.stream().filter(g -> g.columns().allows(column))
                .map(PermissionDef.Select::filter).toList();
        return filters.size() == selectGrants.size() ? Optional.empty() : Optional.of(filters);
    }

    /**
     * This access without its `backend_only` insert, update and delete permissions: what a request
     * that does not ask for them (with the admin secret) may use (SPEC §10.2).
     */
    public TableAccess withoutBackendOnly() {
        return new TableAccess(selectDef, insertDef != null && insertDef.backendOnly() ? null : insertDef,
                updateDef != null && updateDef.backendOnly() ? null : updateDef,
                deleteDef != null && deleteDef.backendOnly() ? null : deleteDef, selectGrants);
    }

    /** This access with {@code def} as its permission of that kind. */
    TableAccess with(PermissionDef def) {
        if (def instanceof PermissionDef.Select s) {
            return new TableAccess(s, insertDef, updateDef, deleteDef);
        } else if (def instanceof PermissionDef.Insert i) {
            return new TableAccess(selectDef, i, updateDef, deleteDef, selectGrants);
        } else if (def instanceof PermissionDef.Update u) {
            return new TableAccess(selectDef, insertDef, u, deleteDef, selectGrants);
        }
        return new TableAccess(selectDef, insertDef, updateDef, (PermissionDef.Delete) def, selectGrants);
    }

    /** This access where {@code own} (a role's declared permissions) replaces each kind it has. */
    TableAccess overriddenBy(TableAccess own) {
        return new TableAccess(own.selectDef != null ? own.selectDef : selectDef,
                own.insertDef != null ? own.insertDef : insertDef, own.updateDef != null ? own.updateDef : updateDef,
                own.deleteDef != null ? own.deleteDef : deleteDef,
                own.selectDef != null ? own.selectGrants : selectGrants);
    }

    /**
     * The access an inherited role derives from its members' on one table (SPEC §10.2): select is
     * the union of theirs (rows of any filter, columns of any grant, the largest limit and none if
     * one has none, aggregations if one allows them, the union of root fields); insert, update and
     * delete are the members' permission when all members that have one have the same, else none.
     */
    static TableAccess inherited(List<TableAccess> members) {
        List<PermissionDef.Select> grants = members.stream().flatMap(m -> m.selectGrants.stream()).toList();
        return new TableAccess(union(grants), agreed(members, TableAccess::insertDef),
                agreed(members, TableAccess::updateDef), agreed(members, TableAccess::deleteDef), grants);
    }

    private static <P extends PermissionDef> P agreed(List<TableAccess> members, Function<TableAccess, P> kind) {
        List<P> defined = members.stream().map(kind).filter(Objects::nonNull).distinct().toList();
        return defined.size() == 1 ? defined.get(0) : null;
    }

    private static PermissionDef.Select union(List<PermissionDef.Select> grants) {
        if (grants.isEmpty()) {
            return null;
        }
        if (grants.size() == 1) {
            return grants.get(0);
        }
        boolean allColumns = grants.stream().anyMatch(g -> g.columns().all());
        Set<String> columns = new LinkedHashSet<>();
        grants.forEach(g -> columns.addAll(g.columns().names()));
        JsonNode filter = grants.stream().anyMatch(g -> isTrue(g.filter())) ? Json.object() : or(grants);
        Integer limit = grants.stream().anyMatch(g -> g.limit() == null) ? null
                : grants.stream().mapToInt(PermissionDef.Select::limit).max().getAsInt();
        boolean aggregations = grants.stream().anyMatch(PermissionDef.Select::allowAggregations);
        return new PermissionDef.Select(allColumns ? PermissionDef.Columns.ALL
                : new PermissionDef.Columns(false, List.copyOf(columns)), filter, limit, aggregations,
                unionOf(grants, PermissionDef.Select::queryRootFields),
                unionOf(grants, PermissionDef.Select::subscriptionRootFields));
    }

    private static boolean isTrue(JsonNode filter) {
        return filter.isObject() && filter.isEmpty();
    }

    private static JsonNode or(List<PermissionDef.Select> grants) {
        ObjectNode node = Json.object();
        ArrayNode terms = node.putArray("_or");
        grants.forEach(g -> terms.add(g.filter()));
        return node;
    }

    /** Null (all) when a grant has null, else the listed fields of every grant. */
    private static List<String> unionOf(List<PermissionDef.Select> grants,
                                        Function<PermissionDef.Select, List<String>> fields) {
        if (grants.stream().anyMatch(g -> fields.apply(g) == null)) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        grants.forEach(g -> out.addAll(fields.apply(g)));
        return new ArrayList<>(out);
    }
}
