package io.joinery.gateway.plan;

import io.joinery.gateway.metadata.RemoteRelationshipDef;
import java.util.List;
import java.util.Set;

/**
 * The right-hand side of a join, minus the join values (which arrive at run time): the
 * `remote_field` path with its argument templates, the client's own arguments of the relationship
 * field (printed, in target names), the client's selection at the leaf (printed, `""` for a scalar
 * leaf), the client variables these use with their definitions, and where `__typename` values sit
 * in the leaf value.
 *
 * <pre>
 * f&lt;n&gt;: customer(id: &lt;$cid&gt;) { orders(limit: 10, &lt;clientArguments&gt;) &lt;selection&gt; }
 * </pre>
 */
public record RemoteFieldTemplate(List<RemoteRelationshipDef.PathLevel> levels, String clientArguments,
                                  String selection, String variableDefinitions, List<String> variables,
                                  TypenameKeys typenames, Set<String> enumPositions) {
    public RemoteFieldTemplate {
        levels = List.copyOf(levels);
        enumPositions = Set.copyOf(enumPositions);
        variables = List.copyOf(variables);
    }
}
