package io.joinery.gateway.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.language.AstPrinter;
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

    private static final String MESSAGES_SDL = """
            type Query {
              profiles: [Profile!]!
              messages(where: MessageWhere!, or: [MessageWhere!], includes: Include, only: IntCompare, limit: Int = 10): [Message!]!
            }
            type Profile { id: Int!  name: String! }
            type Message { id: Int! }
            input MessageWhere { id: IntCompare  name: StringCompare }
            input IntCompare { eq: Int  gt: Int }
            input StringCompare { eq: String }
            input Include { id: [Int]  name: [String] }
            """;

    private static RemoteRelationship messages(String arguments) {
        ObjectNode command = (ObjectNode) Json.parseBody("""
                {"type": "create_remote_schema_remote_relationship", "args": {"remote_schema": "r",
                  "type_name": "Profile", "name": "msgs", "definition": {"to_remote_schema": {"remote_schema": "r",
                  "lhs_fields": ["id", "name"], "remote_field": {"messages": {"arguments": %s}}}}}}""".formatted(arguments));
        return RelationshipResolver.resolve(
                ((GatewayCommand.CreateRemoteRelationship) GatewayCommandParser.parse(command, ErrorPath.root())).def(),
                Map.of("r", remote("r", MESSAGES_SDL)), Set.of("r"));
    }

    private static String printed(RemoteRelationship relationship) {
        StringBuilder out = new StringBuilder(AstPrinter.printAst(relationship.field()));
        relationship.arguments().types().forEach(t -> out.append('\n').append(AstPrinter.printAst(t)));
        return out.toString();
    }

    @Test
    void partlySetInputObject_remainingFieldsStaySettable_underDerivedTypes() {
        RemoteRelationship relationship = messages("""
                {"where": {"id": {"eq": "$id"}}, "or": [{"id": {"gt": "$id"}}], "includes": {"id": ["$id"], "name": ["$name"]},
                 "only": {"eq": "$id", "gt": 1}}""");

        // `where` was required upstream; the template gives it, so it is optional here. `includes`
        // and `only` are set whole (lists of one atom, every field): nothing is left to offer.
        assertThat(printed(relationship)).isEqualTo("""
                msgs(where: MessageWhere_remote_rel_Profilemsgs, or: [MessageWhere_remote_rel_Profilemsgs_2!], limit: Int = 10): [Message!]
                input IntCompare_remote_rel_Profilemsgs {
                  gt: Int
                }
                input MessageWhere_remote_rel_Profilemsgs {
                  id: IntCompare_remote_rel_Profilemsgs
                  name: StringCompare
                }
                input IntCompare_remote_rel_Profilemsgs_2 {
                  eq: Int
                }
                input MessageWhere_remote_rel_Profilemsgs_2 {
                  id: IntCompare_remote_rel_Profilemsgs_2
                  name: StringCompare
                }""");
        assertThat(relationship.arguments().originalTypes()).containsExactly(
                Map.entry("IntCompare_remote_rel_Profilemsgs", "IntCompare"),
                Map.entry("MessageWhere_remote_rel_Profilemsgs", "MessageWhere"),
                Map.entry("IntCompare_remote_rel_Profilemsgs_2", "IntCompare"),
                Map.entry("MessageWhere_remote_rel_Profilemsgs_2", "MessageWhere"));
        assertThat(relationship.arguments().positionTypes()).containsEntry("0/where/name", "StringCompare")
                .containsEntry("0/where/id/gt", "Int").containsEntry("0/or/*", "MessageWhere!")
                .doesNotContainKey("0/where/id/eq").doesNotContainKey("0/includes/name");
    }

    @Test
    void sameRemainingFieldsTwice_shareOneDerivedType() {
        RemoteRelationship relationship = messages("{\"where\": {\"id\": {\"eq\": \"$id\"}}, \"or\": [{\"id\": {\"eq\": 1}}]}");

        assertThat(relationship.arguments().types()).extracting(t -> t.getName())
                .containsExactly("IntCompare_remote_rel_Profilemsgs", "MessageWhere_remote_rel_Profilemsgs");
        assertThat(AstPrinter.printAst(relationship.field())).startsWith("msgs(where: MessageWhere_remote_rel_Profilemsgs, "
                + "or: [MessageWhere_remote_rel_Profilemsgs!], includes: Include, only: IntCompare");
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
