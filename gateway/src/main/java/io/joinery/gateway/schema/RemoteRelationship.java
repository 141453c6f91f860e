package io.joinery.gateway.schema;

import graphql.language.FieldDefinition;
import graphql.schema.GraphQLInputType;
import io.joinery.gateway.metadata.RemoteRelationshipDef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A remote relationship that validated against its remotes (SPEC §5.1): the declared form, the LHS
 * type under its gateway name, and the field it adds to that type (SPEC §5.2: the type of the last
 * `remote_field` level in gateway names, outermost nullable; its {@code arguments}: those the template
 * leaves unset, with the derived input types for partly set input objects).
 * {@code lhsSelections}: per lhs field, the sub-selection that reads its whole value (`""` for a
 * scalar or enum; ` { a b { c } }` in original names for an object-typed field).
 * {@code valueTypes}: the target's type (original names) at each position of a `$x` template, as
 * `level/argument[/key|index…]`: its values are written as literals of that type (SPEC §11.2).
 */
public record RemoteRelationship(RemoteRelationshipDef def, String lhsGatewayType, FieldDefinition field,
                                 RelationshipArguments arguments, Map<String, String> lhsSelections,
                                 Map<String, GraphQLInputType> valueTypes) {
    public RemoteRelationship {
        lhsSelections = Collections.unmodifiableMap(new LinkedHashMap<>(lhsSelections));
        valueTypes = Collections.unmodifiableMap(new LinkedHashMap<>(valueTypes));
    }

    /** A stable identity: `remote.Type.name` in original names. */
    public String id() {
        return def.remoteSchema() + "." + def.typeName() + "." + def.name();
    }
}
