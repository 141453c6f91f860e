package io.joinery.gateway.schema;

import graphql.language.FieldDefinition;
import io.joinery.gateway.metadata.RemoteRelationshipDef;

/**
 * A remote relationship that validated against its remotes (SPEC §5.1): the declared form, the LHS
 * type under its gateway name, and the field it adds to that type (SPEC §5.2: the type of the last
 * `remote_field` level in gateway names, outermost nullable; the arguments the template leaves unset).
 */
public record RemoteRelationship(RemoteRelationshipDef def, String lhsGatewayType, FieldDefinition field) {

    /** A stable identity: `remote.Type.name` in original names. */
    public String id() {
        return def.remoteSchema() + "." + def.typeName() + "." + def.name();
    }
}
