package io.joinery.core.graphql;

import graphql.introspection.Introspection;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Directive;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Node;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.language.TypeName;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.joinery.core.error.ErrorPath;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Walks an operation (through its fragments, in document order) to the node graphql-java reported
 * an error at, keeping Hasura's path and the schema types on the way. A node inside a fragment is
 * reported at its first use.
 */
final class AstLocator {
    private final GraphQLSchema schema;
    private final Map<String, FragmentDefinition> fragments;
    private final SourceLocation target;
    private final Predicate<Node<?>> wanted;
    private final Deque<String> fragmentStack = new ArrayDeque<>();
    private AstSite found;

    private AstLocator(GraphQLSchema schema, Map<String, FragmentDefinition> fragments, SourceLocation target,
                       Predicate<Node<?>> wanted) {
        this.schema = schema;
        this.fragments = fragments;
        this.target = target;
        this.wanted = wanted;
    }

    /** The first node of kind {@code wanted} at {@code location} in the operation, if any. */
    static Optional<AstSite> locate(GraphQLSchema schema, PreparedOperation operation, SourceLocation location,
                                    Predicate<Node<?>> wanted) {
        if (location == null) {
            return Optional.empty();
        }
        AstLocator locator = new AstLocator(schema, operation.fragments(), location, wanted);
        OperationDefinition definition = operation.operation();
        GraphQLObjectType root = rootType(schema, OperationKind.of(definition.getOperation()));
        locator.selections(definition.getSelectionSet(), root, ErrorPath.root());
        return Optional.ofNullable(locator.found);
    }

    static GraphQLObjectType rootType(GraphQLSchema schema, OperationKind kind) {
        switch (kind) {
            case MUTATION:
                return schema.getMutationType();
            case SUBSCRIPTION:
                return schema.getSubscriptionType();
            default:
                return schema.getQueryType();
        }
    }

    private void selections(SelectionSet selectionSet, GraphQLType parentType, ErrorPath path) {
        if (selectionSet == null) {
            return;
        }
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (found != null) {
                return;
            }
            if (selection instanceof Field field) {
                field(field, parentType, path);
            } else if (selection instanceof InlineFragment inline) {
                check(inline, path, null, parentType, null, null);
                directives(inline.getDirectives(), path, null, parentType);
                selections(inline.getSelectionSet(), typeCondition(inline.getTypeCondition(), parentType), path);
            } else if (selection instanceof FragmentSpread spread) {
                check(spread, path, null, parentType, null, null);
                directives(spread.getDirectives(), path, null, parentType);
                FragmentDefinition fragment = fragments.get(spread.getName());
                if (fragment != null && !fragmentStack.contains(spread.getName())) {
                    fragmentStack.push(spread.getName());
                    check(fragment, path, null, parentType, null, null);
                    selections(fragment.getSelectionSet(), typeCondition(fragment.getTypeCondition(), parentType),
                            path);
                    fragmentStack.pop();
                }
            }
        }
    }

    private void field(Field field, GraphQLType parentType, ErrorPath parentPath) {
        ErrorPath path = parentPath.key("selectionSet").key(field.getName());
        GraphQLFieldDefinition definition = fieldDefinition(parentType, field.getName());
        check(field, path, field, parentType, definition, null);
        for (Argument argument : field.getArguments()) {
            GraphQLArgument argumentDefinition = definition == null ? null : definition.getArgument(argument.getName());
            GraphQLInputType type = argumentDefinition == null ? null : argumentDefinition.getType();
            ErrorPath argumentPath = path.key("args").key(argument.getName());
            check(argument, argumentPath, field, parentType, definition, type);
            value(argument.getValue(), type, argumentPath, field, parentType, definition);
        }
        directives(field.getDirectives(), path, field, parentType);
        GraphQLType fieldType = definition == null ? null : GraphQLTypeUtil.unwrapAll(definition.getType());
        selections(field.getSelectionSet(), fieldType, path);
    }

    private void directives(java.util.List<Directive> directives, ErrorPath path, Field field, GraphQLType parentType) {
        for (Directive directive : directives) {
            check(directive, path, field, parentType, null, null);
            GraphQLDirective definition = schema.getDirective(directive.getName());
            for (Argument argument : directive.getArguments()) {
                GraphQLArgument argumentDefinition = definition == null ? null : definition.getArgument(argument.getName());
                GraphQLInputType type = argumentDefinition == null ? null : argumentDefinition.getType();
                check(argument, path, field, parentType, null, type);
                value(argument.getValue(), type, path, field, parentType, null);
            }
        }
    }

    private void value(Value<?> value, GraphQLInputType type, ErrorPath path, Field field, GraphQLType parentType,
                       GraphQLFieldDefinition definition) {
        if (found != null || value == null) {
            return;
        }
        if (value instanceof VariableReference) {
            check(value, path, field, parentType, definition, type);
        } else if (value instanceof ObjectValue object) {
            GraphQLType named = type == null ? null : GraphQLTypeUtil.unwrapNonNull(type);
            for (ObjectField objectField : object.getObjectFields()) {
                GraphQLInputType fieldType = null;
                if (named instanceof GraphQLInputObjectType inputObject) {
                    GraphQLInputObjectField inputField = inputObject.getField(objectField.getName());
                    fieldType = inputField == null ? null : inputField.getType();
                }
                ErrorPath fieldPath = path.key(objectField.getName());
                check(objectField, fieldPath, field, parentType, definition, fieldType);
                value(objectField.getValue(), fieldType, fieldPath, field, parentType, definition);
            }
        } else if (value instanceof ArrayValue array) {
            GraphQLType unwrapped = type == null ? null : GraphQLTypeUtil.unwrapNonNull(type);
            GraphQLInputType element = unwrapped instanceof GraphQLList list
                    ? (GraphQLInputType) list.getWrappedType() : null;
            for (int i = 0; i < array.getValues().size(); i++) {
                value(array.getValues().get(i), element, path.index(i), field, parentType, definition);
            }
        }
    }

    private void check(Node<?> node, ErrorPath path, Field field, GraphQLType parentType,
                       GraphQLFieldDefinition definition, GraphQLInputType inputType) {
        if (found == null && wanted.test(node) && sameLocation(node.getSourceLocation())) {
            found = new AstSite(node, path, field, parentType, definition, inputType);
        }
    }

    private boolean sameLocation(SourceLocation location) {
        return location != null && location.getLine() == target.getLine()
                && location.getColumn() == target.getColumn();
    }

    private GraphQLType typeCondition(TypeName condition, GraphQLType parentType) {
        if (condition == null) {
            return parentType;
        }
        GraphQLType type = schema.getType(condition.getName());
        return type instanceof GraphQLCompositeType ? type : null;
    }

    /** The definition of {@code name} on {@code parentType}, meta fields included; null if unknown. */
    static GraphQLFieldDefinition fieldDefinition(GraphQLSchema schema, GraphQLType parentType, String name) {
        if (parentType == null) {
            return null;
        }
        if (name.equals(Introspection.TypeNameMetaFieldDef.getName())) {
            return Introspection.TypeNameMetaFieldDef;
        }
        if (parentType == schema.getQueryType()) {
            if (name.equals(Introspection.SchemaMetaFieldDef.getName())) {
                return Introspection.SchemaMetaFieldDef;
            }
            if (name.equals(Introspection.TypeMetaFieldDef.getName())) {
                return Introspection.TypeMetaFieldDef;
            }
        }
        if (parentType instanceof GraphQLFieldsContainer container) {
            return container.getFieldDefinition(name);
        }
        return null;
    }

    private GraphQLFieldDefinition fieldDefinition(GraphQLType parentType, String name) {
        return fieldDefinition(schema, parentType, name);
    }
}
