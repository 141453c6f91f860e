package io.joinery.child.metadata;

import io.joinery.child.db.QualifiedTable;
import io.joinery.child.metadata.CustomTypes.ObjectDef;
import io.joinery.child.metadata.CustomTypes.TypeRelationshipDef;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.metadata.CommandApplier.Applied;
import io.joinery.core.metadata.InconsistentObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The action and custom-type commands of {@link ChildCommandApplier} (SPEC §3.1, §3.2), pure. Like every
 * mutating command they go through {@link MetadataResolver#resolveNext}: the command's own object
 * failing is `invalid-configuration` "Inconsistent object: ...", another object breaking (an
 * action whose type was removed) is `unexpected` "cannot continue due to new inconsistent metadata".
 */
final class ActionCommandApplier {
    private ActionCommandApplier() {}

    static Applied<ChildSnapshot> apply(ChildSnapshot state, ChildCommand command, MetadataResolver resolver) {
        ChildMetadata metadata = state.metadata();
        if (command instanceof ChildCommand.SetCustomTypes c) {
            List<String> problems = new CustomTypesValidator(
                    ActionResolver.catalog(state.model().tables().values())).problems(c.types());
            if (!problems.isEmpty()) {
                throw new JoineryException(ErrorCode.INVALID_CONFIGURATION,
                        InconsistentObject.REASON_PREFIX + CustomTypesValidator.failureReason(problems), c.at());
            }
            Set<String> own = new java.util.HashSet<>(ToActionResolver.objectNames(c.types()));
            own.add(MetadataResolver.CUSTOM_TYPES_OBJECT_NAME);
            return Applied.success(resolver.resolveNext(state, metadata.withCustomTypes(c.types()), c.at(), own));
        }
        if (command instanceof ChildCommand.CreateAction c) {
            if (metadata.action(c.action().name()).isPresent()) {
                throw new JoineryException(ErrorCode.ALREADY_EXISTS,
                        "action with name \"" + c.action().name() + "\" already exists", c.at());
            }
            return done(resolver, state, metadata.withAction(c.action()), c.at(), MetadataResolver.actionObjectName(c.action().name()));
        }
        if (command instanceof ChildCommand.UpdateAction c) {
            ActionDef existing = requireAction(metadata, c.name(), c.at());
            return done(resolver, state, metadata.withAction(existing.withDefinition(c.definition(), c.comment())), c.at(),
                    MetadataResolver.actionObjectName(c.name()));
        }
        if (command instanceof ChildCommand.DropAction c) {
            requireAction(metadata, c.name(), c.at());
            return done(resolver, state, metadata.withoutAction(c.name()), c.at(), null);
        }
        if (command instanceof ChildCommand.CreateActionPermission c) {
            ActionDef action = requireAction(metadata, c.action(), c.at());
            if (action.permissions().stream().anyMatch(p -> p.role().equals(c.permission().role()))) {
                throw new JoineryException(ErrorCode.ALREADY_EXISTS, "permission for role \"" + c.permission().role()
                        + "\" is already defined on action \"" + c.action() + "\"", c.at());
            }
            List<ActionDef.Permission> permissions = new ArrayList<>(action.permissions());
            permissions.add(c.permission());
            return done(resolver, state, metadata.withAction(action.withPermissions(permissions)), c.at(), null);
        }
        ChildCommand.DropActionPermission c = (ChildCommand.DropActionPermission) command;
        ActionDef action = requireAction(metadata, c.action(), c.at());
        if (action.permissions().stream().noneMatch(p -> p.role().equals(c.role()))) {
            throw new JoineryException(ErrorCode.NOT_EXISTS, "permission for role \"" + c.role()
                    + "\" is not defined on action \"" + c.action() + "\"", c.at());
        }
        return done(resolver, state, metadata.withAction(action.withPermissions(
                action.permissions().stream().filter(p -> !p.role().equals(c.role())).toList())), c.at(), null);
    }

    /** `relationship OrderResult.author` for every custom type relationship to {@code table}. */
    static List<String> typeRelationshipsTo(CustomTypes types, QualifiedTable table) {
        List<String> names = new ArrayList<>();
        for (ObjectDef object : types.objects()) {
            for (TypeRelationshipDef rel : object.relationships()) {
                if (rel.remoteTable().equals(table)) {
                    names.add("relationship " + object.name() + "." + rel.name());
                }
            }
        }
        return names;
    }

    /** The custom types without their relationships to {@code table} (`pg_untrack_table` with `cascade`). */
    static CustomTypes withoutRelationshipsTo(CustomTypes types, QualifiedTable table) {
        List<ObjectDef> objects = types.objects().stream().map(o -> new ObjectDef(o.name(), o.fields(), o.description(),
                o.relationships().stream().filter(r -> !r.remoteTable().equals(table)).toList(),
                o.actionRelationships())).toList();
        return new CustomTypes(types.scalars(), types.enums(), types.inputObjects(), objects);
    }

    private static ActionDef requireAction(ChildMetadata metadata, String name, ErrorPath at) {
        return metadata.action(name).orElseThrow(() -> new JoineryException(ErrorCode.NOT_EXISTS,
                "action with name \"" + name + "\" does not exist", at));
    }

    private static Applied<ChildSnapshot> done(MetadataResolver resolver, ChildSnapshot state, ChildMetadata next,
                                               ErrorPath at, String ownObject) {
        return Applied.success(resolver.resolveNext(state, next, at,
                ownObject == null ? Set.of() : Set.of(ownObject)));
    }
}
