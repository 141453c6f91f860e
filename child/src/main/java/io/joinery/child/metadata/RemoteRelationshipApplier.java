package io.joinery.child.metadata;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.JoineryException;
import io.joinery.core.metadata.CommandApplier.Applied;
import java.util.Set;

/**
 * `pg_create_remote_relationship`, `pg_update_remote_relationship` and
 * `pg_delete_remote_relationship` with a `to_action` definition (SPEC §12), pure. A relationship
 * that does not check out ({@link ToActionResolver}) fails its command with `invalid-configuration`
 * "Inconsistent object: <reason>" and changes nothing.
 */
final class RemoteRelationshipApplier {
    private RemoteRelationshipApplier() {}

    static Applied<ChildSnapshot> apply(ChildSnapshot state, ChildCommand command, MetadataResolver resolver) {
        if (command instanceof ChildCommand.CreateRemoteRelationship c) {
            TrackedTable table = ChildCommandApplier.requireTracked(state, c.table(), c.at());
            String name = c.relationship().name();
            boolean exists = table.remoteRelationship(name).isPresent();
            if (c.replace() && !exists) {
                throw notExists(name, c.table(), c);
            }
            if (!c.replace() && (exists || table.relationship(name).isPresent())) {
                throw new JoineryException(ErrorCode.ALREADY_EXISTS, "remote relationship \"" + name
                        + "\" already exists on table \"" + c.table().displayName() + "\"", c.at().key("name"));
            }
            ChildMetadata next = state.metadata().withTable(table.withRemoteRelationship(c.relationship()));
            return Applied.success(resolver.resolveNext(state, next, c.at(),
                    Set.of(ToActionResolver.tableObjectName(c.table(), name))));
        }
        ChildCommand.DeleteRemoteRelationship c = (ChildCommand.DeleteRemoteRelationship) command;
        TrackedTable table = ChildCommandApplier.requireTracked(state, c.table(), c.at());
        if (table.remoteRelationship(c.name()).isEmpty()) {
            throw notExists(c.name(), c.table(), c);
        }
        ChildMetadata next = state.metadata().withTable(table.withoutRemoteRelationships(Set.of(c.name())));
        return Applied.success(resolver.resolveNext(state, next, c.at(), Set.of()));
    }

    private static JoineryException notExists(String name, io.joinery.child.db.QualifiedTable table, ChildCommand c) {
        return new JoineryException(ErrorCode.NOT_EXISTS, "remote relationship \"" + name
                + "\" does not exist on table \"" + table.displayName() + "\"", c.at().key("name"));
    }
}
