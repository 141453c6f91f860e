package io.joinery.child.sql;

import graphql.normalized.ExecutableNormalizedField;
import io.joinery.child.metadata.ResolvedColumn;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.metadata.ResolvedRelationship;
import io.joinery.child.metadata.ResolvedTable;
import io.joinery.child.schema.ComparisonOperator;
import io.joinery.child.schema.RootField;
import io.joinery.child.schema.TableGraphqlNames;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one normalized mutation root field into a {@link MutationIr}, checking what validation
 * cannot: an update sets something, a column is not in both `_set` and `_inc`, a nested insert
 * does not also give the columns its relationship determines. Database errors of the field will point at
 * `$.selectionSet.<field>.args.objects` (`.args.object` for `_one`) for inserts, the values being
 * written, and at `$` for updates and deletes, where Hasura reports them (a failed update `check`
 * included).
 */
final class MutationIrBuilder {
    private static final String TYPENAME = "__typename";

    private final ResolvedModel model;
    private final SelectIrBuilder selects;
    private final BoolExpParser where;

    private final RolePermissions permissions;

    MutationIrBuilder(ResolvedModel model, SelectIrBuilder selects, RolePermissions permissions) {
        this.model = model;
        this.selects = selects;
        this.permissions = permissions;
        this.where = new BoolExpParser(model, permissions);
    }

    MutationIr build(RootField.TableMutation target) {
        ExecutableNormalizedField field = target.field();
        ErrorPath path = ErrorPath.root().key("selectionSet").key(field.getName());
        ResolvedTable table = target.table();
        Map<String, Object> args = field.getResolvedArguments();
        ErrorPath argsPath = path.key("args");
        return switch (target.kind()) {
            case INSERT -> new MutationIr(table, insert(table, (List<?>) args.get("objects"), args, argsPath,
                    argsPath.key("objects")), response(table, field, path), argsPath.key("objects"));
            case INSERT_ONE -> new MutationIr(table, insert(table, List.of(args.get("object")), args, argsPath,
                    argsPath.key("object")), single(table, field, path), argsPath.key("object"));
            case UPDATE -> new MutationIr(table, update(table, filter(table, args.get("where"), argsPath), args, argsPath),
                    response(table, field, path), ErrorPath.root());
            case UPDATE_BY_PK -> new MutationIr(table,
                    update(table, primaryKey(table, (Map<?, ?>) args.get("pk_columns")), args, argsPath),
                    single(table, field, path), ErrorPath.root());
            case DELETE -> new MutationIr(table, delete(table, filter(table, args.get("where"), argsPath)),
                    response(table, field, path), ErrorPath.root());
            case DELETE_BY_PK -> new MutationIr(table, delete(table, primaryKey(table, args)),
                    single(table, field, path), ErrorPath.root());
        };
    }

    /** The delete of the rows {@code where} selects among those the role's delete permission allows. */
    private MutationIr.Delete delete(ResolvedTable table, BoolExp where) {
        if (permissions.isAdmin()) {
            return new MutationIr.Delete(where);
        }
        BoolExp filter = permissions.deleteFilter(table).orElseThrow(() -> denied("delete", table));
        return new MutationIr.Delete(BoolExp.and(List.of(BoolExp.permission(filter), where)));
    }

    /** The schema only offers a role the mutations it is permitted; reaching one without is a bug. */
    private static IllegalStateException denied(String kind, ResolvedTable table) {
        return new IllegalStateException("no " + kind + " permission on " + table.name() + " for this role");
    }

    /** The role's insert permission on {@code table} (admin: no presets, no check). */
    private RolePermissions.Insert insertPermission(ResolvedTable table) {
        if (permissions.isAdmin()) {
            return new RolePermissions.Insert(BoolExp.TRUE, Map.of(), false);
        }
        return permissions.insert(table).orElseThrow(() -> denied("insert", table));
    }

    private MutationIr.Insert insert(ResolvedTable table, List<?> objects, Map<String, Object> args, ErrorPath argsPath,
                                     ErrorPath objectsPath) {
        List<MutationIr.InsertRow> rows = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            ErrorPath at = objects.size() == 1 && objectsPath.equals(argsPath.key("object")) ? objectsPath
                    : objectsPath.index(i);
            rows.add(row(table, (Map<?, ?>) objects.get(i), at));
        }
        return new MutationIr.Insert(rows, onConflict(table, args.get("on_conflict"), argsPath.key("on_conflict")),
                BoolExp.permission(insertPermission(table).check()));
    }

    /** One insert object: its columns and its nested relationship inserts. */
    private MutationIr.InsertRow row(ResolvedTable table, Map<?, ?> object, ErrorPath path) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<MutationIr.RelatedInsert> before = new ArrayList<>();
        List<MutationIr.RelatedInsert> after = new ArrayList<>();
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            String key = (String) entry.getKey();
            Object value = entry.getValue();
            ResolvedColumn column = table.column(key).orElse(null);
            if (column != null) {
                values.put(column.name(), value == null ? null : BoolExpParser.text(value, column.type()));
                continue;
            }
            if (value == null) {
                continue;
            }
            ResolvedRelationship rel = table.relationship(key).orElseThrow();
            ResolvedTable remote = model.table(rel.remoteTable()).orElseThrow();
            ErrorPath at = path.key(key);
            Map<?, ?> input = (Map<?, ?>) value;
            List<MutationIr.InsertRow> rows = new ArrayList<>();
            if (rel.kind() == ResolvedRelationship.Kind.OBJECT) {
                rows.add(row(remote, (Map<?, ?>) input.get("data"), at.key("data")));
            } else {
                List<?> data = (List<?>) input.get("data");
                for (int i = 0; i < data.size(); i++) {
                    rows.add(row(remote, (Map<?, ?>) data.get(i), at.key("data").index(i)));
                }
            }
            MutationIr.RelatedInsert related = new MutationIr.RelatedInsert(rel, remote, rows,
                    onConflict(remote, input.get("on_conflict"), at.key("on_conflict")),
                    BoolExp.permission(insertPermission(remote).check()));
            boolean isBefore = insertsBefore(rel, remote);
            Set<String> determined = new LinkedHashSet<>();
            if (isBefore) {
                before.add(related);
                rel.columnMapping().keySet().stream().filter(object::containsKey).forEach(determined::add);
            } else {
                after.add(related);
                rows.forEach(child -> rel.columnMapping().values().stream().filter(child.values()::containsKey)
                        .forEach(determined::add));
            }
            if (!determined.isEmpty()) {
                throw new JoineryException(ErrorCode.VALIDATION_FAILED, "cannot insert " + (isBefore ? "object" : "array")
                        + " relationship \"" + rel.name() + "\" as " + String.join(", ", determined)
                        + " column values are already determined", at);
            }
        }
        // presets overwrite what the client sent (their columns are not in the role's input type)
        values.putAll(insertPermission(table).presets());
        return new MutationIr.InsertRow(values, before, after);
    }

    /**
     * Whether the related row must exist first: an object relationship whose remote columns are the
     * remote table's primary key or a unique constraint (this table holds the reference).
     */
    static boolean insertsBefore(ResolvedRelationship rel, ResolvedTable remote) {
        if (rel.kind() != ResolvedRelationship.Kind.OBJECT) {
            return false;
        }
        Set<String> remoteColumns = Set.copyOf(rel.columnMapping().values());
        return remoteColumns.equals(Set.copyOf(remote.primaryKey()))
                || remote.uniqueConstraints().stream().anyMatch(c -> remoteColumns.equals(Set.copyOf(c.columns())));
    }

    private MutationIr.OnConflict onConflict(ResolvedTable table, Object value, ErrorPath path) {
        if (!(value instanceof Map<?, ?> conflict)) {
            return null;
        }
        List<ResolvedColumn> update = new ArrayList<>();
        if (conflict.get("update_columns") instanceof List<?> list) {
            list.forEach(n -> update.add(table.column((String) n).orElseThrow()));
        }
        BoolExp condition = conflict.get("where") instanceof Map<?, ?> exp
                ? where.parse(table, exp, path.key("where")) : BoolExp.TRUE;
        if (!permissions.isAdmin() && !update.isEmpty()) {
            // the existing row is updated only where the role's update permission allows it
            RolePermissions.Update permission = permissions.update(table).orElseThrow(() -> denied("update", table));
            condition = BoolExp.and(List.of(BoolExp.permission(permission.filter()), condition));
        }
        return new MutationIr.OnConflict((String) conflict.get("constraint"), update, condition);
    }

    private MutationIr.Update update(ResolvedTable table, BoolExp filter, Map<String, Object> args, ErrorPath argsPath) {
        List<MutationIr.Assignment> set = new ArrayList<>(assignments(table, args.get("_set")));
        List<MutationIr.Assignment> inc = assignments(table, args.get("_inc"));
        RolePermissions.Update permission = permissions.isAdmin() ? null
                : permissions.update(table).orElseThrow(() -> denied("update", table));
        // the role's presets are assignments too: an update may consist of them alone (Hasura)
        if (set.isEmpty() && inc.isEmpty() && (permission == null || permission.presets().isEmpty())) {
            throw new JoineryException(ErrorCode.VALIDATION_FAILED, "at least any one of _set, _inc is expected",
                    argsPath);
        }
        for (MutationIr.Assignment assignment : inc) {
            if (set.stream().anyMatch(s -> s.column().equals(assignment.column()))) {
                throw new JoineryException(ErrorCode.VALIDATION_FAILED, "column '" + assignment.column().name()
                        + "' can be updated by only one of \"_set\" and \"_inc\"", argsPath.key("_inc"));
            }
        }
        if (permission == null) {
            return new MutationIr.Update(filter, set, inc, BoolExp.TRUE);
        }
        // presets overwrite what the client sent (their columns are not in the role's input types)
        permission.presets().forEach((name, value) -> {
            set.removeIf(a -> a.column().name().equals(name));
            set.add(new MutationIr.Assignment(table.column(name).orElseThrow(), value));
        });
        return new MutationIr.Update(BoolExp.and(List.of(BoolExp.permission(permission.filter()), filter)), set, inc,
                permission.check() == null ? BoolExp.TRUE : BoolExp.permission(permission.check()));
    }

    private static List<MutationIr.Assignment> assignments(ResolvedTable table, Object values) {
        List<MutationIr.Assignment> out = new ArrayList<>();
        if (values instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                ResolvedColumn column = table.column((String) key).orElseThrow();
                out.add(new MutationIr.Assignment(column, value == null ? null : BoolExpParser.text(value, column.type())));
            });
        }
        return out;
    }

    private BoolExp filter(ResolvedTable table, Object exp, ErrorPath argsPath) {
        return exp instanceof Map<?, ?> map ? where.parse(table, map, argsPath.key("where")) : BoolExp.TRUE;
    }

    private static BoolExp primaryKey(ResolvedTable table, Map<?, ?> values) {
        List<BoolExp> keys = new ArrayList<>();
        for (String key : table.primaryKey()) {
            ResolvedColumn column = table.column(key).orElseThrow();
            keys.add(new BoolExp.Compare(column, ComparisonOperator.EQ, BoolExpParser.text(values.get(key), column.type())));
        }
        return BoolExp.and(keys);
    }

    private MutationIr.Single single(ResolvedTable table, ExecutableNormalizedField field, ErrorPath path) {
        return new MutationIr.Single(selects.fields(table, field, path), permissions.selectFilter(table));
    }

    private MutationIr.Response response(ResolvedTable table, ExecutableNormalizedField field, ErrorPath path) {
        List<MutationIr.ResponseField> out = new ArrayList<>();
        for (ExecutableNormalizedField child : field.getChildren()) {
            ErrorPath at = path.key("selectionSet").key(child.getName());
            switch (child.getName()) {
                case TYPENAME -> out.add(new MutationIr.Typename(child.getResultKey(),
                        TableGraphqlNames.of(table).mutationResponse()));
                case "affected_rows" -> out.add(new MutationIr.AffectedRows(child.getResultKey()));
                case "returning" -> out.add(new MutationIr.Returning(child.getResultKey(), selects.fields(table, child, at),
                        permissions.selectFilter(table)));
                default -> throw new JoineryException(ErrorCode.VALIDATION_FAILED, "field '" + child.getName()
                        + "' not found in type: '" + TableGraphqlNames.of(table).mutationResponse() + "'", at);
            }
        }
        return new MutationIr.Response(out);
    }
}
