package io.joinery.gateway.schema;

import io.joinery.core.http.SessionVariables;
import io.joinery.gateway.metadata.RemoteRelationshipDef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schema each role is served (SPEC §10.4), built with the snapshot, so per (role, metadata
 * version). With remote schema permissions off (the default), every role gets the merged schema.
 * With them on, admin gets the merged schema; a role with permissions gets the merge of its views
 * of those remotes (in the merged schema's order) with the relationships that still resolve in
 * them (a relationship whose type, lhs fields or target field the role cannot see is left out);
 * any other role gets a schema without remotes.
 */
public record RoleSupergraphs(boolean enabled, Supergraph full, Map<String, Supergraph> byRole, Supergraph none) {
    public RoleSupergraphs {
        byRole = Collections.unmodifiableMap(new LinkedHashMap<>(byRole));
    }

    /** Permissions off: everyone sees {@code full}. */
    public static RoleSupergraphs disabled(Supergraph full) {
        return new RoleSupergraphs(false, full, Map.of(), full);
    }

    /**
     * Permissions on. {@code views}: per role, its view of each remote it has a permission on
     * ({@link RemotePermissionResolver}); {@code declared}: every declared remote name.
     */
    public static RoleSupergraphs of(Supergraph full, Map<String, Map<String, RemoteSchema>> views,
                                     List<RemoteRelationshipDef> relationships, Set<String> declared) {
        Map<String, Supergraph> byRole = new LinkedHashMap<>();
        views.forEach((role, remotes) -> {
            List<RemoteSchema> ordered = new ArrayList<>();
            full.remotes().keySet().forEach(name -> {
                RemoteSchema view = remotes.get(name);
                if (view != null) {
                    ordered.add(view);
                }
            });
            byRole.put(role, SupergraphBuilder.build(ordered, relationships, declared).supergraph());
        });
        return new RoleSupergraphs(true, full, byRole, SupergraphBuilder.build(List.of()).supergraph());
    }

    /** The schema requests of {@code role} are validated against, planned and introspected with. */
    public Supergraph forRole(String role) {
        if (!enabled || SessionVariables.ADMIN.equals(role)) {
            return full;
        }
        return byRole.getOrDefault(role, none);
    }
}
