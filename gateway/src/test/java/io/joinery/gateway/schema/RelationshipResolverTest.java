package io.joinery.gateway.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.json.Json;
import io.joinery.gateway.metadata.GatewayCommand;
import io.joinery.gateway.metadata.GatewayCommandParser;
import io.joinery.gateway.metadata.RemoteSchemaDef;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RelationshipResolverTest {
    private static final String SDL = """
            type Query { items: [Item!]!  byHolder(name: String!): Text }
            type Item { id: Int!  holder: Holder }
            type Holder { name: String!  pet: Pet  tags: [String!] }
            interface Pet { name: String! }
            type Dog implements Pet { name: String! }
            type Text { text: String }
            """;

    @Test
    void objectTypedLhsField_isReadWhole_butNotThroughInterfaces() {
        RemoteSchema remote = remote("r", SDL);
        ObjectNode command = (ObjectNode) Json.parseBody("""
                {"type": "create_remote_schema_remote_relationship", "args": {"remote_schema": "r",
                  "type_name": "Item", "name": "res", "definition": {"to_remote_schema": {"remote_schema": "r",
                  "lhs_fields": ["holder"], "remote_field": {"byHolder": {"arguments": {"name": "$holder"}}}}}}}""");
        RemoteRelationship relationship = RelationshipResolver.resolve(
                ((GatewayCommand.CreateRemoteRelationship) GatewayCommandParser.parse(command, ErrorPath.root())).def(),
                Map.of("r", remote), Set.of("r"));

        // `pet` (an interface) would need `... on Dog { }` selections: it is left out, not selected bare
        assertThat(relationship.lhsSelections()).containsEntry("holder", " { name tags }");
    }

    private static RemoteSchema remote(String name, String sdl) {
        ObjectNode entry = Json.object();
        entry.put("name", name);
        entry.set("definition", Json.parseBody("{\"url\": \"http://127.0.0.1:9/graphql\"}"));
        RemoteSchemaDef def = RemoteSchemaDef.parse(entry, ErrorPath.root(), Set.of());
        ExecutionResult result = GraphQL.newGraphQL(UnExecutableSchemaGenerator.makeUnExecutableSchema(
                new SchemaParser().parse(sdl))).build().execute(RemoteSchemaIntrospector.QUERY);
        assertThat(result.getErrors()).isEmpty();
        Map<String, Object> data = result.getData();
        return RemoteSchemaReader.read(def, RemoteEndpoint.resolve(def, n -> null), (ObjectNode) Json.valueToTree(data));
    }
}
