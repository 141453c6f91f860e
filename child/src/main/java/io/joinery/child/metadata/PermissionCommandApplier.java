package io.joinery.child.metadata;

import io.joinery.child.db.QualifiedTable;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.JoineryException;
import io.joinery.core.metadata.CommandApplier.Applied;
import java.util.Set;

/**
 * `pg_create_<kind>_permission` and `pg_drop_<kind>_permission` (SPEC §10.1), pure. A second
 * permission of the same kind for a role, or one for `admin` (who has every permission
 * implicitly), is `already-exists` in Hasura's words; a permission that does not fit the table is
 * `validation-failed` at its key; dropping an absent one is Hasura's `permission-denied` at `$.args`,
 * and so is `pg_set_permission_comment` on one (in Hasura's words for it: `'select' permission on ...`).
 */
final class PermissionCommandApplier {
    private PermissionCommandApplier() {}

    static Applied<ChildSnapshot> apply(ChildSnapshot state, ChildCommand command, MetadataResolver resolver) {
        if (command instanceof ChildCommand.CreatePermission c) {
            TrackedTable table = ChildCommandApplier.requireTracked(state, c.table(), c.at());
            TablePermission permission = c.permission();
            if (permission.role().equals(RoleAccess.ADMIN.role())
                    || table.permission(permission.kind(), permission.role()).isPresent()) {
                throw new JoineryException(ErrorCode.ALREADY_EXISTS,
                        alreadyDefined(permission.kind(), c.table(), permission.role()), c.at());
            }
            try {
                state.model().table(c.table()).ifPresent(resolved -> PermissionValidator.validate(permission.permission(),
                        resolved, state.model(), resolver.permissionCheck(), c.at().key("permission")));
            } catch (JoineryException e) {
                if (e.code() != ErrorCode.INVALID_CONFIGURATION) {
                    throw e;
                }
                // what Hasura reports as the inconsistent object the new permission would be
                throw new JoineryException(ErrorCode.INVALID_CONFIGURATION, "Inconsistent object: "
                        + MetadataResolver.inconsistencyReason(c.table(), permission.role(), e.getMessage()), c.at());
            }
            ChildMetadata next = state.metadata().withTable(table.withPermission(permission));
            return Applied.success(resolver.resolveNext(state, next, c.at(),
                    Set.of(MetadataResolver.permissionObjectName(c.table(), permission))));
        }
        if (command instanceof ChildCommand.SetPermissionComment c) {
            TrackedTable table = ChildCommandApplier.requireTracked(state, c.table(), c.at());
            TablePermission permission = table.permission(c.kind(), c.role()).orElseThrow(() -> new JoineryException(
                    ErrorCode.PERMISSION_DENIED, "'" + c.kind().wireName() + "' permission on \"" + c.table().displayName()
                    + "\" for role \"" + c.role() + "\" does not exist", c.at()));
            ChildMetadata next = state.metadata().withTable(table.withPermission(
                    new TablePermission(permission.role(), permission.permission(), c.comment())));
            return Applied.success(resolver.resolveNext(state, next, c.at(), Set.of()));
        }
        ChildCommand.DropPermission c = (ChildCommand.DropPermission) command;
        TrackedTable table = ChildCommandApplier.requireTracked(state, c.table(), c.at());
        if (table.permission(c.kind(), c.role()).isEmpty()) {
            throw new JoineryException(ErrorCode.PERMISSION_DENIED, c.kind().wireName() + " permission on \""
                    + c.table().displayName() + "\" for role \"" + c.role() + "\" does not exist", c.at());
        }
        ChildMetadata next = state.metadata().withTable(table.withoutPermission(c.kind(), c.role()));
        return Applied.success(resolver.resolveNext(state, next, c.at(), Set.of()));
    }

    /** Hasura's `select permission already defined on table "author" with role "user"`. */
    static String alreadyDefined(PermissionKind kind, QualifiedTable table, String role) {
        return kind.wireName() + " permission already defined on table \"" + table.displayName() + "\" with role \""
                + role + "\"";
    }
}
