package io.joinery.gateway.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.language.FieldDefinition;
import graphql.language.TypeDefinition;
import graphql.schema.GraphQLSchema;
import io.joinery.gateway.metadata.RemoteSchemaDef;
import java.util.List;
import java.util.Objects;

/**
 * A remote schema after introspection and customization: its definition, endpoint, the raw
 * introspection result (kept until reload), its non-root types and root fields under their gateway
 * names, and the name mapping back to the remote's names.
 *
 * <p>With a namespace, `queryFields` / `mutationFields` hold the single namespace field and the
 * namespace object types are among `types`. {@code original} is the remote's schema under its own
 * names (remote relationships are declared and validated in those names, SPEC §5.1).
 *
 * <p>A role's view of a remote (SPEC §10.4, {@link RemotePermissionResolver}) is a RemoteSchema
 * too: the same definition and endpoint, only the types and fields its permission grants, and
 * the {@code presets} its requests always carry (none in the admin's view).
 */
public record RemoteSchema(RemoteSchemaDef def, RemoteEndpoint endpoint, ObjectNode introspection,
                           List<TypeDefinition<?>> types, List<FieldDefinition> queryFields,
                           List<FieldDefinition> mutationFields, RemoteNames names, GraphQLSchema original,
                           ArgumentPresets presets) {
    public RemoteSchema {
        Objects.requireNonNull(def, "def");
        types = List.copyOf(types);
        queryFields = List.copyOf(queryFields);
        mutationFields = List.copyOf(mutationFields);
        presets = presets == null ? ArgumentPresets.NONE : presets;
    }

    /** The admin's view: no presets. */
    public RemoteSchema(RemoteSchemaDef def, RemoteEndpoint endpoint, ObjectNode introspection,
                        List<TypeDefinition<?>> types, List<FieldDefinition> queryFields,
                        List<FieldDefinition> mutationFields, RemoteNames names, GraphQLSchema original) {
        this(def, endpoint, introspection, types, queryFields, mutationFields, names, original, ArgumentPresets.NONE);
    }

    public String name() {
        return def.name();
    }
}
