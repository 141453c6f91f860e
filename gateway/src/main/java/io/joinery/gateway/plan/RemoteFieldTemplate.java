package io.joinery.gateway.plan;

import graphql.schema.GraphQLInputType;
import io.joinery.gateway.metadata.RemoteRelationshipDef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The right-hand side of a join, minus the join values (which arrive at run time): the
 * `remote_field` path with its argument templates, the arguments of the last path field (the
 * template's merged with the client's own arguments of the relationship field, SPEC §5.2), the
 * client's selection at the leaf (printed, `""` for a scalar leaf), the client variables these
 * forward with their definitions, where `__typename` values sit in the leaf value, and the
 * target's type at each `$x` position ({@code valueTypes}, keyed by template pointer
 * `level/argument/key…`; see {@link JoinLiteral}), and per path level the argument presets of the
 * role's view of the target ({@code presets}, SPEC §10.4; their session variables are among
 * {@code variables}).
 *
 * <pre>
 * f&lt;n&gt;: customer(id: &lt;$cid&gt;) { orders(&lt;arguments&gt;) &lt;selection&gt; }
 * </pre>
 */
public record RemoteFieldTemplate(List<RemoteRelationshipDef.PathLevel> levels, List<JoinArgument.Field> arguments,
                                  String selection, String variableDefinitions, List<String> variables,
                                  TypenameKeys typenames,
                                  Map<String, GraphQLInputType> valueTypes, List<String> presets) {
    public RemoteFieldTemplate {
        levels = List.copyOf(levels);
        arguments = List.copyOf(arguments);
        valueTypes = Collections.unmodifiableMap(new LinkedHashMap<>(valueTypes));
        variables = List.copyOf(variables);
        presets = List.copyOf(presets);
    }

    /** Without argument presets (the admin's view of the target). */
    public RemoteFieldTemplate(List<RemoteRelationshipDef.PathLevel> levels, List<JoinArgument.Field> arguments,
                               String selection, String variableDefinitions, List<String> variables,
                               TypenameKeys typenames, Map<String, GraphQLInputType> valueTypes) {
        this(levels, arguments, selection, variableDefinitions, variables, typenames, valueTypes, List.of());
    }

    /** The role's preset arguments of path level {@code level}, written (`greeting: $x_hasura_greeting`), or "". */
    public String presetsAt(int level) {
        return level < presets.size() ? presets.get(level) : "";
    }

    /**
     * The `remote_field` names below the aliased root field, in order: the upstream answer wraps the
     * relationship's value in them (`f0.orders` above), the client's answer does not.
     */
    public List<String> innerFields() {
        return levels.subList(1, levels.size()).stream().map(RemoteRelationshipDef.PathLevel::field).toList();
    }
}
