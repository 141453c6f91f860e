package io.joinery.child.schema;

import graphql.GraphQLContext;
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
import graphql.schema.Coercing;
import graphql.schema.GraphQLScalarType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Postgres-named custom scalar (`bigint`, `numeric`, `uuid`, `timestamptz`, `jsonb`, ...). It
 * accepts any literal or JSON value unchanged: the SQL compiler binds it as text with a cast to the
 * column type, so Postgres is the one that rejects a bad value. Literals become plain Java values
 * (String, BigInteger, BigDecimal, Boolean, Map, List, null) so variables and literals look alike.
 */
public final class PassThroughScalar {
    private static final Coercing<Object, Object> COERCING = new Coercing<>() {
        @Override
        public Object serialize(Object value, GraphQLContext context, Locale locale) {
            return value;
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) {
            return input;
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                   Locale locale) {
            return fromLiteral(input, variables);
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return toLiteral(input);
        }
    };

    private PassThroughScalar() {}

    public static GraphQLScalarType named(String name) {
        return GraphQLScalarType.newScalar().name(name).coercing(COERCING).build();
    }

    static Value<?> toLiteral(Object value) {
        if (value == null) {
            return NullValue.of();
        } else if (value instanceof String s) {
            return StringValue.of(s);
        } else if (value instanceof Boolean b) {
            return BooleanValue.of(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof BigInteger) {
            return IntValue.of(0).transform(b -> b.value(new BigInteger(value.toString())));
        } else if (value instanceof Number n) {
            return FloatValue.of(new BigDecimal(n.toString()).doubleValue()).transform(b -> b.value(new BigDecimal(n.toString())));
        } else if (value instanceof Map<?, ?> map) {
            ObjectValue.Builder object = ObjectValue.newObjectValue();
            map.forEach((k, v) -> object.objectField(new ObjectField(String.valueOf(k), toLiteral(v))));
            return object.build();
        } else if (value instanceof List<?> list) {
            ArrayValue.Builder array = ArrayValue.newArrayValue();
            list.forEach(v -> array.value(toLiteral(v)));
            return array.build();
        }
        return StringValue.of(value.toString());
    }

    static Object fromLiteral(Value<?> value, CoercedVariables variables) {
        if (value instanceof StringValue s) {
            return s.getValue();
        } else if (value instanceof IntValue i) {
            return i.getValue();
        } else if (value instanceof FloatValue f) {
            return f.getValue();
        } else if (value instanceof BooleanValue b) {
            return b.isValue();
        } else if (value instanceof EnumValue e) {
            return e.getName();
        } else if (value instanceof NullValue) {
            return null;
        } else if (value instanceof VariableReference v) {
            return variables.get(v.getName());
        } else if (value instanceof ArrayValue a) {
            List<Object> out = new ArrayList<>();
            a.getValues().forEach(v -> out.add(fromLiteral(v, variables)));
            return out;
        } else if (value instanceof ObjectValue o) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (ObjectField field : o.getObjectFields()) {
                out.put(field.getName(), fromLiteral(field.getValue(), variables));
            }
            return out;
        }
        throw new IllegalArgumentException("unknown literal " + value);
    }
}
