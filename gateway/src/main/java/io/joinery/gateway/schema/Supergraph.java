package io.joinery.gateway.schema;

import graphql.schema.GraphQLSchema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The merged gateway schema and which remote owns what: each `query_root` / `mutation_root` field
 * belongs to one remote (a namespace field stands for all of its remote's root fields), and remote
 * relationship fields by gateway type and field name (SPEC §5.2). Built once
 * per metadata change, never per request.
 */
public record Supergraph(GraphQLSchema schema, Map<String, RemoteSchema> remotes,
                         Map<String, String> queryOwners, Map<String, String> mutationOwners,
                         Map<String, Map<String, RemoteRelationship>> relationships) {
    public Supergraph {
        remotes = Collections.unmodifiableMap(new LinkedHashMap<>(remotes));
        Map<String, Map<String, RemoteRelationship>> byType = new LinkedHashMap<>();
        relationships.forEach((type, fields) -> byType.put(type, Collections.unmodifiableMap(new LinkedHashMap<>(fields))));
        relationships = Collections.unmodifiableMap(byType);
        queryOwners = Collections.unmodifiableMap(new LinkedHashMap<>(queryOwners));
        mutationOwners = Collections.unmodifiableMap(new LinkedHashMap<>(mutationOwners));
    }

    /** Whether any remote forwards the client's headers (SPEC §4.4): else a request need not keep them. */
    public boolean forwardsClientHeaders() {
        for (RemoteSchema remote : remotes.values()) {
            if (remote.endpoint().forwardClientHeaders()) {
                return true;
            }
        }
        return false;
    }

    /** The relationship that is field {@code field} of gateway object type {@code type}, if any. */
    public Optional<RemoteRelationship> relationship(String type, String field) {
        Map<String, RemoteRelationship> fields = relationships.get(type);
        return Optional.ofNullable(fields == null ? null : fields.get(field));
    }

    /** The remote that owns root field {@code field} of the query or mutation root. */
    public Optional<RemoteSchema> owner(boolean mutation, String field) {
        String remote = (mutation ? mutationOwners : queryOwners).get(field);
        return Optional.ofNullable(remote).map(remotes::get);
    }
}
