package io.joinery.gateway.schema;

import graphql.GraphQLException;
import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.OperationTypeDefinition;
import graphql.language.SDLExtensionDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.language.Value;
import graphql.parser.Parser;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.schema.idl.errors.SchemaProblem;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.gateway.metadata.RemoteSchemaPermissionDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a remote schema permission against its remote and builds the role's view of the remote
 * (SPEC §10.4). The permission's SDL must be a subset of the remote's schema, in the remote's own
 * names: every type exists upstream with the same kind; fields, arguments, input fields, enum
 * values, union members and implemented interfaces are among the remote's; every type reference
 * (nullability and list wrappers included) and argument default is the remote's; an argument the
 * remote requires (non-null) is present; every type the SDL uses is defined in it. A `schema`
 * block is optional; when present it names the remote's root types. Every reason found is
 * reported at once, in Hasura's words, as `validation-failed` "validation for the given
 * role-based schema failed ...".
 *
 * <p>`@preset(value: V, static: Boolean = false)` on an argument: the argument leaves the role's
 * schema and V is always sent; a string `x-hasura-*` (any case) where a scalar or an enum is
 * expected is that session variable unless `static: true` (never inside a list). Presets on input
 * object fields are refused (Joinery does not rewrite input objects the client sends). Presets are
 * read by {@link PresetDirective}.
 *
 * <pre>
 * remote:  type Query { user(id: Int!, tag: String): User  users: [User] }  type User { id: Int!  name: String  email: String }
 * role:    type Query { user(id: Int! @preset(value: "x-hasura-user-id")): User }  type User { id: Int!  name: String }
 * view:    query_root { user: User }  User { id: Int!  name: String }   presets: Query.user(id ← x-hasura-user-id)
 * </pre>
 */
public final class RemotePermissionResolver {
    private static final Set<String> BUILT_IN_SCALARS = Set.of("Int", "Float", "String", "Boolean", "ID");
    private static final String PRESET = "preset";
    private static final String DEPRECATED = "deprecated";

    private RemotePermissionResolver() {}

    /**
     * The role's view of {@code full}.
     *
     * @throws JoineryException `parse-failed` at `definition.schema` (not GraphQL SDL), or
     *     `validation-failed` at the command's args; paths are relative to the args (use
     *     {@link JoineryException#under})
     */
    public static RemoteSchema resolve(RemoteSchema full, RemoteSchemaPermissionDef def) {
        Document document;
        try {
            document = Parser.parse(def.schema());
        } catch (GraphQLException e) {
            throw new JoineryException(ErrorCode.PARSE_FAILED, "parsing the schema document: " + e.getMessage(),
                    ErrorPath.root().key("definition").key("schema"));
        }
        TypeDefinitionRegistry registry;
        try {
            registry = new SchemaParser().buildRegistry(document);
        } catch (SchemaProblem e) {
            throw failed(e.getErrors().stream().map(Object::toString).toList());
        }
        Check check = new Check(full.original(), registry, document);
        check.run();
        if (!check.reasons.isEmpty()) {
            throw failed(check.reasons);
        }
        Document role = check.roleDocument();
        try {
            UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().buildRegistry(role));
            return RemoteSchemaReader.readRole(full, role, new ArgumentPresets(check.presets));
        } catch (RuntimeException e) {
            throw failed(List.of(String.valueOf(e.getMessage())));
        }
    }

    /** Hasura's message: one reason after "because", several as a bulleted list. */
    static JoineryException failed(List<String> reasons) {
        String message = "validation for the given role-based schema failed ";
        if (reasons.size() == 1) {
            message += "because " + reasons.get(0);
        } else {
            StringBuilder list = new StringBuilder("for the following reasons:\n");
            reasons.forEach(r -> list.append(" • ").append(r).append('\n'));
            message += list;
        }
        return new JoineryException(ErrorCode.VALIDATION_FAILED, message, ErrorPath.root());
    }

    /** One permission's check: collects reasons, the role's stripped types and the presets. */
    private static final class Check {
        final GraphQLSchema upstream;
        final TypeDefinitionRegistry provided;
        final Document document;
        final List<String> reasons = new ArrayList<>();
        final List<TypeDefinition<?>> roleTypes = new ArrayList<>();
        final Map<String, Map<String, Map<String, PresetValue>>> presets = new LinkedHashMap<>();

        Check(GraphQLSchema upstream, TypeDefinitionRegistry provided, Document document) {
            this.upstream = upstream;
            this.provided = provided;
            this.document = document;
        }

        void run() {
            for (Definition<?> definition : document.getDefinitions()) {
                if (definition instanceof SDLExtensionDefinition) {
                    reasons.add("type and schema extensions are not supported in a role-based schema");
                    return;
                }
            }
            provided.schemaDefinition().ifPresent(this::schemaBlock);
            if (!provided.types().containsKey(upstream.getQueryType().getName())) {
                reasons.add("query root does not exist in the schema definition (the remote's query root is \""
                        + upstream.getQueryType().getName() + "\")");
            }
            for (Definition<?> definition : document.getDefinitions()) {
                if (definition instanceof TypeDefinition<?> type) {
                    TypeDefinition<?> kept = type(type);
                    if (kept != null) {
                        roleTypes.add(kept);
                    }
                }
            }
            if (reasons.isEmpty()) {
                references();
            }
        }

        /** The role's types with presets and directives stripped, rooted at the remote's roots. */
        Document roleDocument() {
            List<Definition> definitions = new ArrayList<>(roleTypes);
            SchemaDefinition.Builder schema = SchemaDefinition.newSchemaDefinition();
            schema.operationTypeDefinition(new OperationTypeDefinition("query",
                    new TypeName(upstream.getQueryType().getName())));
            if (upstream.getMutationType() != null && provided.types().containsKey(upstream.getMutationType().getName())) {
                schema.operationTypeDefinition(new OperationTypeDefinition("mutation",
                        new TypeName(upstream.getMutationType().getName())));
            }
            definitions.add(schema.build());
            return Document.newDocument().definitions(definitions).build();
        }

        private void schemaBlock(SchemaDefinition schema) {
            for (OperationTypeDefinition operation : schema.getOperationTypeDefinitions()) {
                GraphQLObjectType root = switch (operation.getName()) {
                    case "query" -> upstream.getQueryType();
                    case "mutation" -> upstream.getMutationType();
                    default -> upstream.getSubscriptionType();
                };
                String given = operation.getTypeName().getName();
                if (root == null || !root.getName().equals(given)) {
                    reasons.add("the " + operation.getName() + " root \"" + given
                            + "\" of the schema definition is not the " + operation.getName() + " root of the remote"
                            + " schema" + (root == null ? "" : " (\"" + root.getName() + "\")"));
                }
            }
        }

        /** Checks one provided type; returns it as the role sees it, or null when it cannot be used. */
        private TypeDefinition<?> type(TypeDefinition<?> type) {
            String name = type.getName();
            GraphQLType up = upstream.getType(name);
            if (type instanceof ScalarTypeDefinition scalar) {
                if (BUILT_IN_SCALARS.contains(name)) {
                    return null;
                }
                if (!(up instanceof GraphQLScalarType)) {
                    return missing("Scalar", name);
                }
                typeDirectives(scalar.getDirectives());
                return scalar.transform(b -> b.directives(List.of()));
            }
            if (type instanceof ObjectTypeDefinition object) {
                if (!(up instanceof GraphQLObjectType upObject)) {
                    return missing("Object", name);
                }
                typeDirectives(object.getDirectives());
                List<String> extra = new ArrayList<>();
                for (Type<?> implemented : object.getImplements()) {
                    String interfaceName = ((TypeName) implemented).getName();
                    if (upObject.getInterfaces().stream().noneMatch(i -> i.getName().equals(interfaceName))) {
                        extra.add(interfaceName);
                    }
                }
                if (!extra.isEmpty()) {
                    reasons.add("object \"" + name + "\" is trying to implement the following interfaces that do not"
                            + " exist in the corresponding upstream remote object: " + quotedList(extra));
                }
                List<FieldDefinition> fields = fields(object.getFieldDefinitions(), "Object", name, upObject);
                return object.transform(b -> b.directives(List.of()).fieldDefinitions(fields));
            }
            if (type instanceof InterfaceTypeDefinition iface) {
                if (!(up instanceof GraphQLInterfaceType upInterface)) {
                    return missing("Interface", name);
                }
                typeDirectives(iface.getDirectives());
                List<FieldDefinition> fields = fields(iface.getFieldDefinitions(), "Interface", name, upInterface);
                return iface.transform(b -> b.directives(List.of()).definitions(fields));
            }
            if (type instanceof UnionTypeDefinition union) {
                if (!(up instanceof GraphQLUnionType upUnion)) {
                    return missing("Union", name);
                }
                typeDirectives(union.getDirectives());
                List<String> extra = new ArrayList<>();
                for (Type<?> member : union.getMemberTypes()) {
                    String memberName = ((TypeName) member).getName();
                    if (upUnion.getTypes().stream().noneMatch(t -> t.getName().equals(memberName))) {
                        extra.add(memberName);
                    }
                }
                if (!extra.isEmpty()) {
                    reasons.add("union \"" + name + "\" contains members which do not exist in the members of the"
                            + " remote schema union :" + quotedList(extra));
                }
                return union.transform(b -> b.directives(List.of()));
            }
            if (type instanceof EnumTypeDefinition enumType) {
                if (!(up instanceof GraphQLEnumType upEnum)) {
                    return missing("Enum", name);
                }
                typeDirectives(enumType.getDirectives());
                List<String> names = enumType.getEnumValueDefinitions().stream().map(EnumValueDefinition::getName)
                        .toList();
                List<String> duplicates = duplicates(names);
                if (!duplicates.isEmpty()) {
                    reasons.add("duplicate enum values: " + quotedList(duplicates) + " found in the \"" + name
                            + "\" enum");
                }
                List<String> extra = names.stream().filter(v -> upEnum.getValue(v) == null).toList();
                if (!extra.isEmpty()) {
                    reasons.add("enum \"" + name + "\" contains the following enum values that do not exist in the"
                            + " corresponding upstream remote enum: " + quotedList(extra));
                }
                List<EnumValueDefinition> values = enumType.getEnumValueDefinitions().stream()
                        .map(v -> v.transform(b -> b.directives(deprecatedOnly(v.getDirectives())))).toList();
                return enumType.transform(b -> b.directives(List.of()).enumValueDefinitions(values));
            }
            InputObjectTypeDefinition input = (InputObjectTypeDefinition) type;
            if (!(up instanceof GraphQLInputObjectType upInput)) {
                return missing("Input object", name);
            }
            typeDirectives(input.getDirectives());
            List<InputValueDefinition> fields = inputFields(input.getInputValueDefinitions(), name, upInput);
            return input.transform(b -> b.directives(List.of()).inputValueDefinitions(fields));
        }

        private TypeDefinition<?> missing(String kind, String name) {
            reasons.add("\"" + kind + "\": \"" + name + "\" does not exist in the upstream remote schema");
            return null;
        }

        private List<FieldDefinition> fields(List<FieldDefinition> fields, String kind, String parent,
                                             GraphQLFieldsContainer up) {
            List<String> duplicates = duplicates(fields.stream().map(FieldDefinition::getName).toList());
            if (!duplicates.isEmpty()) {
                reasons.add("duplicate fields: " + quotedList(duplicates) + " found in the \"" + kind + "\" \""
                        + parent + "\"");
            }
            List<FieldDefinition> out = new ArrayList<>();
            for (FieldDefinition field : fields) {
                GraphQLFieldDefinition upField = up.getFieldDefinition(field.getName());
                if (upField == null) {
                    reasons.add("field \"" + field.getName() + "\" does not exist in the \"" + kind + "\": \""
                            + parent + "\"");
                    continue;
                }
                sameType(field.getName(), kind + " field", field.getType(), upField.getType());
                fieldDirectives(field.getDirectives());
                List<InputValueDefinition> arguments = arguments(field, parent, upField);
                out.add(field.transform(b -> b.inputValueDefinitions(arguments)
                        .directives(deprecatedOnly(field.getDirectives()))));
            }
            return out;
        }

        /** A field's arguments as the role sees them: those with a preset are left out (and recorded). */
        private List<InputValueDefinition> arguments(FieldDefinition field, String parent, GraphQLFieldDefinition up) {
            List<InputValueDefinition> given = field.getInputValueDefinitions();
            String name = field.getName();
            List<String> duplicates = duplicates(given.stream().map(InputValueDefinition::getName).toList());
            if (!duplicates.isEmpty()) {
                reasons.add("duplicate arguments: " + quotedList(duplicates) + " found in the field: \"" + name + "\"");
            }
            List<InputValueDefinition> out = new ArrayList<>();
            if (!requiredPresent(name, given, up.getArguments().stream()
                    .filter(a -> GraphQLTypeUtil.isNonNull(a.getType())).map(GraphQLArgument::getName).toList())) {
                return out; // Hasura stops at this reason
            }
            for (InputValueDefinition argument : given) {
                GraphQLArgument upArgument = up.getArgument(argument.getName());
                if (upArgument == null) {
                    reasons.add("input argument \"" + argument.getName() + "\" does not exist in the input object:\""
                            + name + "\"");
                    continue;
                }
                sameType(argument.getName(), "Input object argument", argument.getType(), upArgument.getType());
                sameDefault(name, argument, upArgument.getDefinition() == null ? null
                        : upArgument.getDefinition().getDefaultValue());
                Directive preset = preset(argument.getDirectives(), name);
                if (preset == null) {
                    out.add(argument.transform(b -> b.directives(deprecatedOnly(argument.getDirectives()))));
                    continue;
                }
                try {
                    PresetValue value = PresetDirective.read(preset, upArgument.getType(), argument.getName());
                    presets.computeIfAbsent(parent, t -> new LinkedHashMap<>())
                            .computeIfAbsent(name, f -> new LinkedHashMap<>()).put(argument.getName(), value);
                } catch (PresetDirective.Invalid invalid) {
                    reasons.add(invalid.getMessage());
                }
            }
            return out;
        }

        private List<InputValueDefinition> inputFields(List<InputValueDefinition> given, String parent,
                                                       GraphQLInputObjectType up) {
            List<String> duplicates = duplicates(given.stream().map(InputValueDefinition::getName).toList());
            if (!duplicates.isEmpty()) {
                reasons.add("duplicate arguments: " + quotedList(duplicates) + " found in the field: \"" + parent
                        + "\"");
            }
            List<InputValueDefinition> out = new ArrayList<>();
            if (!requiredPresent(parent, given, up.getFieldDefinitions().stream()
                    .filter(f -> GraphQLTypeUtil.isNonNull(f.getType())).map(GraphQLInputObjectField::getName).toList())) {
                return out;
            }
            for (InputValueDefinition field : given) {
                GraphQLInputObjectField upField = up.getField(field.getName());
                if (upField == null) {
                    reasons.add("input argument \"" + field.getName() + "\" does not exist in the input object:\""
                            + parent + "\"");
                    continue;
                }
                sameType(field.getName(), "Input object argument", field.getType(), upField.getType());
                sameDefault(parent, field, upField.getDefinition() == null ? null
                        : upField.getDefinition().getDefaultValue());
                if (preset(field.getDirectives(), parent) != null) {
                    reasons.add("presets on input object fields are not supported by Joinery (field \""
                            + field.getName() + "\" of input object \"" + parent + "\"); preset the argument instead");
                    continue;
                }
                out.add(field.transform(b -> b.directives(deprecatedOnly(field.getDirectives()))));
            }
            return out;
        }

        /** Hasura: the remote's non-null arguments must be among the given non-null ones. */
        private boolean requiredPresent(String field, List<InputValueDefinition> given, List<String> required) {
            Set<String> givenNonNull = new LinkedHashSet<>();
            given.stream().filter(a -> a.getType() instanceof NonNullType).forEach(a -> givenNonNull.add(a.getName()));
            List<String> missing = required.stream().filter(r -> !givenNonNull.contains(r)).toList();
            if (!missing.isEmpty()) {
                reasons.add("field: \"" + field + "\" expects the following non nullable arguments to be present: "
                        + quotedList(missing));
            }
            return missing.isEmpty();
        }

        private void sameType(String name, String label, Type<?> given, GraphQLType up) {
            String expected = GraphQLTypeUtil.simplePrint(up);
            String received = AstPrinter.printAst(given);
            if (!expected.equals(received)) {
                reasons.add("expected type of \"" + name + "\"(\"" + label + "\") to be " + expected + " but received "
                        + received);
            }
        }

        private void sameDefault(String parent, InputValueDefinition given, Value<?> upDefault) {
            String expected = upDefault == null ? "" : AstPrinter.printAst(upDefault);
            String received = given.getDefaultValue() == null ? "" : AstPrinter.printAst(given.getDefaultValue());
            if (!expected.equals(received)) {
                reasons.add("expected default value of input value: \"" + given.getName() + "\"of input object \""
                        + parent + "\" to be " + expected + " but received " + received);
            }
        }

        /** The one `@preset` among {@code directives}, or null; other directives must be `@deprecated`. */
        private Directive preset(List<Directive> directives, String parent) {
            List<Directive> found = directives.stream().filter(d -> d.getName().equals(PRESET)).toList();
            for (Directive directive : directives) {
                if (!directive.getName().equals(PRESET) && !directive.getName().equals(DEPRECATED)) {
                    reasons.add("\"Directive\": \"" + directive.getName() + "\" does not exist in the upstream remote"
                            + " schema");
                }
            }
            if (found.size() > 1) {
                reasons.add("found multiple preset directives at \"Input object argument\" \"" + parent + "\"");
                return null;
            }
            return found.isEmpty() ? null : found.get(0);
        }

        private void typeDirectives(List<Directive> directives) {
            for (Directive directive : directives) {
                reasons.add(directive.getName().equals(PRESET)
                        ? "Preset directives can be defined only on INPUT_FIELD_DEFINITION or ARGUMENT_DEFINITION"
                        : "\"Directive\": \"" + directive.getName() + "\" does not exist in the upstream remote schema");
            }
        }

        private void fieldDirectives(List<Directive> directives) {
            for (Directive directive : directives) {
                if (directive.getName().equals(PRESET)) {
                    reasons.add("Preset directives can be defined only on INPUT_FIELD_DEFINITION or ARGUMENT_DEFINITION");
                } else if (!directive.getName().equals(DEPRECATED)) {
                    reasons.add("\"Directive\": \"" + directive.getName() + "\" does not exist in the upstream remote"
                            + " schema");
                }
            }
        }

        /** Every type the role's types use must be one of them (or a built-in scalar). */
        private void references() {
            Set<String> defined = new LinkedHashSet<>(BUILT_IN_SCALARS);
            roleTypes.forEach(t -> defined.add(t.getName()));
            Set<String> undefined = new LinkedHashSet<>();
            for (TypeDefinition<?> type : roleTypes) {
                List<Type> used = new ArrayList<>();
                if (type instanceof ObjectTypeDefinition object) {
                    used.addAll(object.getImplements());
                    object.getFieldDefinitions().forEach(f -> {
                        used.add(f.getType());
                        f.getInputValueDefinitions().forEach(a -> used.add(a.getType()));
                    });
                } else if (type instanceof InterfaceTypeDefinition iface) {
                    iface.getFieldDefinitions().forEach(f -> {
                        used.add(f.getType());
                        f.getInputValueDefinitions().forEach(a -> used.add(a.getType()));
                    });
                } else if (type instanceof UnionTypeDefinition union) {
                    used.addAll(union.getMemberTypes());
                } else if (type instanceof InputObjectTypeDefinition input) {
                    input.getInputValueDefinitions().forEach(f -> used.add(f.getType()));
                }
                for (Type<?> reference : used) {
                    String name = named(reference);
                    if (!defined.contains(name)) {
                        undefined.add(name);
                    }
                }
            }
            undefined.forEach(name -> reasons.add("type \"" + name + "\" is used in the role-based schema but not"
                    + " defined in it"));
        }
    }

    private static String named(Type<?> type) {
        if (type instanceof NonNullType nonNull) {
            return named(nonNull.getType());
        }
        if (type instanceof ListType list) {
            return named(list.getType());
        }
        return ((TypeName) type).getName();
    }

    private static List<Directive> deprecatedOnly(List<Directive> directives) {
        return directives.stream().filter(d -> d.getName().equals(DEPRECATED)).toList();
    }

    private static List<String> duplicates(List<String> names) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> twice = new LinkedHashSet<>();
        names.forEach(n -> {
            if (!seen.add(n)) {
                twice.add(n);
            }
        });
        return new ArrayList<>(twice);
    }

    /** `"a"`, `"a" and "b"`, `"a", "b" and "c"`. */
    private static String quotedList(List<String> names) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(i == names.size() - 1 ? " and " : ", ");
            }
            out.append('"').append(names.get(i)).append('"');
        }
        return out.toString();
    }
}
