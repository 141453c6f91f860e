package io.joinery.gateway.schema;

import graphql.language.ArrayValue;
import graphql.language.AstPrinter;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.EnumValue;
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
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads `@preset(value: V, static: Boolean = false)` on an argument of a remote schema permission
 * (SPEC §10.4) into a {@link PresetValue}, with Hasura's checks of V against the argument's type:
 * a scalar takes a scalar (a string `x-hasura-*`, any case, is that session variable unless
 * `static: true`), an enum one of its values (or a session variable), an input object an object of
 * its fields, a list a list or a single element (never a session variable).
 */
final class PresetDirective {
    private static final String SESSION_PREFIX = "x-hasura-";

    private PresetDirective() {}

    /** Whether a preset string names a session variable (`x-hasura-*`, any case). */
    static boolean isSessionVariable(String text) {
        return text.toLowerCase(Locale.ROOT).startsWith(SESSION_PREFIX);
    }

    /** A preset that does not fit its argument; the message is Hasura's reason. */
    static final class Invalid extends RuntimeException {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The value {@code preset} gives argument {@code argument} of type {@code type} (the remote's). */
    static PresetValue read(Directive preset, GraphQLInputType type, String argument) {
        if (preset.getArguments().isEmpty()) {
            throw new Invalid("no arguments found in the preset directive");
        }
        if (preset.getArgument("value") == null) {
            throw new Invalid("preset argument \"value\" not found at \"" + argument + "\"");
        }
        boolean isStatic = false;
        if (preset.getArgument("static") != null) {
            if (!(preset.getArgument("static").getValue() instanceof BooleanValue flag)) {
                throw new Invalid("expected preset static value to be a Boolean value");
            }
            isStatic = flag.isValue();
        }
        return value(type, argument, isStatic, preset.getArgument("value").getValue());
    }

    /** Hasura's checks of a preset value against the type it presets. */
    private static PresetValue value(GraphQLInputType type, String argument, boolean isStatic, Value<?> value) {
        GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
        if (bare instanceof GraphQLList list) {
            GraphQLInputType element = (GraphQLInputType) list.getWrappedType();
            if (value instanceof ArrayValue array) {
                List<PresetValue> elements = array.getValues().stream()
                        .map(v -> value(element, argument, isStatic, v)).toList();
                return elements.stream().anyMatch(PresetValue::hasSession) ? new PresetValue.Elements(elements)
                        : new PresetValue.Static(value, type);
            }
            if (value instanceof StringValue text && isSessionVariable(text.getValue())) {
                throw new Invalid("illegal preset value at \"" + argument
                        + "\". Session arguments can only be set for singleton values");
            }
            PresetValue single = value(element, argument, isStatic, value);
            return single.hasSession() ? single : new PresetValue.Static(value, type);
        }
        String typeName = ((GraphQLNamedType) bare).getName();
        String printed = AstPrinter.printAst(value);
        if (bare instanceof GraphQLEnumType enumType) {
            if (value instanceof EnumValue member) {
                if (enumType.getValue(member.getName()) == null) {
                    throw new Invalid("\"" + member.getName() + "\" not found in the enum: \"" + typeName + "\"");
                }
                return new PresetValue.Static(value, type);
            }
            if (value instanceof StringValue text && isSessionVariable(text.getValue())) {
                return new PresetValue.Session(text.getValue().toLowerCase(Locale.ROOT), (GraphQLInputType) bare);
            }
            throw new Invalid("expected preset value \"" + printed + "\" of type \"" + typeName
                    + "\" to be an enum value");
        }
        if (bare instanceof GraphQLInputObjectType input) {
            if (!(value instanceof ObjectValue object)) {
                throw new Invalid("expected preset value \"" + printed + "\" of type \"" + typeName
                        + "\" to be an input object value");
            }
            Map<String, PresetValue> fields = new LinkedHashMap<>();
            for (ObjectField field : object.getObjectFields()) {
                GraphQLInputObjectField declared = input.getField(field.getName());
                if (declared == null) {
                    throw new Invalid("\"" + field.getName() + "\" does not exist in the input object \"" + typeName
                            + "\"");
                }
                fields.put(field.getName(), value(declared.getType(), field.getName(), isStatic, field.getValue()));
            }
            return fields.values().stream().anyMatch(PresetValue::hasSession) ? new PresetValue.Fields(fields)
                    : new PresetValue.Static(value, type);
        }
        if (value instanceof EnumValue || value instanceof ArrayValue
                || value instanceof ObjectValue || value instanceof VariableReference) {
            throw new Invalid("expected preset value \"" + printed + "\" of type \"" + typeName
                    + "\" to be a scalar value");
        }
        if (value instanceof StringValue text && !isStatic && isSessionVariable(text.getValue())) {
            return new PresetValue.Session(text.getValue().toLowerCase(Locale.ROOT), (GraphQLInputType) bare);
        }
        return new PresetValue.Static(value, type);
    }
}
