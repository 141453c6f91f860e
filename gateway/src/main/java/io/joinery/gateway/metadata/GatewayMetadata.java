package io.joinery.gateway.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import io.joinery.core.limits.ApiPolicy;
import io.joinery.core.limits.ApiPolicyJson;
import io.joinery.core.metadata.ArgsReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's metadata as declared: remote schemas, sorted by name, their relationships, their
 * role permissions (SPEC §10.4), and the API limits and introspection options ({@code policy},
 * SPEC §10.3, §11.1). Immutable; every change produces a new value. Export and parse are inverse
 * (SPEC §1.3), so the file round-trips.
 */
public record GatewayMetadata(List<RemoteSchemaDef> remoteSchemas, List<RemoteRelationshipDef> relationships,
                              List<RemoteSchemaPermissionDef> permissions, ApiPolicy policy) {
    public static final GatewayMetadata EMPTY = new GatewayMetadata(List.of(), List.of());
    private static final Set<String> TOP_LEVEL_KEYS = Set.of("version", "sources", "remote_schemas",
            ApiPolicyJson.API_LIMITS, ApiPolicyJson.INTROSPECTION);

    public GatewayMetadata {
        List<RemoteSchemaDef> sorted = new ArrayList<>(remoteSchemas);
        sorted.sort(Comparator.comparing(RemoteSchemaDef::name));
        remoteSchemas = List.copyOf(sorted);
        relationships = List.copyOf(relationships);
        permissions = List.copyOf(permissions);
        policy = policy == null ? ApiPolicy.NONE : policy;
    }

    /** Without permissions, API limits or introspection options. */
    public GatewayMetadata(List<RemoteSchemaDef> remoteSchemas, List<RemoteRelationshipDef> relationships) {
        this(remoteSchemas, relationships, List.of(), ApiPolicy.NONE);
    }

    /** Without API limits or introspection options. */
    public GatewayMetadata(List<RemoteSchemaDef> remoteSchemas, List<RemoteRelationshipDef> relationships,
                           List<RemoteSchemaPermissionDef> permissions) {
        this(remoteSchemas, relationships, permissions, ApiPolicy.NONE);
    }

    /** Without remote schema permissions. */
    public GatewayMetadata(List<RemoteSchemaDef> remoteSchemas, List<RemoteRelationshipDef> relationships,
                           ApiPolicy policy) {
        this(remoteSchemas, relationships, List.of(), policy);
    }

    public GatewayMetadata withPolicy(ApiPolicy next) {
        return new GatewayMetadata(remoteSchemas, relationships, permissions, next);
    }

    public GatewayMetadata(List<RemoteSchemaDef> remoteSchemas) {
        this(remoteSchemas, List.of());
    }

    public Optional<RemoteSchemaPermissionDef> permission(String remote, String role) {
        return permissions.stream().filter(p -> p.is(remote, role)).findFirst();
    }

    public GatewayMetadata withPermission(RemoteSchemaPermissionDef def) {
        List<RemoteSchemaPermissionDef> next = new ArrayList<>(permissions);
        next.add(def);
        return new GatewayMetadata(remoteSchemas, relationships, next, policy);
    }

    public GatewayMetadata withoutPermission(String remote, String role) {
        return new GatewayMetadata(remoteSchemas, relationships,
                permissions.stream().filter(p -> !p.is(remote, role)).toList(), policy);
    }

    public Optional<RemoteRelationshipDef> relationship(String remote, String type, String name) {
        return relationships.stream().filter(r -> r.is(remote, type, name)).findFirst();
    }

    /** Adds {@code def}, or replaces the relationship with the same (remote, type, name) in place. */
    public GatewayMetadata withRelationship(RemoteRelationshipDef def) {
        List<RemoteRelationshipDef> next = new ArrayList<>();
        boolean replaced = false;
        for (RemoteRelationshipDef existing : relationships) {
            if (existing.is(def.remoteSchema(), def.typeName(), def.name())) {
                next.add(def);
                replaced = true;
            } else {
                next.add(existing);
            }
        }
        if (!replaced) {
            next.add(def);
        }
        return new GatewayMetadata(remoteSchemas, next, permissions, policy);
    }

    public GatewayMetadata withoutRelationship(String remote, String type, String name) {
        return new GatewayMetadata(remoteSchemas, relationships.stream().filter(r -> !r.is(remote, type, name)).toList(),
                permissions, policy);
    }

    /** Relationships of OTHER remote schemas whose target is {@code remote}. */
    public List<RemoteRelationshipDef> relationshipsTargeting(String remote) {
        return relationships.stream().filter(r -> r.target().equals(remote) && !r.remoteSchema().equals(remote)).toList();
    }

    public Optional<RemoteSchemaDef> remoteSchema(String name) {
        return remoteSchemas.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public GatewayMetadata withRemoteSchema(RemoteSchemaDef def) {
        List<RemoteSchemaDef> next = new ArrayList<>();
        for (RemoteSchemaDef existing : remoteSchemas) {
            if (!existing.name().equals(def.name())) {
                next.add(existing);
            }
        }
        next.add(def);
        return new GatewayMetadata(next, relationships, permissions, policy);
    }

    /** Removes the remote schema, the relationships defined on it and its permissions. */
    public GatewayMetadata withoutRemoteSchema(String name) {
        return new GatewayMetadata(remoteSchemas.stream().filter(r -> !r.name().equals(name)).toList(),
                relationships.stream().filter(r -> !r.remoteSchema().equals(name)).toList(),
                permissions.stream().filter(p -> !p.remoteSchema().equals(name)).toList(), policy);
    }

    /**
     * The version 3 export object: `{"version": 3, "sources": [], "remote_schemas"?: [...],
     * "api_limits"?: {...}, "graphql_schema_introspection"?: {...}}`.
     */
    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("version", 3);
        out.putArray("sources");
        if (!remoteSchemas.isEmpty()) {
            ArrayNode list = out.putArray("remote_schemas");
            for (RemoteSchemaDef remote : remoteSchemas) {
                ObjectNode entry = remote.toJson();
                List<RemoteRelationshipDef> own = relationships.stream()
                        .filter(r -> r.remoteSchema().equals(remote.name())).toList();
                if (!own.isEmpty()) {
                    entry.set("remote_relationships", RemoteRelationshipDef.exportGroups(own));
                }
                List<RemoteSchemaPermissionDef> granted = permissions.stream()
                        .filter(p -> p.remoteSchema().equals(remote.name())).toList();
                if (!granted.isEmpty()) {
                    entry.set("permissions", RemoteSchemaPermissionDef.exportList(granted));
                }
                list.add(entry);
            }
        }
        ApiPolicyJson.write(policy, out);
        return out;
    }

    /**
     * Parses an exported metadata object. Keys the gateway does not support are rejected with
     * `not-supported` naming them (SPEC §0.4), except empty values, which are ignored.
     */
    public static GatewayMetadata parse(JsonNode node, ErrorPath path) {
        ArgsReader args = ArgsReader.of(node, path);
        List<String> unsupported = unsupportedKeys(node);
        if (!unsupported.isEmpty()) {
            throw new JoineryException(ErrorCode.NOT_SUPPORTED,
                    "the gateway does not support these metadata keys: " + String.join(", ", unsupported), path);
        }
        JsonNode version = args.optional("version").orElse(null);
        if (version != null && !(version.canConvertToInt() && version.asInt() >= 2 && version.asInt() <= 3)) {
            throw new JoineryException(ErrorCode.PARSE_FAILED, "unsupported metadata version " + version,
                    path.key("version"));
        }
        if (args.optionalArray("sources").filter(sources -> !sources.isEmpty()).isPresent()) {
            throw new JoineryException(ErrorCode.NOT_SUPPORTED,
                    "the gateway has no database sources; \"sources\" must be empty", path.key("sources"));
        }
        List<RemoteSchemaDef> remotes = new ArrayList<>();
        List<RemoteRelationshipDef> relationships = new ArrayList<>();
        List<RemoteSchemaPermissionDef> permissions = new ArrayList<>();
        JsonNode list = args.optionalArray("remote_schemas").orElse(null);
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                ErrorPath at = path.key("remote_schemas").index(i);
                JsonNode entry = list.get(i);
                RemoteSchemaDef def = RemoteSchemaDef.parse(entry, at, Set.of("remote_relationships", "permissions"));
                if (remotes.stream().anyMatch(r -> r.name().equals(def.name()))) {
                    throw new JoineryException(ErrorCode.ALREADY_EXISTS,
                            "remote schema with name \"" + def.name() + "\" already exists", at);
                }
                remotes.add(def);
                relationships.addAll(RemoteRelationshipDef.parseExported(def.name(), entry.get("remote_relationships"),
                        at.key("remote_relationships")));
                permissions.addAll(RemoteSchemaPermissionDef.parseExported(def.name(), entry.get("permissions"),
                        at.key("permissions")));
            }
        }
        return new GatewayMetadata(remotes, relationships, permissions, ApiPolicyJson.read(node, path));
    }

    /** Top-level keys with non-empty values that the gateway does not support. */
    public static List<String> unsupportedKeys(JsonNode node) {
        List<String> out = new ArrayList<>();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode value = node.get(name);
            boolean empty = value == null || value.isNull() || (value.isContainerNode() && value.isEmpty());
            if (!TOP_LEVEL_KEYS.contains(name) && !empty) {
                out.add(name);
            }
        }
        return out;
    }
}
