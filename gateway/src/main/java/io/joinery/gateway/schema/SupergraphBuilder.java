package io.joinery.gateway.schema;

import graphql.language.AstPrinter;
import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.OperationTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.NonNullType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.joinery.gateway.metadata.RemoteRelationshipDef;

/**
 * Merges remote schemas into one {@link Supergraph} (SPEC §4.3). Remotes are added in the given
 * order; one that clashes with a remote already added (a root field both define, or a type both
 * define differently) is left out, and its reason names both remotes. Identical types merge into one.
 */
public final class SupergraphBuilder {
    /** Hasura's placeholder so that `query_root` is never empty. */
    public static final String PLACEHOLDER_FIELD = "no_queries_available";

    private SupergraphBuilder() {}

    /** The merged schema plus, per remote and per relationship left out, why. */
    public record Result(Supergraph supergraph, Map<String, JoineryException> rejected,
                         Map<RemoteRelationshipDef, JoineryException> rejectedRelationships) {}

    public static Result build(List<RemoteSchema> remotes) {
        return build(remotes, List.of(), Set.of());
    }

    /**
     * Merges {@code remotes}, then adds the relationships that validate against the merged remotes
     * ({@code declared}: every declared remote name, served or not) as fields of their LHS types.
     */
    public static Result build(List<RemoteSchema> remotes, List<RemoteRelationshipDef> relationships,
                               Set<String> declared) {
        Map<String, RemoteSchema> accepted = new LinkedHashMap<>();
        Map<String, TypeDefinition<?>> types = new LinkedHashMap<>();
        Map<String, String> typeOwners = new LinkedHashMap<>();
        Map<String, String> queryOwners = new LinkedHashMap<>();
        Map<String, String> mutationOwners = new LinkedHashMap<>();
        List<FieldDefinition> queryFields = new ArrayList<>();
        List<FieldDefinition> mutationFields = new ArrayList<>();
        Map<String, JoineryException> rejected = new LinkedHashMap<>();
        for (RemoteSchema remote : remotes) {
            List<String> reasons = new ArrayList<>();
            rootClashes(remote, remote.queryFields(), queryOwners, reasons);
            rootClashes(remote, remote.mutationFields(), mutationOwners, reasons);
            for (TypeDefinition<?> type : remote.types()) {
                TypeDefinition<?> existing = types.get(type.getName());
                if (existing != null && !AstPrinter.printAst(existing).equals(AstPrinter.printAst(type))) {
                    reasons.add("Found conflicting definitions for \"" + type.getName() + "\" in remote schemas \""
                            + typeOwners.get(type.getName()) + "\" and \"" + remote.name() + "\"");
                }
            }
            if (!reasons.isEmpty()) {
                rejected.put(remote.name(), new JoineryException(ErrorCode.INVALID_CONFIGURATION,
                        "Inconsistent object: " + String.join(", ", reasons), ErrorPath.args()));
                continue;
            }
            accepted.put(remote.name(), remote);
            for (TypeDefinition<?> type : remote.types()) {
                types.putIfAbsent(type.getName(), type);
                typeOwners.putIfAbsent(type.getName(), remote.name());
            }
            remote.queryFields().forEach(f -> queryOwners.put(f.getName(), remote.name()));
            remote.mutationFields().forEach(f -> mutationOwners.put(f.getName(), remote.name()));
            queryFields.addAll(remote.queryFields());
            mutationFields.addAll(remote.mutationFields());
        }
        Map<String, Map<String, RemoteRelationship>> byType = new LinkedHashMap<>();
        Map<RemoteRelationshipDef, JoineryException> rejectedRelationships = new LinkedHashMap<>();
        for (RemoteRelationshipDef def : relationships) {
            try {
                RemoteRelationship relationship = RelationshipResolver.resolve(def, accepted, declared);
                if (!(types.get(relationship.lhsGatewayType()) instanceof ObjectTypeDefinition lhs)) {
                    throw RelationshipResolver.inconsistent("remote relationships on root types are not supported");
                }
                boolean clash = lhs.getFieldDefinitions().stream().anyMatch(f -> f.getName().equals(def.name()));
                if (clash) {
                    throw RelationshipResolver.inconsistent("field with name \"" + def.name()
                            + "\" already exists in type \"" + def.typeName() + "\" of remote schema \""
                            + def.remoteSchema() + "\"");
                }
                for (TypeDefinition<?> derived : relationship.arguments().types()) {
                    if (types.containsKey(derived.getName())) {
                        throw RelationshipResolver.inconsistent("type with name \"" + derived.getName()
                                + "\" for the arguments of the relationship already exists");
                    }
                }
                relationship.arguments().types().forEach(derived -> types.put(derived.getName(), derived));
                List<FieldDefinition> fields = new ArrayList<>(lhs.getFieldDefinitions());
                fields.add(relationship.field());
                types.put(lhs.getName(), lhs.transform(b -> b.fieldDefinitions(fields)));
                byType.computeIfAbsent(relationship.lhsGatewayType(), t -> new LinkedHashMap<>())
                        .put(def.name(), relationship);
            } catch (JoineryException e) {
                rejectedRelationships.put(def, e);
            }
        }
        GraphQLSchema schema = schemaOf(new ArrayList<>(types.values()), queryFields, mutationFields);
        return new Result(new Supergraph(schema, accepted, queryOwners, mutationOwners, byType), rejected,
                rejectedRelationships);
    }

    private static void rootClashes(RemoteSchema remote, List<FieldDefinition> fields, Map<String, String> owners,
                                    List<String> reasons) {
        for (FieldDefinition field : fields) {
            String owner = owners.get(field.getName());
            if (owner != null) {
                reasons.add("Duplicate remote field '" + field.getName() + "' in remote schemas \"" + owner
                        + "\" and \"" + remote.name() + "\"");
            }
        }
    }

    /** A validation-only schema (no data fetchers, SPEC §0.7) with `query_root` / `mutation_root`. */
    static GraphQLSchema schemaOf(List<TypeDefinition<?>> types, List<FieldDefinition> queryFields,
                                  List<FieldDefinition> mutationFields) {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        types.forEach(registry::add);
        List<FieldDefinition> query = queryFields.isEmpty()
                ? List.of(FieldDefinition.newFieldDefinition().name(PLACEHOLDER_FIELD)
                        .type(new NonNullType(new TypeName("String"))).build())
                : queryFields;
        registry.add(ObjectTypeDefinition.newObjectTypeDefinition().name(RemoteSchemaReader.QUERY_ROOT)
                .fieldDefinitions(query).build());
        SchemaDefinition.Builder schema = SchemaDefinition.newSchemaDefinition()
                .operationTypeDefinition(new OperationTypeDefinition("query", new TypeName(RemoteSchemaReader.QUERY_ROOT)));
        if (!mutationFields.isEmpty()) {
            registry.add(ObjectTypeDefinition.newObjectTypeDefinition().name(RemoteSchemaReader.MUTATION_ROOT)
                    .fieldDefinitions(mutationFields).build());
            schema.operationTypeDefinition(new OperationTypeDefinition("mutation",
                    new TypeName(RemoteSchemaReader.MUTATION_ROOT)));
        }
        registry.add(schema.build());
        return UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
    }
}
