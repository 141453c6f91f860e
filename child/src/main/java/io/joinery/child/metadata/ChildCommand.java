package io.joinery.child.metadata;

import io.joinery.child.db.QualifiedTable;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.limits.ApiLimits;
import io.joinery.core.limits.IntrospectionOptions;
import io.joinery.core.metadata.MetadataCommand;

/**
 * A parsed `/v1/metadata` command of the child. {@link #at} is the path of its `args` in the request
 * body (`$.args`, or `$.args[2].args` inside a `bulk`): where its errors are reported. `bulk` is the
 * metadata engine's; every command here changes metadata (and bumps `resource_version`, as Hasura
 * does, `reload_metadata` included) except the two that only read.
 */
public sealed interface ChildCommand extends MetadataCommand {

    @Override
    default Effect effect() {
        return this instanceof ExportMetadata || this instanceof GetInconsistentMetadata ? Effect.READ : Effect.CHANGE;
    }

    record TrackTable(ErrorPath at, QualifiedTable table) implements ChildCommand {}

    record UntrackTable(ErrorPath at, QualifiedTable table, boolean cascade) implements ChildCommand {}

    record CreateRelationship(ErrorPath at, QualifiedTable table, RelationshipDef relationship) implements ChildCommand {}

    record DropRelationship(ErrorPath at, QualifiedTable table, String name, boolean cascade) implements ChildCommand {}

    /**
     * `pg_create_remote_relationship` ({@code replace} false) or `pg_update_remote_relationship`
     * (true): a `to_action` relationship of a table (SPEC §12).
     */
    record CreateRemoteRelationship(ErrorPath at, QualifiedTable table, ToActionRelationship relationship,
                                    boolean replace) implements ChildCommand {}

    record DeleteRemoteRelationship(ErrorPath at, QualifiedTable table, String name) implements ChildCommand {}

    /** `set_custom_types`: replaces all custom types. */
    record SetCustomTypes(ErrorPath at, CustomTypes types) implements ChildCommand {}

    record CreateAction(ErrorPath at, ActionDef action) implements ChildCommand {}

    /** `update_action`: a new definition and comment; permissions are kept. */
    record UpdateAction(ErrorPath at, String name, ActionDef.Definition definition, String comment)
            implements ChildCommand {}

    /** @param clearData `clear_data` (default true): also delete the action's stored async invocations */
    record DropAction(ErrorPath at, String name, boolean clearData) implements ChildCommand {}

    record CreateActionPermission(ErrorPath at, String action, ActionDef.Permission permission)
            implements ChildCommand {}

    record DropActionPermission(ErrorPath at, String action, String role) implements ChildCommand {}

    /** `pg_create_<kind>_permission {source, table, role, permission, comment?}` (SPEC §10.1). */
    record CreatePermission(ErrorPath at, QualifiedTable table, TablePermission permission) implements ChildCommand {}

    /** `pg_set_permission_comment {source, table, role, type, comment?}`: a null comment removes it. */
    record SetPermissionComment(ErrorPath at, QualifiedTable table, PermissionKind kind, String role, String comment)
            implements ChildCommand {}

    /** `pg_drop_<kind>_permission {source, table, role}`. */
    record DropPermission(ErrorPath at, QualifiedTable table, PermissionKind kind, String role) implements ChildCommand {}

    /** `add_inherited_role {role_name, role_set}` (SPEC §10.2). */
    record AddInheritedRole(ErrorPath at, InheritedRole role) implements ChildCommand {}

    /** `drop_inherited_role {role_name}`. */
    record DropInheritedRole(ErrorPath at, String roleName) implements ChildCommand {}

    /** @param withResourceVersion `version: 2`: answer `{resource_version, metadata}` */
    record ExportMetadata(ErrorPath at, boolean withResourceVersion) implements ChildCommand {}

    /** @param v2 answer `{is_consistent, inconsistent_objects}` rather than `{message}` */
    record ReplaceMetadata(ErrorPath at, ChildMetadata metadata, boolean allowInconsistent, boolean v2)
            implements ChildCommand {}

    record ReloadMetadata(ErrorPath at) implements ChildCommand {}

    record ClearMetadata(ErrorPath at) implements ChildCommand {}

    record GetInconsistentMetadata(ErrorPath at) implements ChildCommand {}

    /** `set_api_limits` (replacing all limits) and `remove_api_limits` ({@link ApiLimits#NONE}), SPEC §11.1. */
    record SetApiLimits(ErrorPath at, ApiLimits limits) implements ChildCommand {}

    /** `set_graphql_schema_introspection_options` (SPEC §10.3). */
    record SetIntrospectionOptions(ErrorPath at, IntrospectionOptions options) implements ChildCommand {}

    record DropInconsistentMetadata(ErrorPath at) implements ChildCommand {}
}
