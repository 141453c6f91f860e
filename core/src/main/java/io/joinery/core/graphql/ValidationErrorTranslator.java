package io.joinery.core.graphql;

import graphql.introspection.Introspection;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.AstPrinter;
import graphql.language.Directive;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Node;
import graphql.language.ObjectValue;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.language.TypeName;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns graphql-java's validation errors into the ONE `validation-failed` error Hasura answers: the
 * problem Hasura's parser meets first, in Hasura's words, at Hasura's request path
 * (`$.selectionSet.author.selectionSet.titel`, field names not aliases, then `.args.where.id._eq`).
 *
 * <p>graphql-java reports every problem, in its own traversal order (a field's missing arguments
 * before its unknown ones, fragment definitions after the operation). Hasura stops at the first
 * problem, in this order, which the walk below follows:
 * <pre>
 *   0. document-level problems (fragments, variables, operation)          at `$`
 *   per selection set, fragments inlined where they are spread:
 *   1. the directives of its selections, then response keys that cannot merge
 *   2. each field in turn:
 *        unknown field | subselection on a scalar
 *        unknown arguments
 *        arguments in definition order: missing required, or the value's first problem
 *          (InputValueChecker: unknown input fields first, then fields in definition order)
 *        missing selection set, then its selection set (1, 2)
 * </pre>
 * At each step the walk asks whether graphql-java reported that kind of error at that node, so it
 * never invents a problem; an error it never reaches (inside a fragment under an unknown field)
 * comes last. Errors without a Hasura wording keep graphql-java's description (without its
 * "Validation error (...) :" prefix) at `$`.
 */
final class ValidationErrorTranslator {
    private static final Pattern GRAPHQL_JAVA_PREFIX =
            Pattern.compile("^Validation [eE]rror\\s*\\([^)]*\\)\\s*:\\s*");
    /** What the walk looks for; any other error is document-level (step 0). */
    private static final Set<ValidationErrorType> WALKED = EnumSet.of(ValidationErrorType.FieldUndefined,
            ValidationErrorType.SubselectionNotAllowed, ValidationErrorType.SubselectionRequired,
            ValidationErrorType.UnknownArgument, ValidationErrorType.MissingFieldArgument,
            ValidationErrorType.WrongType, ValidationErrorType.NullValueForNonNullArgument,
            ValidationErrorType.VariableTypeMismatch, ValidationErrorType.FieldsConflict,
            ValidationErrorType.UnknownDirective, ValidationErrorType.MisplacedDirective,
            ValidationErrorType.DuplicateDirectiveName, ValidationErrorType.MissingDirectiveArgument);

    private final GraphQLSchema schema;
    private final PreparedOperation operation;
    private final Map<String, FragmentDefinition> fragments;
    private final List<ValidationError> errors;
    private JoineryException found;

    private ValidationErrorTranslator(GraphQLSchema schema, PreparedOperation operation,
                                      List<ValidationError> errors) {
        this.schema = schema;
        this.operation = operation;
        this.fragments = operation.fragments();
        this.errors = List.copyOf(errors);
    }

    /** The error Hasura would report for an operation graphql-java found {@code errors} in (not empty). */
    static JoineryException translate(GraphQLSchema schema, PreparedOperation operation,
                                      List<ValidationError> errors) {
        for (ValidationError error : errors) {
            if (!(error.getValidationErrorType() instanceof ValidationErrorType type) || !WALKED.contains(type)) {
                return plain(error);
            }
        }
        ValidationErrorTranslator walk = new ValidationErrorTranslator(schema, operation, errors);
        walk.selectionSet(operation.operation().getSelectionSet(),
                rootType(schema, operation.kind()), ErrorPath.root());
        return walk.found != null ? walk.found : plain(errors.get(0));
    }

    // --- the walk, in Hasura's parse order --------------------------------------------------

    /** A field of a selection set with the type it is selected on (fragments flattened). */
    private record Selected(Field field, GraphQLType parentType) {}

    private void selectionSet(SelectionSet selectionSet, GraphQLType type, ErrorPath path) {
        if (selectionSet == null || found != null) {
            return;
        }
        List<Selected> fields = new ArrayList<>();
        flatten(selectionSet, type, path, fields, new ArrayDeque<>());
        for (Selected selected : fields) {
            reported(selected.field(), ValidationErrorType.FieldsConflict).ifPresent(e -> report(plain(e)));
        }
        for (Selected selected : fields) {
            field(selected.field(), selected.parentType(), path);
        }
    }

    /** Collects the set's fields through its fragments, checking each selection's directives on the way. */
    private void flatten(SelectionSet selectionSet, GraphQLType type, ErrorPath path, List<Selected> fields,
                         Deque<String> fragmentStack) {
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (selection instanceof Field field) {
                directives(field.getDirectives(), path.key("selectionSet").key(field.getName()));
                fields.add(new Selected(field, type));
            } else if (selection instanceof InlineFragment inline) {
                directives(inline.getDirectives(), path);
                flatten(inline.getSelectionSet(), typeCondition(inline.getTypeCondition(), type), path, fields,
                        fragmentStack);
            } else if (selection instanceof FragmentSpread spread) {
                directives(spread.getDirectives(), path);
                FragmentDefinition fragment = fragments.get(spread.getName());
                if (fragment != null && !fragmentStack.contains(spread.getName())) {
                    fragmentStack.push(spread.getName());
                    directives(fragment.getDirectives(), path);
                    flatten(fragment.getSelectionSet(), typeCondition(fragment.getTypeCondition(), type), path,
                            fields, fragmentStack);
                    fragmentStack.pop();
                }
            }
        }
    }

    private void directives(List<Directive> directives, ErrorPath path) {
        for (Directive directive : directives) {
            reported(directive, ValidationErrorType.UnknownDirective, ValidationErrorType.MisplacedDirective,
                    ValidationErrorType.DuplicateDirectiveName, ValidationErrorType.MissingDirectiveArgument)
                    .ifPresent(e -> report(plain(e)));
            GraphQLDirective definition = schema.getDirective(directive.getName());
            for (Argument argument : directive.getArguments()) {
                reported(argument, ValidationErrorType.UnknownArgument).ifPresent(e -> report(plain(e)));
                GraphQLArgument argumentDefinition = definition == null ? null : definition.getArgument(argument.getName());
                if (argumentDefinition != null) {
                    value(argument, argumentDefinition.getType(), path);
                }
            }
        }
    }

    private void field(Field field, GraphQLType parentType, ErrorPath parentPath) {
        if (found != null) {
            return;
        }
        ErrorPath path = parentPath.key("selectionSet").key(field.getName());
        if (reported(field, ValidationErrorType.FieldUndefined).isPresent()) {
            report(failure("field '" + field.getName() + "' not found in type: '" + typeName(parentType) + "'", path));
            return;
        }
        GraphQLFieldDefinition definition = fieldDefinition(schema, parentType, field.getName());
        if (definition == null) {
            return;
        }
        if (reported(field, ValidationErrorType.SubselectionNotAllowed).isPresent()) {
            report(failure("unexpected subselection set for non-object field", path));
        }
        for (Argument argument : field.getArguments()) {
            if (reported(argument, ValidationErrorType.UnknownArgument).isPresent()) {
                report(failure("'" + field.getName() + "' has no argument named '" + argument.getName() + "'", path));
            }
        }
        for (GraphQLArgument argumentDefinition : definition.getArguments()) {
            ErrorPath argumentPath = path.key("args").key(argumentDefinition.getName());
            Optional<Argument> given = field.getArguments().stream()
                    .filter(a -> a.getName().equals(argumentDefinition.getName())).findFirst();
            if (given.isPresent()) {
                value(given.get(), argumentDefinition.getType(), argumentPath);
            } else if (GraphQLTypeUtil.isNonNull(argumentDefinition.getType()) && !argumentDefinition.hasSetDefaultValue()
                    && reported(field, ValidationErrorType.MissingFieldArgument).isPresent()) {
                report(failure("missing required field '" + argumentDefinition.getName() + "'", argumentPath));
            }
        }
        if (reported(field, ValidationErrorType.SubselectionRequired).isPresent()) {
            report(failure("missing selection set for '" + field.getName() + "'", path));
        }
        selectionSet(field.getSelectionSet(), GraphQLTypeUtil.unwrapAll(definition.getType()), path);
    }

    /**
     * The first problem of an argument's value, when graphql-java found one in it: a wrong literal
     * (reported at the argument) or a variable of the wrong type (reported at the variable).
     */
    private void value(Argument argument, GraphQLInputType type, ErrorPath path) {
        if (found != null) {
            return;
        }
        Optional<InputProblem> problem = InputValueChecker.checkLiteral(argument.getValue(), type,
                this::variableProblem);
        Optional<ValidationError> wrong = reported(argument, ValidationErrorType.WrongType);
        if (problem.isPresent() && (wrong.isPresent() || hasMisusedVariable(argument.getValue()))) {
            ErrorPath at = path;
            for (Object segment : problem.get().path()) {
                at = segment instanceof Integer i ? at.index(i) : at.key((String) segment);
            }
            report(failure(problem.get().message(), at));
        } else {
            wrong.ifPresent(e -> report(plain(e)));
        }
    }

    private boolean hasMisusedVariable(Value<?> value) {
        if (value instanceof VariableReference) {
            return reported(value, ValidationErrorType.VariableTypeMismatch).isPresent();
        }
        if (value instanceof ObjectValue object) {
            return object.getObjectFields().stream().anyMatch(field -> hasMisusedVariable(field.getValue()));
        }
        return value instanceof ArrayValue array && array.getValues().stream().anyMatch(this::hasMisusedVariable);
    }

    private Optional<String> variableProblem(VariableReference variable, GraphQLInputType expected) {
        if (reported(variable, ValidationErrorType.VariableTypeMismatch).isEmpty()) {
            return Optional.empty();
        }
        return operation.operation().getVariableDefinitions().stream()
                .filter(definition -> definition.getName().equals(variable.getName())).findFirst()
                .map(VariableDefinition::getType)
                .map(declared -> "variable '" + variable.getName() + "' is declared as '" + AstPrinter.printAst(declared)
                        + "', but used where '" + GraphQLTypeUtil.simplePrint(expected) + "' is expected");
    }

    private void report(JoineryException problem) {
        if (found == null) {
            found = problem;
        }
    }

    /** An error of one of {@code types} that graphql-java reported at {@code node}. */
    private Optional<ValidationError> reported(Node<?> node, ValidationErrorType... types) {
        SourceLocation at = node.getSourceLocation();
        if (at == null) {
            return Optional.empty();
        }
        Set<ValidationErrorType> wanted = EnumSet.of(types[0], types);
        for (ValidationError error : errors) {
            if (wanted.contains(error.getValidationErrorType()) && error.getLocations() != null
                    && error.getLocations().stream().anyMatch(l -> sameLocation(l, at))) {
                return Optional.of(error);
            }
        }
        return Optional.empty();
    }

    private static boolean sameLocation(SourceLocation a, SourceLocation b) {
        return a != null && a.getLine() == b.getLine() && a.getColumn() == b.getColumn();
    }

    // --- schema lookups ---------------------------------------------------------------------

    private static GraphQLObjectType rootType(GraphQLSchema schema, OperationKind kind) {
        switch (kind) {
            case MUTATION:
                return schema.getMutationType();
            case SUBSCRIPTION:
                return schema.getSubscriptionType();
            default:
                return schema.getQueryType();
        }
    }

    private GraphQLType typeCondition(TypeName condition, GraphQLType parentType) {
        if (condition == null) {
            return parentType;
        }
        GraphQLType type = schema.getType(condition.getName());
        return type instanceof GraphQLCompositeType ? type : null;
    }

    /** The definition of {@code name} on {@code parentType}, meta fields included; null if unknown. */
    private static GraphQLFieldDefinition fieldDefinition(GraphQLSchema schema, GraphQLType parentType, String name) {
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

    private static String typeName(GraphQLType type) {
        return type == null ? "?" : GraphQLTypeUtil.simplePrint(type);
    }

    // --- wording ----------------------------------------------------------------------------

    /** graphql-java's own description, without its prefix, at `$`: for errors Hasura words differently. */
    private static JoineryException plain(ValidationError error) {
        return failure(plainMessage(error), ErrorPath.root());
    }

    static String plainMessage(ValidationError error) {
        String description = error.getDescription() == null ? error.getMessage() : error.getDescription();
        return GRAPHQL_JAVA_PREFIX.matcher(description).replaceFirst("").trim();
    }

    private static JoineryException failure(String message, ErrorPath path) {
        return new JoineryException(ErrorCode.VALIDATION_FAILED, message, path);
    }
}
