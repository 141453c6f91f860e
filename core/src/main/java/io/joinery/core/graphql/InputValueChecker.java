package io.joinery.core.graphql;

import graphql.GraphQLContext;
import graphql.Scalars;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds the first problem in an input value, literal (from the document) or raw (a JSON variable
 * value), and words it the way Hasura does:
 * {@code expected a 32-bit integer for type 'Int', but found a string},
 * {@code field 'bogus' not found in type: 'author_bool_exp'}, {@code missing required field 'name'}.
 *
 * <p>"First" is the order of Hasura's input parsers: in an object, unknown field names before
 * anything else, then the type's fields in definition order (a missing required one, or a problem
 * inside the value); list elements in order. Variable references inside literals are judged by
 * the caller's {@link VariableUse} (graphql-java decides whether a variable fits its position).
 */
final class InputValueChecker {
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    /** What {@link #integral} gives for a number outside {@link NumberBounds}: outside every integer type. */
    private static final BigInteger BEYOND_EVERY_RANGE = BigInteger.ONE.shiftLeft(64);

    private InputValueChecker() {}

    /** Whether a variable used at a position of type {@code expected} is a problem, worded. */
    @FunctionalInterface
    interface VariableUse {
        Optional<String> problem(VariableReference variable, GraphQLInputType expected);
    }

    /** Checks a literal of the document against the type of its position. */
    static Optional<InputProblem> checkLiteral(Value<?> value, GraphQLInputType type, VariableUse variables) {
        return literal(value, type, variables, new ArrayList<>());
    }

    /** Checks a raw variable value (maps, lists, strings, numbers, booleans, null). */
    static Optional<InputProblem> checkRaw(Object value, GraphQLInputType type) {
        return raw(value, type, new ArrayList<>());
    }

    private static Optional<InputProblem> literal(Value<?> value, GraphQLInputType type, VariableUse variables,
                                                  List<Object> path) {
        if (value instanceof VariableReference variable) {
            return variables.problem(variable, type).map(message -> new InputProblem(path, message));
        }
        if (type instanceof GraphQLNonNull nonNull) {
            if (value == null || value instanceof NullValue) {
                return problem(path, mismatch(nonNull, "null"));
            }
            return literal(value, (GraphQLInputType) nonNull.getWrappedType(), variables, path);
        }
        if (value == null || value instanceof NullValue) {
            return Optional.empty();
        }
        if (type instanceof GraphQLList list) {
            GraphQLInputType element = (GraphQLInputType) list.getWrappedType();
            if (value instanceof ArrayValue array) {
                for (int i = 0; i < array.getValues().size(); i++) {
                    Optional<InputProblem> found = literal(array.getValues().get(i), element, variables,
                            append(path, i));
                    if (found.isPresent()) {
                        return found;
                    }
                }
                return Optional.empty();
            }
            return literal(value, element, variables, path);
        }
        if (type instanceof GraphQLInputObjectType object) {
            if (!(value instanceof ObjectValue objectValue)) {
                return problem(path, mismatch(object, describeLiteral(value)));
            }
            Map<String, Value<?>> given = new LinkedHashMap<>();
            for (ObjectField field : objectValue.getObjectFields()) {
                given.putIfAbsent(field.getName(), field.getValue());
            }
            return inputFields(object, given, path,
                    (fieldValue, fieldType, fieldPath) -> literal(fieldValue, fieldType, variables, fieldPath));
        }
        if (type instanceof GraphQLEnumType enumType) {
            if (value instanceof EnumValue enumValue && enumType.getValue(enumValue.getName()) != null) {
                return Optional.empty();
            }
            return problem(path, enumMismatch(enumType, value instanceof EnumValue e
                    ? "'" + e.getName() + "'" : describeLiteral(value)));
        }
        if (type instanceof GraphQLScalarType scalar) {
            return scalarLiteralAccepted(scalar, value) ? Optional.empty()
                    : problem(path, mismatch(scalar, describeLiteral(value)));
        }
        return Optional.empty();
    }

    private static Optional<InputProblem> raw(Object value, GraphQLInputType type, List<Object> path) {
        if (type instanceof GraphQLNonNull nonNull) {
            if (value == null) {
                return problem(path, mismatch(nonNull, "null"));
            }
            return raw(value, (GraphQLInputType) nonNull.getWrappedType(), path);
        }
        if (value == null) {
            return Optional.empty();
        }
        if (type instanceof GraphQLList list) {
            GraphQLInputType element = (GraphQLInputType) list.getWrappedType();
            if (value instanceof List<?> items) {
                for (int i = 0; i < items.size(); i++) {
                    Optional<InputProblem> found = raw(items.get(i), element, append(path, i));
                    if (found.isPresent()) {
                        return found;
                    }
                }
                return Optional.empty();
            }
            return raw(value, element, path);
        }
        if (type instanceof GraphQLInputObjectType object) {
            if (!(value instanceof Map<?, ?> map)) {
                return problem(path, mismatch(object, describeRaw(value)));
            }
            Map<String, Object> given = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                given.put(String.valueOf(entry.getKey()), entry.getValue());
            }
            return inputFields(object, given, path, InputValueChecker::raw);
        }
        if (type instanceof GraphQLEnumType enumType) {
            if (value instanceof String name && enumType.getValue(name) != null) {
                return Optional.empty();
            }
            return problem(path, enumMismatch(enumType, value instanceof String s ? "'" + s + "'" : describeRaw(value)));
        }
        if (type instanceof GraphQLScalarType scalar) {
            return scalarRawAccepted(scalar, value) ? Optional.empty()
                    : problem(path, mismatch(scalar, describeRaw(value)));
        }
        return Optional.empty();
    }

    /** Checks one input object's fields of either kind of value. */
    @FunctionalInterface
    private interface FieldCheck<V> {
        Optional<InputProblem> check(V value, GraphQLInputType type, List<Object> path);
    }

    /**
     * Hasura's object parser: every unknown name first (the object's own check), then its fields in
     * definition order, each either missing (when required) or checked.
     */
    private static <V> Optional<InputProblem> inputFields(GraphQLInputObjectType object, Map<String, V> given,
                                                          List<Object> path, FieldCheck<V> check) {
        for (String name : given.keySet()) {
            if (object.getField(name) == null) {
                return problem(append(path, name), notFound(name, object));
            }
        }
        for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
            List<Object> fieldPath = append(path, field.getName());
            if (!given.containsKey(field.getName())) {
                if (GraphQLTypeUtil.isNonNull(field.getType()) && !field.hasSetDefaultValue()) {
                    return problem(fieldPath, "missing required field '" + field.getName() + "'");
                }
                continue;
            }
            Optional<InputProblem> found = check.check(given.get(field.getName()), field.getType(), fieldPath);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static boolean scalarLiteralAccepted(GraphQLScalarType scalar, Value<?> value) {
        String name = scalar.getName();
        if (name.equals(Scalars.GraphQLInt.getName())) {
            return value instanceof IntValue i && fitsInt(i.getValue());
        }
        if (name.equals(Scalars.GraphQLFloat.getName())) {
            return value instanceof IntValue || value instanceof FloatValue;
        }
        if (name.equals(Scalars.GraphQLString.getName())) {
            return value instanceof StringValue;
        }
        if (name.equals(Scalars.GraphQLBoolean.getName())) {
            return value instanceof BooleanValue;
        }
        if (name.equals(Scalars.GraphQLID.getName())) {
            return value instanceof StringValue || value instanceof IntValue;
        }
        try {
            scalar.getCoercing().parseLiteral(value, CoercedVariables.emptyVariables(), GraphQLContext.getDefault(),
                    Locale.ENGLISH);
            return true;
        } catch (RuntimeException rejected) {
            // a custom scalar's Coercing signals a bad literal by throwing; that is the answer
            return false;
        }
    }

    private static boolean scalarRawAccepted(GraphQLScalarType scalar, Object value) {
        String name = scalar.getName();
        if (name.equals(Scalars.GraphQLInt.getName())) {
            return value instanceof Number n && integral(n).map(InputValueChecker::fitsInt).orElse(false);
        }
        if (name.equals(Scalars.GraphQLFloat.getName())) {
            return value instanceof Number n && NumberBounds.within(n);
        }
        if (name.equals(Scalars.GraphQLString.getName())) {
            return value instanceof String;
        }
        if (name.equals(Scalars.GraphQLBoolean.getName())) {
            return value instanceof Boolean;
        }
        if (name.equals(Scalars.GraphQLID.getName())) {
            return value instanceof String
                    || (value instanceof Number n && NumberBounds.within(n) && integral(n).isPresent());
        }
        if (value instanceof Number n && !NumberBounds.within(n)) {
            return false; // custom scalars too (bigint, numeric): never handed a number beyond the bounds
        }
        try {
            scalar.getCoercing().parseValue(value, GraphQLContext.getDefault(), Locale.ENGLISH);
            return true;
        } catch (RuntimeException rejected) {
            // a custom scalar's Coercing signals a bad value by throwing; that is the answer
            return false;
        }
    }

    private static Optional<BigInteger> integral(Number number) {
        if (number instanceof Integer || number instanceof Long || number instanceof Short
                || number instanceof Byte) {
            return Optional.of(BigInteger.valueOf(number.longValue()));
        }
        if (number instanceof BigInteger big) {
            return Optional.of(big);
        }
        if (!NumberBounds.within(number)) {
            // never expanded (1e300000000 would be a 300-million-digit BigInteger): a value beyond every range
            return Optional.of(BEYOND_EVERY_RANGE);
        }
        BigDecimal decimal = number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
        try {
            return Optional.of(decimal.toBigIntegerExact());
        } catch (ArithmeticException notIntegral) {
            return Optional.empty();
        }
    }

    private static boolean fitsInt(BigInteger value) {
        return value.compareTo(INT_MIN) >= 0 && value.compareTo(INT_MAX) <= 0;
    }

    /** `expected a 32-bit integer for type 'Int', but found a string`. */
    static String mismatch(GraphQLType type, String found) {
        GraphQLType named = GraphQLTypeUtil.unwrapNonNull(type);
        return "expected " + expectation(named) + " for type '" + GraphQLTypeUtil.simplePrint(type)
                + "', but found " + found;
    }

    private static String enumMismatch(GraphQLEnumType type, String found) {
        // Hasura quotes each member: ['asc', 'desc']
        String values = type.getValues().stream().map(v -> "'" + v.getName() + "'").collect(Collectors.joining(", "));
        return "expected one of the values [" + values + "] for type '" + type.getName() + "', but found " + found;
    }

    private static String notFound(String field, GraphQLInputObjectType type) {
        return "field '" + field + "' not found in type: '" + type.getName() + "'";
    }

    private static String expectation(GraphQLType type) {
        if (type instanceof GraphQLList) {
            return "a list";
        }
        if (type instanceof GraphQLInputObjectType) {
            return "an object";
        }
        if (type instanceof GraphQLEnumType) {
            return "an enum value";
        }
        if (type instanceof GraphQLScalarType scalar) {
            switch (scalar.getName()) {
                case "Int":
                    return "a 32-bit integer";
                case "Float":
                    return "a float";
                case "String":
                    return "a string";
                case "Boolean":
                    return "a boolean";
                case "ID":
                    return "a String or a 32-bit integer";
                default:
                    return "a valid value";
            }
        }
        return "a value";
    }

    static String describeLiteral(Value<?> value) {
        if (value == null || value instanceof NullValue) {
            return "null";
        }
        if (value instanceof IntValue i) {
            return fitsInt(i.getValue()) ? "an integer" : "an integer outside the 32-bit range";
        }
        if (value instanceof FloatValue) {
            return "a float";
        }
        if (value instanceof StringValue) {
            return "a string";
        }
        if (value instanceof BooleanValue) {
            return "a boolean";
        }
        if (value instanceof EnumValue) {
            return "an enum value";
        }
        if (value instanceof ArrayValue) {
            return "a list";
        }
        if (value instanceof ObjectValue) {
            return "an object";
        }
        if (value instanceof VariableReference) {
            return "a variable";
        }
        return "a value";
    }

    static String describeRaw(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number n) {
            if (!NumberBounds.within(n)) {
                return NumberBounds.OUTSIDE;
            }
            Optional<BigInteger> whole = integral(n);
            if (whole.isEmpty()) {
                return "a float";
            }
            return fitsInt(whole.get()) ? "an integer" : "an integer outside the 32-bit range";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Map) {
            return "an object";
        }
        return "a value";
    }

    private static Optional<InputProblem> problem(List<Object> path, String message) {
        return Optional.of(new InputProblem(path, message));
    }

    private static List<Object> append(List<Object> path, Object segment) {
        List<Object> next = new ArrayList<>(path);
        next.add(segment);
        return next;
    }
}
