package io.joinery.gateway.schema;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.introspection.IntrospectionResultToSchema;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import io.joinery.gateway.metadata.CustomizationDef;
import io.joinery.gateway.metadata.RemoteSchemaDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a remote's raw introspection result into a {@link RemoteSchema}: reads the types, applies
 * the customization (type and field renames, root-field namespace; SPEC §4.3) and checks that the
 * result is a valid schema on its own, so a problem is blamed on this remote and no other.
 *
 * <pre>
 * remote: type Query { order(id: Int!): Order }   customization: prefix "Ord_", namespace "orders"
 * gateway: query_root { orders: orders_query }  orders_query { order(id: Int!): Ord_Order }
 * </pre>
 */
public final class RemoteSchemaReader {
    private static final Set<String> BUILT_IN_SCALARS = Set.of("Int", "Float", "String", "Boolean", "ID");
    public static final String QUERY_ROOT = "query_root";
    public static final String MUTATION_ROOT = "mutation_root";

    private RemoteSchemaReader() {}

    /** @throws JoineryException `remote-schema-error` (bad introspection) or `invalid-configuration` */
    public static RemoteSchema read(RemoteSchemaDef def, RemoteEndpoint endpoint, ObjectNode introspection) {
        Document document = document(def, introspection);
        List<TypeDefinition<?>> remoteTypes = remoteTypes(document);
        JsonNode schema = introspection.path("__schema");
        Map<String, TypeDefinition<?>> byName = new LinkedHashMap<>();
        remoteTypes.forEach(t -> byName.put(t.getName(), t));
        String queryType = rootName(schema, "queryType", "Query", byName);
        String mutationType = rootName(schema, "mutationType", "Mutation", byName);
        String subscriptionType = rootName(schema, "subscriptionType", "Subscription", byName);
        if (queryType == null) {
            throw invalid(def, "the schema has no query type");
        }
        return read(def, endpoint, introspection, remoteTypes, queryType, mutationType, subscriptionType,
                originalSchema(def, document), ArgumentPresets.NONE);
    }

    /**
     * A role's view of {@code full} (SPEC §10.4): the same reading (customization included) of
     * {@code document}, the types the role's permission grants in the remote's own names, rooted
     * at the remote's root types (a root the document leaves out has no fields for the role).
     */
    static RemoteSchema readRole(RemoteSchema full, Document document, ArgumentPresets presets) {
        List<TypeDefinition<?>> remoteTypes = remoteTypes(document);
        Map<String, TypeDefinition<?>> byName = new LinkedHashMap<>();
        remoteTypes.forEach(t -> byName.put(t.getName(), t));
        GraphQLSchema original = full.original();
        String queryType = byName.containsKey(original.getQueryType().getName()) ? original.getQueryType().getName()
                : null;
        String mutationType = original.getMutationType() != null
                && byName.containsKey(original.getMutationType().getName()) ? original.getMutationType().getName() : null;
        String subscriptionType = original.getSubscriptionType() == null ? null
                : original.getSubscriptionType().getName();
        return read(full.def(), full.endpoint(), full.introspection(), remoteTypes, queryType, mutationType,
                subscriptionType, originalSchema(full.def(), document), presets);
    }

    private static RemoteSchema read(RemoteSchemaDef def, RemoteEndpoint endpoint, ObjectNode introspection,
                                     List<TypeDefinition<?>> remoteTypes, String queryType, String mutationType,
                                     String subscriptionType, GraphQLSchema original, ArgumentPresets presets) {
        Map<String, TypeDefinition<?>> byName = new LinkedHashMap<>();
        remoteTypes.forEach(t -> byName.put(t.getName(), t));
        Set<String> roots = new LinkedHashSet<>();
        if (queryType != null) {
            roots.add(queryType);
        }
        if (mutationType != null) {
            roots.add(mutationType);
        }
        if (subscriptionType != null) {
            roots.add(subscriptionType);
        }

        CustomizationDef customization = def.customization();
        Map<String, String> typeToGateway = new LinkedHashMap<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (TypeDefinition<?> type : remoteTypes) {
            if (roots.contains(type.getName())) {
                continue;
            }
            String renamed = customization.typeNames().apply(type.getName(), true);
            if (!renamed.equals(type.getName())) {
                typeToGateway.put(type.getName(), renamed);
            }
            seen.merge(renamed, 1, Integer::sum);
        }
        Set<String> duplicates = new TreeSet<>();
        seen.forEach((name, count) -> {
            if (count > 1) {
                duplicates.add("\"" + name + "\"");
            }
        });
        if (!duplicates.isEmpty()) {
            throw configuration("Type name mappings are not distinct; the following types appear more than once: "
                    + String.join(", ", duplicates));
        }
        Map<String, String> typeToOriginal = new LinkedHashMap<>();
        typeToGateway.forEach((originalName, renamed) -> typeToOriginal.put(renamed, originalName));

        Renamer renamer = new Renamer(customization, typeToGateway);
        Map<String, Map<String, String>> fieldToOriginal = new LinkedHashMap<>();
        List<TypeDefinition<?>> types = new ArrayList<>();
        for (TypeDefinition<?> type : remoteTypes) {
            if (!roots.contains(type.getName())) {
                types.add(renamer.type(type, fieldToOriginal));
            }
        }

        String namespace = customization.rootFieldsNamespace();
        List<FieldDefinition> queryFields = queryType == null ? List.of()
                : rootFields(byName.get(queryType), renamer, fieldToOriginal,
                        namespace == null ? QUERY_ROOT : namespace + "_query");
        List<FieldDefinition> mutationFields = mutationType == null ? List.of()
                : rootFields(byName.get(mutationType), renamer, fieldToOriginal,
                        namespace == null ? MUTATION_ROOT : namespace + "_mutation");
        if (namespace != null) {
            queryFields = namespaced(namespace, namespace + "_query", queryFields, types);
            mutationFields = namespaced(namespace, namespace + "_mutation", mutationFields, types);
        }
        RemoteSchema remote = new RemoteSchema(def, endpoint, introspection, types, queryFields, mutationFields,
                new RemoteNames(namespace, typeToGateway, typeToOriginal, fieldToOriginal), original, presets);
        checkStandalone(remote);
        return remote;
    }

    private static GraphQLSchema originalSchema(RemoteSchemaDef def, Document document) {
        try {
            return UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().buildRegistry(document));
        } catch (RuntimeException e) {
            throw invalid(def, e.getMessage());
        }
    }

    private static Document document(RemoteSchemaDef def, ObjectNode introspection) {
        Document document;
        try {
            Map<String, Object> map = Json.MAPPER.convertValue(introspection, new TypeReference<Map<String, Object>>() {});
            document = new IntrospectionResultToSchema().createSchemaDefinition(map);
        } catch (RuntimeException e) {
            throw invalid(def, e.getMessage());
        }
        if (document == null) {
            throw invalid(def, "no types in the introspection result");
        }
        return document;
    }

    private static List<TypeDefinition<?>> remoteTypes(Document document) {
        List<TypeDefinition<?>> out = new ArrayList<>();
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof TypeDefinition<?> type && !type.getName().startsWith("__")
                    && !(type instanceof ScalarTypeDefinition && BUILT_IN_SCALARS.contains(type.getName()))) {
                out.add(type);
            }
        }
        return out;
    }

    private static String rootName(JsonNode schema, String key, String fallback, Map<String, TypeDefinition<?>> types) {
        JsonNode name = schema.path(key).path("name");
        if (name.isTextual() && types.get(name.asText()) instanceof ObjectTypeDefinition) {
            return name.asText();
        }
        return types.get(fallback) instanceof ObjectTypeDefinition ? fallback : null;
    }

    private static List<FieldDefinition> rootFields(TypeDefinition<?> root, Renamer renamer,
                                                    Map<String, Map<String, String>> fieldToOriginal,
                                                    String gatewayParent) {
        ObjectTypeDefinition object = (ObjectTypeDefinition) root;
        return renamer.fields(object.getName(), object.getFieldDefinitions(), gatewayParent, fieldToOriginal);
    }

    private static List<FieldDefinition> namespaced(String namespace, String typeName, List<FieldDefinition> fields,
                                                    List<TypeDefinition<?>> types) {
        if (fields.isEmpty()) {
            return List.of();
        }
        types.add(ObjectTypeDefinition.newObjectTypeDefinition().name(typeName).fieldDefinitions(fields).build());
        // Nullable on purpose: a failing remote must not null its siblings (SPEC §0.1, §0.3).
        return List.of(FieldDefinition.newFieldDefinition().name(namespace).type(new TypeName(typeName)).build());
    }

    /** Builds this remote alone, so customization and schema problems name this remote. */
    private static void checkStandalone(RemoteSchema remote) {
        try {
            SupergraphBuilder.schemaOf(remote.types(), remote.queryFields(), remote.mutationFields());
        } catch (RuntimeException e) {
            throw configuration("remote schema \"" + remote.name() + "\" is not a valid schema after customization: "
                    + e.getMessage());
        }
    }

    static JoineryException invalid(RemoteSchemaDef def, String detail) {
        return new JoineryException(ErrorCode.REMOTE_SCHEMA_ERROR, "invalid introspection result from remote schema \""
                + def.name() + "\" at \"" + def.configuredUrl() + "\": " + detail, ErrorPath.args());
    }

    static JoineryException configuration(String reason) {
        return new JoineryException(ErrorCode.INVALID_CONFIGURATION, "Inconsistent object: " + reason,
                ErrorPath.args());
    }

    /** Applies type and field renames to definitions and to every type reference in them. */
    private static final class Renamer {
        private final CustomizationDef customization;
        private final Map<String, String> typeToGateway;

        Renamer(CustomizationDef customization, Map<String, String> typeToGateway) {
            this.customization = customization;
            this.typeToGateway = typeToGateway;
        }

        TypeDefinition<?> type(TypeDefinition<?> type, Map<String, Map<String, String>> fieldToOriginal) {
            String name = typeToGateway.getOrDefault(type.getName(), type.getName());
            if (type instanceof ObjectTypeDefinition object) {
                List<FieldDefinition> fields = fields(object.getName(), object.getFieldDefinitions(), name, fieldToOriginal);
                return object.transform(b -> b.name(name).implementz(refs(object.getImplements())).fieldDefinitions(fields));
            }
            if (type instanceof InterfaceTypeDefinition iface) {
                List<FieldDefinition> fields = fields(iface.getName(), iface.getFieldDefinitions(), name, fieldToOriginal);
                return iface.transform(b -> b.name(name).implementz(refs(iface.getImplements())).definitions(fields));
            }
            if (type instanceof UnionTypeDefinition union) {
                return union.transform(b -> b.name(name).memberTypes(refs(union.getMemberTypes())));
            }
            if (type instanceof InputObjectTypeDefinition input) {
                return input.transform(b -> b.name(name).inputValueDefinitions(inputs(input.getInputValueDefinitions())));
            }
            if (type instanceof EnumTypeDefinition enumType) {
                return enumType.transform(b -> b.name(name));
            }
            if (type instanceof ScalarTypeDefinition scalar) {
                return scalar.transform(b -> b.name(name));
            }
            throw new IllegalStateException("unexpected type definition " + type.getClass().getSimpleName());
        }

        List<FieldDefinition> fields(String originalParent, List<FieldDefinition> fields, String gatewayParent,
                                     Map<String, Map<String, String>> fieldToOriginal) {
            CustomizationDef.NameRule rule = customization.fieldRule(originalParent);
            Map<String, String> renamed = new LinkedHashMap<>();
            List<FieldDefinition> out = new ArrayList<>();
            Set<String> names = new LinkedHashSet<>();
            Set<String> duplicates = new TreeSet<>();
            for (FieldDefinition field : fields) {
                String name = rule.apply(field.getName(), true);
                if (!names.add(name)) {
                    duplicates.add("\"" + name + "\"");
                }
                if (!name.equals(field.getName())) {
                    renamed.put(name, field.getName());
                }
                out.add(field.transform(b -> b.name(name).type(ref(field.getType()))
                        .inputValueDefinitions(inputs(field.getInputValueDefinitions()))));
            }
            if (!duplicates.isEmpty()) {
                throw configuration("Field name mappings for type \"" + originalParent
                        + "\" are not distinct; the following fields appear more than once: "
                        + String.join(", ", duplicates));
            }
            if (!renamed.isEmpty()) {
                fieldToOriginal.put(gatewayParent, renamed);
            }
            return out;
        }

        private List<InputValueDefinition> inputs(List<InputValueDefinition> inputs) {
            return inputs.stream().map(i -> i.transform(b -> b.type(ref(i.getType())))).toList();
        }

        private List<Type> refs(List<Type> types) {
            return types.stream().map(this::ref).toList();
        }

        @SuppressWarnings("rawtypes")
        Type ref(Type type) {
            if (type instanceof NonNullType nonNull) {
                return new NonNullType(ref(nonNull.getType()));
            }
            if (type instanceof ListType list) {
                return new ListType(ref(list.getType()));
            }
            String name = ((TypeName) type).getName();
            return new TypeName(typeToGateway.getOrDefault(name, name));
        }
    }
}
