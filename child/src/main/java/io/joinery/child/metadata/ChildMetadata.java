package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.QualifiedTable;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.JoineryException;
import io.joinery.core.limits.ApiPolicy;
import io.joinery.core.metadata.ArgsReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The child's metadata as declared: the tables of the `default` source (sorted by schema, name)
 * and, when accepted with `allow_inconsistent_metadata`, the parts Joinery does not support
 * (top-level keys, keys of the source, other sources), kept so that they are listed as
 * inconsistent and exported rather than silently dropped (SPEC §0.4).
 *
 * @param unsupported       top-level keys (e.g. `cron_triggers`)
 * @param unsupportedSource keys of the `default` source entry (e.g. `functions`)
 * @param otherSources      source entries other than `default`, as given
 * @param actions           the actions, sorted by name (SPEC §3.2)
 * @param customTypes       the custom types of `set_custom_types`, in the order given (SPEC §3.1)
 * @param inheritedRoles    the inherited roles, sorted by name (SPEC §10.2)
 * @param policy            `api_limits` and `graphql_schema_introspection` (SPEC §10.3, §11.1)
 */
public record ChildMetadata(List<TrackedTable> tables, Map<String, JsonNode> unsupported,
                            Map<String, JsonNode> unsupportedSource, List<JsonNode> otherSources,
                            List<ActionDef> actions, CustomTypes customTypes, List<InheritedRole> inheritedRoles,
                            ApiPolicy policy) {
    public static final ChildMetadata EMPTY = new ChildMetadata(List.of(), Map.of(), Map.of(), List.of());

    public ChildMetadata {
        tables = tables.stream().sorted(Comparator.comparing(TrackedTable::table)).toList();
        unsupported = Collections.unmodifiableMap(new LinkedHashMap<>(unsupported));
        unsupportedSource = Collections.unmodifiableMap(new LinkedHashMap<>(unsupportedSource));
        otherSources = List.copyOf(otherSources);
        actions = actions.stream().sorted(Comparator.comparing(ActionDef::name)).toList();
        customTypes = customTypes == null ? CustomTypes.empty() : customTypes;
        inheritedRoles = inheritedRoles == null ? List.of()
                : inheritedRoles.stream().sorted(Comparator.comparing(InheritedRole::roleName)).toList();
        policy = policy == null ? ApiPolicy.NONE : policy;
    }

    /** Without inherited roles, API limits or introspection options. */
    public ChildMetadata(List<TrackedTable> tables, Map<String, JsonNode> unsupported,
                         Map<String, JsonNode> unsupportedSource, List<JsonNode> otherSources,
                         List<ActionDef> actions, CustomTypes customTypes) {
        this(tables, unsupported, unsupportedSource, otherSources, actions, customTypes, List.of(), ApiPolicy.NONE);
    }

    public ChildMetadata withPolicy(ApiPolicy next) {
        return new ChildMetadata(tables, unsupported, unsupportedSource, otherSources, actions, customTypes,
                inheritedRoles, next);
    }

    /** The source argument of a command: absent or `default`; any other source does not exist on the child. */
    static void requireDefaultSource(ArgsReader args) {
        Optional<String> source = args.optionalString("source");
        if (source.isPresent() && !source.get().equals("default")) {
            throw new JoineryException(ErrorCode.NOT_EXISTS,
                    "source with name \"" + source.get() + "\" does not exist", args.at());
        }
    }

    /** Tables and unsupported parts only: no actions, no custom types. */
    public ChildMetadata(List<TrackedTable> tables, Map<String, JsonNode> unsupported,
                         Map<String, JsonNode> unsupportedSource, List<JsonNode> otherSources) {
        this(tables, unsupported, unsupportedSource, otherSources, List.of(), CustomTypes.empty(), List.of(), ApiPolicy.NONE);
    }

    public Optional<ActionDef> action(String name) {
        return actions.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** This metadata with {@code action} added, or replacing the action of the same name. */
    public ChildMetadata withAction(ActionDef action) {
        List<ActionDef> next = new ArrayList<>(actions);
        next.removeIf(a -> a.name().equals(action.name()));
        next.add(action);
        return new ChildMetadata(tables, unsupported, unsupportedSource, otherSources, next, customTypes, inheritedRoles,
                policy);
    }

    public ChildMetadata withoutAction(String name) {
        return new ChildMetadata(tables, unsupported, unsupportedSource, otherSources,
                actions.stream().filter(a -> !a.name().equals(name)).toList(), customTypes, inheritedRoles, policy);
    }

    public ChildMetadata withCustomTypes(CustomTypes types) {
        return new ChildMetadata(tables, unsupported, unsupportedSource, otherSources, actions, types, inheritedRoles,
                policy);
    }

    public Optional<TrackedTable> table(QualifiedTable name) {
        return tables.stream().filter(t -> t.table().equals(name)).findFirst();
    }

    public boolean isTracked(QualifiedTable name) {
        return table(name).isPresent();
    }

    public ChildMetadata withTable(TrackedTable table) {
        List<TrackedTable> next = new ArrayList<>(tables);
        next.removeIf(t -> t.table().equals(table.table()));
        next.add(table);
        return withTables(next);
    }

    public ChildMetadata withoutTable(QualifiedTable name) {
        return withTables(tables.stream().filter(t -> !t.table().equals(name)).toList());
    }

    public ChildMetadata mapTables(UnaryOperator<TrackedTable> change) {
        return withTables(tables.stream().map(change).toList());
    }

    public ChildMetadata withTables(List<TrackedTable> next) {
        return new ChildMetadata(next, unsupported, unsupportedSource, otherSources, actions, customTypes,
                inheritedRoles, policy);
    }

    /** This metadata without any unsupported part (what `drop_inconsistent_metadata` keeps of them). */
    public ChildMetadata withoutUnsupported() {
        return new ChildMetadata(tables.stream().map(TrackedTable::withoutUnsupported).toList(), Map.of(), Map.of(),
                List.of(), actions, customTypes, inheritedRoles, policy);
    }

    public Optional<InheritedRole> inheritedRole(String name) {
        return inheritedRoles.stream().filter(r -> r.roleName().equals(name)).findFirst();
    }

    /** This metadata with {@code role} added (or replacing the inherited role of the same name). */
    public ChildMetadata withInheritedRole(InheritedRole role) {
        List<InheritedRole> next = new ArrayList<>(inheritedRoles);
        next.removeIf(r -> r.roleName().equals(role.roleName()));
        next.add(role);
        return new ChildMetadata(tables, unsupported, unsupportedSource, otherSources, actions, customTypes, next,
                policy);
    }

    public ChildMetadata withoutInheritedRole(String name) {
        return new ChildMetadata(tables, unsupported, unsupportedSource, otherSources, actions, customTypes,
                inheritedRoles.stream().filter(r -> !r.roleName().equals(name)).toList(), policy);
    }
}
