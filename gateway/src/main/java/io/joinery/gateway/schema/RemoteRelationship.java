package io.joinery.gateway.schema;

import graphql.language.FieldDefinition;
import io.joinery.gateway.metadata.RemoteRelationshipDef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A remote relationship that validated against its remotes (SPEC §5.1): the declared form, the LHS
 * type under its gateway name, and the field it adds to that type (SPEC §5.2: the type of the last
 * `remote_field` level in gateway names, outermost nullable; its {@code arguments}: those the template
 * leaves unset, with the derived input types for partly set input objects).
 * {@code lhsSelections}: per lhs field, the sub-selection that reads its whole value (`""` for a
 * scalar or enum; ` { a b { c } }` in original names for an object-typed field).
 * {@code enumPositions}: where `$x` templates sit in enum-typed argument positions (their values
 * are written as enum literals), as `level/argument[/key|index…]`.
 */
public record RemoteRelationship(RemoteRelationshipDef def, String lhsGatewayType, FieldDefinition field,
                                 RelationshipArguments arguments, Map<String, String> lhsSelections, Set<String> enumPositions) {
    public RemoteRelationship {
        lhsSelections = Collections.unmodifiableMap(new LinkedHashMap<>(lhsSelections));
        enumPositions = Set.copyOf(enumPositions);
    }

    /** A stable identity: `remote.Type.name` in original names. */
    public String id() {
        return def.remoteSchema() + "." + def.typeName() + "." + def.name();
    }
}
