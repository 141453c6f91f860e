package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;
import java.util.Objects;

/** One entry of a table's `select_permissions` (or insert, update, delete): `{role, permission, comment?}`. */
public record TablePermission(String role, PermissionDef permission, String comment) {
    public TablePermission {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(permission, "permission");
    }

    public PermissionKind kind() {
        return permission.kind();
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("role", role);
        node.set("permission", permission.toJson());
        if (comment != null) {
            node.put("comment", comment);
        }
        return node;
    }
}
