package io.joinery.core.graphql;

import graphql.introspection.Introspection;
import graphql.language.Argument;
import graphql.language.AstComparator;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The GraphQL rule "overlapping fields can be merged" as Hasura applies it, in place of
 * graphql-java's: fields with the same response key must agree (same field, same arguments, same
 * response shape, and so on down their selections) only where they can meet, on ONE object.
 * Fields in fragments on different object types never meet, so they may differ in every way.
 *
 * <pre>
 * objects { ... on Artist { bar: self { name } } ... on Writer { bar: articles { title } } }   accepted
 * author { a: id  a: name }                                 refused: 'author/a' : 'id' and 'name' are different fields
 * </pre>
 *
 * <p>How: for a selection on type T, for each object type O that T can be, the fields that apply
 * to O (those outside fragments, or in fragments whose type condition O satisfies) are grouped by
 * response key; each group's fields must agree, read on O; then their selections are checked the
 * same way, together, on the type of the group's field. Each (selections, object type) pair is
 * checked once, so a fragment used in many places costs one check per object type.
 *
 * <p>Only for documents graphql-java's other rules accepted (every field and fragment exists, no
 * fragment cycles). Messages are graphql-java's own for the same conflicts.
 */
final class OverlappingFieldsChecker {
    private final GraphQLSchema schema;
    private final Map<String, FragmentDefinition> fragments;
    private final Set<Visit> visited = new HashSet<>();

    /** Selections checked together on one object type, compared by identity. */
    private record Visit(List<Object> selectionSets, String objectType) {}

    /** An identity wrapper, so AST nodes are never compared by value. */
    private record Same(Object node) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Same same && same.node == node;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(node);
        }
    }

    private OverlappingFieldsChecker(GraphQLSchema schema, Map<String, FragmentDefinition> fragments) {
        this.schema = schema;
        this.fragments = fragments;
    }

    /** The first conflict in {@code operation}, as a graphql-java `FieldsConflict` error. */
    static Optional<ValidationError> check(GraphQLSchema schema, OperationDefinition operation,
                                           Map<String, FragmentDefinition> fragments) {
        GraphQLObjectType root = switch (operation.getOperation()) {
            case MUTATION -> schema.getMutationType();
            case SUBSCRIPTION -> schema.getSubscriptionType();
            default -> schema.getQueryType();
        };
        if (root == null) {
            return Optional.empty();
        }
        return new OverlappingFieldsChecker(schema, fragments)
                .selections(List.of(operation.getSelectionSet()), root, List.of());
    }

    private Optional<ValidationError> selections(List<SelectionSet> selectionSets, GraphQLCompositeType type,
                                                 List<String> path) {
        for (GraphQLObjectType object : possibleTypes(type)) {
            List<Object> identities = selectionSets.stream().map(s -> (Object) new Same(s)).toList();
            if (!visited.add(new Visit(identities, object.getName()))) {
                continue;
            }
            Map<String, List<Field>> byKey = new LinkedHashMap<>();
            for (SelectionSet selectionSet : selectionSets) {
                collect(selectionSet, object, byKey, new HashSet<>());
            }
            for (Map.Entry<String, List<Field>> group : byKey.entrySet()) {
                List<String> here = new ArrayList<>(path);
                here.add(group.getKey());
                Optional<ValidationError> conflict = agree(group.getValue(), object, here);
                if (conflict.isPresent()) {
                    return conflict;
                }
            }
            for (Map.Entry<String, List<Field>> group : byKey.entrySet()) {
                Field first = group.getValue().get(0);
                GraphQLFieldDefinition definition = definition(object, first.getName());
                GraphQLType inner = definition == null ? null : GraphQLTypeUtil.unwrapAll(definition.getType());
                List<SelectionSet> inside = group.getValue().stream().map(Field::getSelectionSet)
                        .filter(s -> s != null).toList();
                if (inner instanceof GraphQLCompositeType composite && !inside.isEmpty()) {
                    List<String> here = new ArrayList<>(path);
                    here.add(group.getKey());
                    Optional<ValidationError> conflict = selections(inside, composite, here);
                    if (conflict.isPresent()) {
                        return conflict;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The fields of {@code selectionSet} that apply to an object of type {@code object}, by response key. */
    private void collect(SelectionSet selectionSet, GraphQLObjectType object, Map<String, List<Field>> byKey,
                         Set<String> spread) {
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (selection instanceof Field field) {
                byKey.computeIfAbsent(field.getResultKey(), k -> new ArrayList<>()).add(field);
            } else if (selection instanceof InlineFragment inline) {
                if (inline.getTypeCondition() == null || applies(inline.getTypeCondition().getName(), object)) {
                    collect(inline.getSelectionSet(), object, byKey, spread);
                }
            } else if (selection instanceof FragmentSpread fragmentSpread) {
                FragmentDefinition fragment = fragments.get(fragmentSpread.getName());
                if (fragment != null && spread.add(fragment.getName())
                        && applies(fragment.getTypeCondition().getName(), object)) {
                    collect(fragment.getSelectionSet(), object, byKey, spread);
                }
            }
        }
    }

    /** The fields of one response key on one object: same shape, then same field and arguments. */
    private Optional<ValidationError> agree(List<Field> fields, GraphQLObjectType object, List<String> path) {
        Field first = fields.get(0);
        GraphQLFieldDefinition firstDefinition = definition(object, first.getName());
        for (Field other : fields.subList(1, fields.size())) {
            GraphQLFieldDefinition otherDefinition = definition(object, other.getName());
            if (firstDefinition != null && otherDefinition != null) {
                String shape = shapeConflict(firstDefinition.getType(), otherDefinition.getType());
                if (shape != null) {
                    return Optional.of(error(path, shape, first, other));
                }
            }
            if (!other.getName().equals(first.getName())) {
                return Optional.of(error(path, "'" + first.getName() + "' and '" + other.getName()
                        + "' are different fields", first, other));
            }
            if (!sameArguments(first.getArguments(), other.getArguments())) {
                return Optional.of(error(path, "fields have different arguments", first, other));
            }
        }
        return Optional.empty();
    }

    /** graphql-java's response-shape comparison: nullability, list-ness, then leaf types. */
    private static String shapeConflict(GraphQLType a, GraphQLType b) {
        while (true) {
            if ((GraphQLTypeUtil.isNonNull(a) || GraphQLTypeUtil.isNonNull(b))
                    && (GraphQLTypeUtil.isNullable(a) || GraphQLTypeUtil.isNullable(b))) {
                return "fields have different nullability shapes";
            }
            if ((GraphQLTypeUtil.isList(a) || GraphQLTypeUtil.isList(b))
                    && !(GraphQLTypeUtil.isList(a) && GraphQLTypeUtil.isList(b))) {
                return "fields have different list shapes";
            }
            if (GraphQLTypeUtil.isNotWrapped(a) && GraphQLTypeUtil.isNotWrapped(b)) {
                break;
            }
            a = GraphQLTypeUtil.unwrapOne(a);
            b = GraphQLTypeUtil.unwrapOne(b);
        }
        boolean leaf = GraphQLTypeUtil.isScalar(a) || GraphQLTypeUtil.isScalar(b)
                || GraphQLTypeUtil.isEnum(a) || GraphQLTypeUtil.isEnum(b);
        if (leaf && !a.equals(b)) {
            return "returns different types '" + GraphQLTypeUtil.simplePrint(a) + "' and '"
                    + GraphQLTypeUtil.simplePrint(b) + "'";
        }
        return null;
    }

    private static boolean sameArguments(List<Argument> a, List<Argument> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Argument argument : a) {
            Argument match = b.stream().filter(x -> x.getName().equals(argument.getName())).findFirst().orElse(null);
            if (match == null || !AstComparator.sameValue(argument.getValue(), match.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static ValidationError error(List<String> path, String reason, Field a, Field b) {
        List<SourceLocation> locations = new ArrayList<>();
        for (Field field : List.of(a, b)) {
            if (field.getSourceLocation() != null) {
                locations.add(field.getSourceLocation());
            }
        }
        return ValidationError.newValidationError().validationErrorType(ValidationErrorType.FieldsConflict)
                .sourceLocations(locations)
                .description("Validation error (FieldsConflict) : '"
                        + String.join("/", path) + "' : " + reason)
                .build();
    }

    private GraphQLFieldDefinition definition(GraphQLObjectType object, String name) {
        return switch (name) {
            case "__typename" -> Introspection.TypeNameMetaFieldDef;
            case "__schema" -> Introspection.SchemaMetaFieldDef;
            case "__type" -> Introspection.TypeMetaFieldDef;
            default -> object.getFieldDefinition(name);
        };
    }

    private boolean applies(String typeCondition, GraphQLObjectType object) {
        GraphQLType condition = schema.getType(typeCondition);
        if (condition instanceof GraphQLObjectType type) {
            return type.getName().equals(object.getName());
        }
        if (condition instanceof GraphQLInterfaceType face) {
            return schema.getImplementations(face).stream().anyMatch(o -> o.getName().equals(object.getName()));
        }
        return condition instanceof GraphQLUnionType union
                && union.getTypes().stream().anyMatch(o -> o.getName().equals(object.getName()));
    }

    private List<GraphQLObjectType> possibleTypes(GraphQLCompositeType type) {
        if (type instanceof GraphQLObjectType object) {
            return List.of(object);
        }
        if (type instanceof GraphQLInterfaceType face) {
            return schema.getImplementations(face);
        }
        if (type instanceof GraphQLUnionType union) {
            return union.getTypes().stream().filter(t -> t instanceof GraphQLObjectType)
                    .map(t -> (GraphQLObjectType) t).toList();
        }
        return List.of();
    }
}
