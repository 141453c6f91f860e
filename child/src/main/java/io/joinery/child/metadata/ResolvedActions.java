package io.joinery.child.metadata;

import java.util.List;
import java.util.Optional;

/**
 * The consistent actions and custom types (SPEC §3): what the schema exposes as action root fields
 * and custom types, and what the action executor reads. Inconsistent actions never get here; when
 * the custom types are inconsistent, {@code customTypes} is empty.
 */
public record ResolvedActions(List<ActionDef> actions, CustomTypes customTypes, ToActionJoins joins) {
    public static final ResolvedActions EMPTY = new ResolvedActions(List.of(), CustomTypes.empty());

    public ResolvedActions {
        actions = List.copyOf(actions);
        joins = joins == null ? ToActionJoins.EMPTY : joins;
    }

    public ResolvedActions(List<ActionDef> actions, CustomTypes customTypes) {
        this(actions, customTypes, ToActionJoins.EMPTY);
    }

    /** The same actions with the consistent `to_action` relationships (SPEC §12). */
    public ResolvedActions withJoins(ToActionJoins next) {
        return new ResolvedActions(actions, customTypes, next);
    }

    public Optional<ActionDef> action(String name) {
        return actions.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The actions {@code role} may call: all for admin, else those with a permission for the role. */
    public List<ActionDef> visibleTo(String role) {
        return actions.stream().filter(a -> a.isAllowedFor(role)).toList();
    }

    /** The actions one of {@code roles} may call (an inherited role and the roles it inherits from). */
    public List<ActionDef> visibleTo(java.util.Collection<String> roles) {
        return actions.stream().filter(a -> roles.stream().anyMatch(a::isAllowedFor)).toList();
    }
}
