package io.joinery.gateway.plan;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.AstPrinter;
import graphql.language.Directive;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.joinery.gateway.schema.PresetValue;
import io.joinery.gateway.schema.RemoteNames;
import io.joinery.gateway.schema.RemoteSchema;
import io.joinery.gateway.schema.RemoteSchemaReader;
import graphql.schema.GraphQLObjectType;
import io.joinery.gateway.schema.RemoteRelationship;
import io.joinery.gateway.schema.Supergraph;
import java.util.ArrayList;
import java.util.Optional;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the text of one upstream request: the client's selections for one remote with gateway
 * names translated back to the remote's, fragments inlined (type conditions translated), aliases set
 * to the client's response keys, and exactly the client variables the text uses. Remote
 * relationship fields become placeholders plus hidden join fields; the joins are handed to a
 * {@link JoinCollector}.
 *
 * <pre>
 * client:   query Q($id: Int!) { orders { order: Ord_order(id: $id) { ...F } } }  fragment F on Ord_Order { id }
 * upstream: query Q($id: Int!) { order(id: $id) { ... on Order { id } } }
 * </pre>
 */
final class UpstreamDocumentWriter {
    private final Supergraph supergraph;
    private final GraphQLSchema schema;
    private final RemoteSchema remote;
    private final RemoteNames names;
    private final Map<String, FragmentDefinition> fragments;
    private final JoinCollector joins;
    private final StringBuilder selections = new StringBuilder();
    private final Set<String> variables = new LinkedHashSet<>();
    /** The session variable presets written so far (SPEC §10.4), by upstream variable name. */
    private final Set<String> presetVariables = new LinkedHashSet<>();
    /** From the base value to the selection set being written. */
    private final SelectionPath path;

    /**
     * {@code remote}: the target (the role's view of it: its argument presets are written into
     * every field that has them, SPEC §10.4); {@code names}: its names, maybe with derived input
     * types; {@code joins} receives the relationship fields met while writing (SPEC §5.3 step 1).
     */
    UpstreamDocumentWriter(Supergraph supergraph, RemoteSchema remote, RemoteNames names,
                           Map<String, FragmentDefinition> fragments, JoinCollector joins) {
        this.supergraph = supergraph;
        this.schema = supergraph.schema();
        this.remote = remote;
        this.names = names;
        this.fragments = fragments;
        this.joins = joins;
        this.path = new SelectionPath(schema, names);
    }

    /**
     * Adds one root field under {@code upstreamKey}, wrapped in directive-only inline fragments for
     * the `@skip` / `@include` met on the way (fragments, namespace field). Returns where its
     * `__typename` values are.
     */
    TypenameKeys addRootField(String upstreamKey, Field field, GraphQLFieldsContainer parent,
                              List<List<Directive>> wrappers, ClientPath clientPath) {
        int open = 0;
        for (List<Directive> directives : wrappers) {
            if (!directives.isEmpty()) {
                selections.append("...");
                directives(directives, selections);
                selections.append(" { ");
                open++;
            }
        }
        path.reset(clientPath.parent());
        TypenameKeys keys = field(upstreamKey, clientPath.lastKey(), field, parent, selections);
        for (int i = 0; i < open; i++) {
            selections.append("} ");
        }
        return keys;
    }

    RootFetch finish(String remote, OperationDefinition operation) {
        StringBuilder out = new StringBuilder();
        out.append(operation.getOperation() == OperationDefinition.Operation.MUTATION ? "mutation" : "query");
        if (operation.getName() != null) {
            out.append(' ').append(operation.getName());
        }
        out.append(variableDefinitions(operation));
        out.append(" { ").append(selections).append('}');
        return new RootFetch(remote, out.toString(), operation.getName(), usedVariables(operation));
    }

    /**
     * `($a: T, $b: U = 1)` for the client variables written so far (remote type names), then the
     * session variable presets (`$x_hasura_user_id: Int!`), or "".
     */
    String variableDefinitions(OperationDefinition operation) {
        List<VariableDefinition> used = operation.getVariableDefinitions().stream()
                .filter(v -> variables.contains(v.getName())).toList();
        if (used.isEmpty() && presetVariables.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < used.size(); i++) {
            VariableDefinition definition = used.get(i);
            out.append(i == 0 ? "" : ", ").append('$').append(definition.getName()).append(": ")
                    .append(type(definition.getType()));
            if (definition.getDefaultValue() != null) {
                out.append(" = ").append(AstPrinter.printAst(definition.getDefaultValue()));
            }
        }
        boolean first = used.isEmpty();
        for (String preset : presetVariables) {
            out.append(first ? "" : ", ").append('$').append(preset).append(": ")
                    .append(joins.presetVariables().get(preset).typeText());
            first = false;
        }
        return out.append(')').toString();
    }

    /** The client variables written so far, then the session variable presets. */
    List<String> usedVariables(OperationDefinition operation) {
        List<String> out = new ArrayList<>(operation.getVariableDefinitions().stream().map(VariableDefinition::getName)
                .filter(variables::contains).toList());
        out.addAll(presetVariables);
        return out;
    }

    /**
     * The preset arguments of field {@code field} of {@code originalParent} (the remote's names)
     * for this role, `a: 1, b: $x_hasura_user_id`, or "" (SPEC §10.4). Static values are written by
     * the checked literal writer ({@link JoinLiteral}), session variables as upstream variables.
     */
    String presetArguments(String originalParent, String field) {
        Map<String, PresetValue> presets = remote.presets().of(originalParent, field);
        if (presets.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        presets.forEach((argument, value) -> {
            out.append(out.length() == 0 ? "" : ", ").append(argument).append(": ");
            preset(value, out);
        });
        return out.toString();
    }

    private void preset(PresetValue value, StringBuilder out) {
        if (value instanceof PresetValue.Static literal) {
            try {
                out.append(JoinLiteral.write(JoinArguments.json(literal.value()), literal.type()));
            } catch (JoinLiteral.Refused refused) {
                throw new IllegalStateException("a checked preset cannot be written: " + refused.getMessage());
            }
        } else if (value instanceof PresetValue.Session session) {
            String name = joins.presetVariables().name(session);
            presetVariables.add(name);
            out.append('$').append(name);
        } else if (value instanceof PresetValue.Fields fields) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, PresetValue> field : fields.fields().entrySet()) {
                out.append(first ? "" : ", ").append(field.getKey()).append(": ");
                preset(field.getValue(), out);
                first = false;
            }
            out.append('}');
        } else {
            List<PresetValue> elements = ((PresetValue.Elements) value).elements();
            out.append('[');
            for (int i = 0; i < elements.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                preset(elements.get(i), out);
            }
            out.append(']');
        }
    }

    /** The remote's own name of gateway type {@code gatewayParent} (root and namespace types included). */
    String originalParent(String gatewayParent) {
        String namespace = names.namespace();
        if (gatewayParent.equals(RemoteSchemaReader.QUERY_ROOT)
                || (namespace != null && gatewayParent.equals(namespace + "_query"))) {
            return remote.original().getQueryType().getName();
        }
        if ((gatewayParent.equals(RemoteSchemaReader.MUTATION_ROOT)
                || (namespace != null && gatewayParent.equals(namespace + "_mutation")))
                && remote.original().getMutationType() != null) {
            return remote.original().getMutationType().getName();
        }
        return names.originalType(gatewayParent);
    }

    /** A client value printed (`{a: 1, b: $x}`), collecting the variables it uses. */
    String value(Value<?> value) {
        collect(value);
        return AstPrinter.printAst(value);
    }

    /** ` { … }` for the selection of a relationship field, written on the target's leaf type. */
    TypenameKeys leafSelection(SelectionSet selectionSet, GraphQLCompositeType leaf, StringBuilder out) {
        out.append(" { ");
        path.enter(null, leaf);
        TypenameKeys keys = selectionSet(selectionSet, leaf, out);
        closeLevel(out);
        out.append('}');
        return keys;
    }

    /** Leaves a level, selecting the hidden `__typename` there when a join path has a condition on it. */
    private void closeLevel(StringBuilder out) {
        if (path.leave()) {
            out.append(joins.aliases().typename()).append(": __typename ");
        }
    }

    private TypenameKeys field(String key, Field field, GraphQLCompositeType parent, StringBuilder out) {
        return field(key, key, field, parent, out);
    }

    /** {@code pathKey}: the field's key in the client's response (differs from {@code key} in namespaces). */
    private TypenameKeys field(String key, String pathKey, Field field, GraphQLCompositeType parent, StringBuilder out) {
        if (parent instanceof GraphQLObjectType object) {
            Optional<RemoteRelationship> relationship = supergraph.relationship(object.getName(), field.getName());
            if (relationship.isPresent()) {
                relationshipField(field, relationship.get(), out);
                return TypenameKeys.NONE;
            }
        }
        if (field.getName().equals("__typename")) {
            out.append(key.equals("__typename") ? "" : key + ": ").append("__typename");
            directives(field.getDirectives(), out);
            out.append(' ');
            return new TypenameKeys(Set.of(key), Map.of());
        }
        String original = names.originalField(parent.getName(), field.getName());
        out.append(key.equals(original) ? "" : key + ": ").append(original);
        String presets = presetArguments(originalParent(parent.getName()), original);
        if (!field.getArguments().isEmpty() || !presets.isEmpty()) {
            out.append('(');
            List<Argument> arguments = field.getArguments();
            for (int i = 0; i < arguments.size(); i++) {
                collect(arguments.get(i).getValue());
                out.append(i == 0 ? "" : ", ").append(AstPrinter.printAst(arguments.get(i)));
            }
            out.append(arguments.isEmpty() || presets.isEmpty() ? "" : ", ").append(presets);
            out.append(')');
        }
        directives(field.getDirectives(), out);
        TypenameKeys keys = TypenameKeys.NONE;
        if (field.getSelectionSet() != null) {
            GraphQLFieldDefinition definition = ((GraphQLFieldsContainer) parent).getFieldDefinition(field.getName());
            GraphQLType inner = GraphQLTypeUtil.unwrapAll(definition.getType());
            out.append(" { ");
            path.enter(pathKey, (GraphQLCompositeType) inner);
            keys = selectionSet(field.getSelectionSet(), (GraphQLCompositeType) inner, out);
            closeLevel(out);
            out.append('}');
        }
        out.append(' ');
        return keys.isEmpty() ? TypenameKeys.NONE : new TypenameKeys(Set.of(), Map.of(key, keys));
    }

    /**
     * A relationship field becomes a hidden placeholder `<alias>: __typename` (tells which objects
     * are of the relationship's type; the value later takes its place, in the client's field order)
     * plus one hidden field per lhs field.
     */
    private void relationshipField(Field field, RemoteRelationship relationship, StringBuilder out) {
        JoinCollector.Hidden hidden = joins.add(relationship, field, path.here());
        out.append(hidden.placeholder()).append(": __typename");
        directives(field.getDirectives(), out);
        out.append(' ');
        for (JoinKey joinKey : hidden.keys()) {
            out.append(joinKey.hiddenKey()).append(": ").append(joinKey.lhsField())
                    .append(relationship.lhsSelections().get(joinKey.lhsField())).append(' ');
        }
    }

    private TypenameKeys selectionSet(SelectionSet selectionSet, GraphQLCompositeType parent, StringBuilder out) {
        Set<String> typenames = new LinkedHashSet<>();
        Map<String, TypenameKeys> children = new LinkedHashMap<>();
        for (Selection<?> selection : selectionSet.getSelections()) {
            TypenameKeys keys;
            if (selection instanceof Field field) {
                keys = field(field.getResultKey(), field, parent, out);
            } else if (selection instanceof InlineFragment inline) {
                GraphQLCompositeType on = inline.getTypeCondition() == null ? parent
                        : (GraphQLCompositeType) schema.getType(inline.getTypeCondition().getName());
                keys = fragment(inline.getTypeCondition() == null ? null : on.getName(), inline.getDirectives(),
                        inline.getSelectionSet(), on, out);
            } else {
                FragmentSpread spread = (FragmentSpread) selection;
                FragmentDefinition definition = fragments.get(spread.getName());
                GraphQLCompositeType on = (GraphQLCompositeType) schema.getType(definition.getTypeCondition().getName());
                keys = fragment(on.getName(), spread.getDirectives(), definition.getSelectionSet(), on, out);
            }
            typenames.addAll(keys.typenameKeys());
            keys.children().forEach((k, v) -> children.merge(k, v, UpstreamDocumentWriter::union));
        }
        return new TypenameKeys(typenames, children);
    }

    private TypenameKeys fragment(String gatewayType, List<Directive> directives, SelectionSet selectionSet,
                                  GraphQLCompositeType on, StringBuilder out) {
        out.append("...");
        if (gatewayType != null) {
            out.append(" on ").append(names.originalType(gatewayType));
        }
        directives(directives, out);
        out.append(" { ");
        Set<String> admitted = gatewayType == null ? null : path.narrow(on);
        TypenameKeys keys = selectionSet(selectionSet, on, out);
        if (gatewayType != null) {
            path.restore(admitted);
        }
        out.append("} ");
        return keys;
    }

    private void directives(List<Directive> directives, StringBuilder out) {
        for (Directive directive : directives) {
            directive.getArguments().forEach(a -> collect(a.getValue()));
            out.append(' ').append(AstPrinter.printAst(directive));
        }
    }

    private void collect(Value<?> value) {
        if (value instanceof VariableReference reference) {
            variables.add(reference.getName());
        } else if (value instanceof ArrayValue array) {
            array.getValues().forEach(this::collect);
        } else if (value instanceof ObjectValue object) {
            for (ObjectField field : object.getObjectFields()) {
                collect(field.getValue());
            }
        }
    }

    @SuppressWarnings("rawtypes")
    private String type(Type type) {
        if (type instanceof NonNullType nonNull) {
            return type(nonNull.getType()) + "!";
        }
        if (type instanceof ListType list) {
            return "[" + type(list.getType()) + "]";
        }
        return names.originalType(((TypeName) type).getName());
    }

    static TypenameKeys union(TypenameKeys a, TypenameKeys b) {
        Set<String> typenames = new LinkedHashSet<>(a.typenameKeys());
        typenames.addAll(b.typenameKeys());
        Map<String, TypenameKeys> children = new HashMap<>(a.children());
        b.children().forEach((k, v) -> children.merge(k, v, UpstreamDocumentWriter::union));
        return new TypenameKeys(typenames, children);
    }
}
