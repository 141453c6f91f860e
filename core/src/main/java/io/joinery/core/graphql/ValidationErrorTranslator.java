package io.joinery.core.graphql;

import graphql.language.Argument;
import graphql.language.AstPrinter;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.ObjectField;
import graphql.language.SourceLocation;
import graphql.language.VariableDefinition;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorClassification;
import graphql.validation.ValidationErrorType;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Turns graphql-java's first validation error into Hasura's `validation-failed` error: Hasura's
 * message, and the request path found by walking the operation to the error's location
 * ({@link AstLocator}). Errors without a Hasura counterpart keep graphql-java's description
 * (without its "Validation error (...) :" prefix) at `$`.
 */
final class ValidationErrorTranslator {
    private static final Pattern GRAPHQL_JAVA_PREFIX =
            Pattern.compile("^Validation [eE]rror\\s*\\([^)]*\\)\\s*:\\s*");

    private final GraphQLSchema schema;
    private final PreparedOperation operation;

    ValidationErrorTranslator(GraphQLSchema schema, PreparedOperation operation) {
        this.schema = schema;
        this.operation = operation;
    }

    JoineryException translate(ValidationError error) {
        return specific(error).orElseGet(() -> failure(plainMessage(error), ErrorPath.root()));
    }

    private Optional<JoineryException> specific(ValidationError error) {
        ValidationErrorClassification type = error.getValidationErrorType();
        if (!(type instanceof ValidationErrorType known)) {
            return Optional.empty();
        }
        switch (known) {
            case FieldUndefined:
                return at(error, Field.class).map(site -> failure("field '" + ((Field) site.node()).getName()
                        + "' not found in type: '" + typeName(site.parentType()) + "'", site.path()));
            case UnknownArgument:
                return at(error, Argument.class).filter(site -> site.field() != null && site.fieldDefinition() != null)
                        .map(site -> failure("'" + site.field().getName() + "' has no argument named '"
                                + ((Argument) site.node()).getName() + "'", fieldPath(site)));
            case MissingFieldArgument:
                return at(error, Field.class).flatMap(this::missingArgument);
            case WrongType:
            case NullValueForNonNullArgument:
                return wrongValue(error);
            case SubselectionRequired:
                return at(error, Field.class).map(site -> failure("missing selection set for '"
                        + ((Field) site.node()).getName() + "'", site.path()));
            case SubselectionNotAllowed:
                return at(error, Field.class).map(site ->
                        failure("unexpected subselection set for non-object field", site.path()));
            case VariableTypeMismatch:
                return at(error, VariableReference.class).flatMap(this::variableMismatch);
            default:
                return Optional.empty();
        }
    }

    private Optional<JoineryException> missingArgument(AstSite site) {
        GraphQLFieldDefinition definition = site.fieldDefinition();
        if (definition == null) {
            return Optional.empty();
        }
        Field field = (Field) site.node();
        for (GraphQLArgument argument : definition.getArguments()) {
            boolean required = GraphQLTypeUtil.isNonNull(argument.getType()) && !argument.hasSetDefaultValue();
            if (required && field.getArguments().stream().noneMatch(a -> a.getName().equals(argument.getName()))) {
                return Optional.of(failure("missing required field '" + argument.getName() + "'",
                        site.path().key("args").key(argument.getName())));
            }
        }
        return Optional.empty();
    }

    /**
     * A literal of the wrong type: re-checked here to find the innermost bad value and word it.
     * graphql-java reports WrongType at the argument and NullValueForNonNullArgument at the field.
     */
    private Optional<JoineryException> wrongValue(ValidationError error) {
        Optional<AstSite> site = at(error, node -> node instanceof Argument || node instanceof ObjectField
                || node instanceof Field);
        if (site.isEmpty()) {
            return Optional.empty();
        }
        AstSite found = site.get();
        if (found.node() instanceof Field field) {
            if (found.fieldDefinition() == null) {
                return Optional.empty();
            }
            for (Argument argument : field.getArguments()) {
                GraphQLArgument definition = found.fieldDefinition().getArgument(argument.getName());
                if (definition != null) {
                    Optional<JoineryException> problem = literalProblem(argument.getValue(), definition.getType(),
                            found.path().key("args").key(argument.getName()));
                    if (problem.isPresent()) {
                        return problem;
                    }
                }
            }
            return Optional.empty();
        }
        if (found.inputType() == null) {
            return Optional.empty();
        }
        Node<?> node = found.node();
        Value<?> value = node instanceof Argument a ? a.getValue() : ((ObjectField) node).getValue();
        return literalProblem(value, found.inputType(), found.path());
    }

    private static Optional<JoineryException> literalProblem(Value<?> value, GraphQLInputType type, ErrorPath at) {
        return InputValueChecker.checkLiteral(value, type).map(problem -> {
            ErrorPath path = at;
            for (Object segment : problem.path()) {
                path = segment instanceof Integer i ? path.index(i) : path.key((String) segment);
            }
            return failure(problem.message(), path);
        });
    }

    private Optional<JoineryException> variableMismatch(AstSite site) {
        String name = ((VariableReference) site.node()).getName();
        Optional<VariableDefinition> declared = operation.operation().getVariableDefinitions().stream()
                .filter(definition -> definition.getName().equals(name)).findFirst();
        if (declared.isEmpty() || site.inputType() == null) {
            return Optional.empty();
        }
        return Optional.of(failure("variable '" + name + "' is declared as '"
                + AstPrinter.printAst(declared.get().getType()) + "', but used where '"
                + GraphQLTypeUtil.simplePrint(site.inputType()) + "' is expected", site.path()));
    }

    private Optional<AstSite> at(ValidationError error, Class<? extends Node> kind) {
        return at(error, kind::isInstance);
    }

    private Optional<AstSite> at(ValidationError error, Predicate<Node<?>> wanted) {
        List<SourceLocation> locations = error.getLocations();
        if (locations == null || locations.isEmpty()) {
            return Optional.empty();
        }
        return AstLocator.locate(schema, operation, locations.get(0), wanted);
    }

    private static ErrorPath fieldPath(AstSite site) {
        // an argument's path is always <field path>.args.<name>
        List<Object> segments = site.path().segments();
        ErrorPath path = ErrorPath.root();
        for (Object segment : segments.subList(0, segments.size() - 2)) {
            path = segment instanceof Integer i ? path.index(i) : path.key((String) segment);
        }
        return path;
    }

    private static String typeName(GraphQLType type) {
        return type == null ? "?" : GraphQLTypeUtil.simplePrint(type);
    }

    static String plainMessage(ValidationError error) {
        String description = error.getDescription() == null ? error.getMessage() : error.getDescription();
        return GRAPHQL_JAVA_PREFIX.matcher(description).replaceFirst("").trim();
    }

    private static JoineryException failure(String message, ErrorPath path) {
        return new JoineryException(ErrorCode.VALIDATION_FAILED, message, path);
    }

}
