package io.joinery.child.schema;

import graphql.normalized.ExecutableNormalizedField;
import io.joinery.child.metadata.ActionDef;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.metadata.ResolvedTable;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Says what each root field of an operation is ({@link RootField}), from the names
 * {@link ChildSchemaBuilder} generated for the model: built once per snapshot, used once per
 * request. An action's name wins over a table field's; views have no mutation fields, tables
 * without a primary key no `_by_pk` fields.
 */
public final class RootFieldClassifier {
    private static final String TYPENAME = "__typename";
    private static final Set<String> INTROSPECTION = Set.of("__schema", "__type");

    private record TableField<K>(ResolvedTable table, K kind) {}

    private final ResolvedModel model;
    private final Map<String, TableField<RootField.SelectKind>> selects = new HashMap<>();
    private final Map<String, TableField<RootField.MutationKind>> mutations = new HashMap<>();

    public RootFieldClassifier(ResolvedModel model) {
        this.model = model;
        // should two generated names clash, a list field wins over a `_by_pk` one, which wins over an aggregate
        for (ResolvedTable table : model.tables().values()) {
            selects.put(TableGraphqlNames.of(table).selectField(), new TableField<>(table, RootField.SelectKind.LIST));
        }
        for (ResolvedTable table : model.tables().values()) {
            if (!table.primaryKey().isEmpty()) {
                selects.putIfAbsent(TableGraphqlNames.of(table).byPkField(),
                        new TableField<>(table, RootField.SelectKind.BY_PK));
            }
        }
        for (ResolvedTable table : model.tables().values()) {
            selects.putIfAbsent(TableGraphqlNames.of(table).aggregateField(),
                    new TableField<>(table, RootField.SelectKind.AGGREGATE));
        }
        for (ResolvedTable table : model.tables().values()) {
            TableGraphqlNames names = TableGraphqlNames.of(table);
            if (table.isView()) {
                continue;
            }
            mutations.put(names.insertField(), new TableField<>(table, RootField.MutationKind.INSERT));
            mutations.put(names.insertOneField(), new TableField<>(table, RootField.MutationKind.INSERT_ONE));
            mutations.put(names.updateField(), new TableField<>(table, RootField.MutationKind.UPDATE));
            mutations.put(names.deleteField(), new TableField<>(table, RootField.MutationKind.DELETE));
            if (!table.primaryKey().isEmpty()) {
                mutations.put(names.updateByPkField(), new TableField<>(table, RootField.MutationKind.UPDATE_BY_PK));
                mutations.put(names.deleteByPkField(), new TableField<>(table, RootField.MutationKind.DELETE_BY_PK));
            }
        }
    }

    /** The root fields of a query ({@code isMutation} false) or mutation, in selection order. */
    public List<RootField> classify(boolean isMutation, List<ExecutableNormalizedField> roots) {
        List<RootField> out = new ArrayList<>();
        for (ExecutableNormalizedField root : roots) {
            out.add(classify(isMutation, root));
        }
        return List.copyOf(out);
    }

    /**
     * One root field. A name that is none of these passed validation against another schema than
     * the model's: `validation-failed` "field ... not found in type".
     */
    public RootField classify(boolean isMutation, ExecutableNormalizedField field) {
        String name = field.getName();
        String rootType = isMutation ? ChildSchemaBuilder.MUTATION_ROOT : ChildSchemaBuilder.QUERY_ROOT;
        if (name.equals(TYPENAME)) {
            return new RootField.Constant(field, rootType);
        }
        if (INTROSPECTION.contains(name)) {
            return new RootField.Introspection(field);
        }
        if (!isMutation && name.equals(ChildSchemaBuilder.NO_QUERIES_FIELD)) {
            return new RootField.Constant(field, ChildSchemaBuilder.NO_QUERIES_MESSAGE);
        }
        Optional<ActionDef> action = model.actions().action(name);
        if (action.isPresent()) {
            if (!action.get().definition().isAsynchronous()) {
                return new RootField.Action(field, action.get());
            }
            return isMutation ? new RootField.AsyncActionSubmit(field, action.get())
                    : new RootField.AsyncActionResult(field, action.get());
        }
        if (isMutation && mutations.containsKey(name)) {
            TableField<RootField.MutationKind> target = mutations.get(name);
            return new RootField.TableMutation(field, target.table(), target.kind());
        }
        if (!isMutation && selects.containsKey(name)) {
            TableField<RootField.SelectKind> target = selects.get(name);
            return new RootField.TableSelect(field, target.table(), target.kind());
        }
        throw new JoineryException(ErrorCode.VALIDATION_FAILED, "field '" + name + "' not found in type: '"
                + rootType + "'", ErrorPath.root().key("selectionSet").key(name));
    }
}
