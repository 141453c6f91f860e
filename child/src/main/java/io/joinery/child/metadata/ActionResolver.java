package io.joinery.child.metadata;

import io.joinery.child.db.QualifiedTable;
import io.joinery.core.metadata.EnvTemplate;
import io.joinery.core.metadata.InconsistentObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves custom types and actions against the consistent tables (pure; SPEC §3.1, §3.2).
 * Custom types that fail validation are one inconsistent object (`custom_types`) and are then all
 * unavailable; an action whose types do not exist or fit is an inconsistent `action`.
 *
 * <pre>
 * custom types ─CustomTypesValidator(tracked columns, Postgres scalars)→ ok | custom_types inconsistent
 * each action  ─ActionTypeChecker(usable custom types)→ ok | action inconsistent
 * </pre>
 */
final class ActionResolver {
    /**
     * Postgres scalars an action or custom type may use without declaring them, besides the scalars
     * of tracked columns: Hasura's usual Postgres scalar names.
     */
    private static final Set<String> POSTGRES_SCALARS = Set.of("bigint", "smallint", "numeric", "float8",
            "uuid", "date", "time", "timetz", "timestamp", "timestamptz", "interval", "json", "jsonb", "bpchar",
            "bytea", "citext", "money", "inet", "cidr", "macaddr", "name", "oid", "xml", "ltree", "geometry",
            "geography");

    /** The consistent actions and custom types, and what did not resolve. */
    record Resolved(ResolvedActions model, List<InconsistentObject> inconsistencies) {}

    private ActionResolver() {}

    static Resolved resolve(ChildMetadata metadata, Collection<ResolvedTable> tables, Function<String, String> env,
                            SchemaCheck schemaCheck) {
        CustomTypesValidator.Catalog catalog = catalog(tables);
        CustomTypes types = metadata.customTypes();
        List<String> problems = new CustomTypesValidator(catalog).problems(types);
        if (!problems.isEmpty()) {
            return withoutTypes(metadata, catalog, CustomTypesValidator.failureReason(problems), env);
        }
        Resolved resolved = actions(metadata, catalog, types, new ArrayList<>(), env);
        if (types.isEmpty()) {
            return resolved;
        }
        // a custom type named like a generated one (`author`, `author_bool_exp`, `query_root`) would
        // make the schema unbuildable: then the custom types are inconsistent instead
        try {
            schemaCheck.check(ResolvedModel.of(List.copyOf(tables)).withActions(resolved.model()));
            return resolved;
        } catch (RuntimeException e) {
            return withoutTypes(metadata, catalog, "the custom types do not fit in the GraphQL schema: " + e.getMessage(),
                    env);
        }
    }

    private static Resolved withoutTypes(ChildMetadata metadata, CustomTypesValidator.Catalog catalog, String reason,
                                         Function<String, String> env) {
        List<InconsistentObject> inconsistent = new ArrayList<>();
        inconsistent.add(InconsistentObject.of("custom_types", MetadataResolver.CUSTOM_TYPES_OBJECT_NAME,
                metadata.customTypes().toJson(), reason));
        return actions(metadata, catalog, CustomTypes.empty(), inconsistent, env);
    }

    private static Resolved actions(ChildMetadata metadata, CustomTypesValidator.Catalog catalog, CustomTypes types,
                                    List<InconsistentObject> inconsistent, Function<String, String> env) {
        ActionTypeChecker checker = new ActionTypeChecker(types, catalog::isPostgresScalar);
        List<ActionDef> actions = new ArrayList<>();
        for (ActionDef action : metadata.actions()) {
            Optional<String> problem = checker.problem(action.definition()).or(() -> missingEnvironment(action, env));
            if (problem.isPresent()) {
                inconsistent.add(InconsistentObject.of("action", MetadataResolver.actionObjectName(action.name()),
                        action.toJson(), problem.get()));
            } else {
                actions.add(action);
            }
        }
        return new Resolved(new ResolvedActions(actions, types), inconsistent);
    }

    /**
     * SPEC §3.2: `{{VAR}}` in the handler or a header value, and `value_from_env`, are read from the
     * environment; an action whose variable is not set is inconsistent until it is (and a reload),
     * and one naming a server secret is inconsistent for good (SPEC §11.2, {@link EnvTemplate}).
     */
    private static Optional<String> missingEnvironment(ActionDef action, Function<String, String> env) {
        List<String> variables = new ArrayList<>(EnvTemplate.variables(action.definition().handler()));
        for (ActionHeader header : action.definition().headers()) {
            if (header.isFromEnv()) {
                variables.add(header.valueFromEnv());
            } else {
                variables.addAll(EnvTemplate.variables(header.value()));
            }
        }
        return EnvTemplate.unreadable(variables, env, missing -> "environment variable '" + missing.get(0) + "' not set"
                + (missing.size() > 1 ? " (nor " + String.join(", ", missing.subList(1, missing.size())) + ")" : ""));
    }

    /** Validation's view of the database: the consistent tracked tables and the known Postgres scalars. */
    static CustomTypesValidator.Catalog catalog(Collection<ResolvedTable> tables) {
        Map<QualifiedTable, List<String>> columns = new LinkedHashMap<>();
        Set<String> scalars = new HashSet<>(POSTGRES_SCALARS);
        for (ResolvedTable table : tables) {
            columns.put(table.name(), table.columns().stream().map(ResolvedColumn::name).toList());
            table.columns().forEach(c -> scalars.add(c.type().graphqlScalar()));
        }
        scalars.removeAll(CustomTypes.BUILT_IN_SCALARS);
        return CustomTypesValidator.Catalog.of(columns, scalars);
    }
}
