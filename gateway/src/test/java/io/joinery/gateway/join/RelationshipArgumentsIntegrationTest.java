package io.joinery.gateway.join;

import static io.joinery.gateway.testing.JoinRemotes.relationship;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;
import io.joinery.gateway.testing.GatewayFixture;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.TestUpstream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Relationship arguments whose input object the template sets partly (SPEC §5.2, issue 11 item 5;
 * Hasura's `query_with_arguments.yaml` and `remote_rel_variables.yaml`): the client sets the rest,
 * by literal or variable, and the two are merged (objects key by key, lists client-first).
 */
class RelationshipArgumentsIntegrationTest {
    private static final String PROFILES_SDL = """
            type Query { profiles: [Profile!]! }
            type Profile { id: Int!  name: String! }
            """;

    private static final String MESSAGES_SDL = """
            type Query { messages(where: MessageWhere, includes: Include, or: [MessageWhere!]): [Message!]! }
            type Message { id: Int!  name: String!  msg: String! }
            input MessageWhere { id: IntCompare  name: StringCompare }
            input IntCompare { eq: Int  gt: Int  lt: Int }
            input StringCompare { eq: String }
            input Include { id: [Int]  name: [String] }
            """;

    private static final List<Map<String, Object>> MESSAGES = List.of(
            Map.of("id", 1, "name", "alice", "msg", "You win!"),
            Map.of("id", 2, "name", "bob", "msg", "You lose!"),
            Map.of("id", 3, "name", "alice", "msg", "Another alice"));

    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.builder()
            .remote("profiles", RelationshipArgumentsIntegrationTest::profiles, null)
            .remote("messages", RelationshipArgumentsIntegrationTest::messages, null)
            .then(g -> {
                g.metadataOk(relationship("profiles", "Profile", "messagesNestedArgs", "messages", "[\"id\"]",
                        "{\"messages\":{\"arguments\":{\"where\":{\"id\":{\"eq\":\"$id\"}}}}}"));
                g.metadataOk(relationship("profiles", "Profile", "messagesOr", "messages", "[\"id\"]",
                        "{\"messages\":{\"arguments\":{\"or\":[{\"id\":{\"eq\":\"$id\"}}]}}}"));
            })
            .start();
    private final GatewayHarness gateway = fixture.gateway();
    private final TestUpstream messages = fixture.upstream("messages");

    private static TestUpstream profiles() {
        return TestUpstream.builder("profiles", PROFILES_SDL)
                .field("Query", "profiles", env -> List.of(Map.of("id", 1, "name", "alice"),
                        Map.of("id", 2, "name", "bob"), Map.of("id", 3, "name", "alice")))
                .start();
    }

    private static TestUpstream messages() {
        return TestUpstream.builder("messages", MESSAGES_SDL)
                .field("Query", "messages", env -> MESSAGES.stream()
                        .filter(m -> matches(m, env.getArgument("where")))
                        .filter(m -> included(m, env.getArgument("includes")))
                        .filter(m -> anyOf(m, env.getArgument("or")))
                        .toList())
                .start();
    }

    @Test
    void clientLiteral_isMergedIntoThePartlyTemplatedObject() {
        JsonNode response = gateway.graphql("""
                { profiles { id messagesNestedArgs(where: {name: {eq: "alice"}}) { id msg } } }""");

        assertThat(response.toString()).isEqualTo("{\"data\":{\"profiles\":["
                + "{\"id\":1,\"messagesNestedArgs\":[{\"id\":1,\"msg\":\"You win!\"}]},"
                + "{\"id\":2,\"messagesNestedArgs\":[]},"
                + "{\"id\":3,\"messagesNestedArgs\":[{\"id\":3,\"msg\":\"Another alice\"}]}]}}");
        assertThat(messages.requests()).singleElement().satisfies(r -> assertThat(r.query()).isEqualTo("query { "
                + "f0: messages(where: {id: {eq: 1}, name: {eq : \"alice\"}}) { id msg } "
                + "f1: messages(where: {id: {eq: 2}, name: {eq : \"alice\"}}) { id msg } "
                + "f2: messages(where: {id: {eq: 3}, name: {eq : \"alice\"}}) { id msg } }"));
    }

    @Test
    void clientVariableInsideTheLiteral_isForwardedAsAVariable() {
        ObjectNode variables = Json.object();
        variables.put("name", "alice");
        JsonNode response = gateway.graphql("""
                query ($name: String!) { profiles { id messagesNestedArgs(where: {name: {eq: $name}}) { id msg } } }""",
                variables, Map.of());

        assertThat(response.at("/data/profiles").toString()).isEqualTo("["
                + "{\"id\":1,\"messagesNestedArgs\":[{\"id\":1,\"msg\":\"You win!\"}]},"
                + "{\"id\":2,\"messagesNestedArgs\":[]},"
                + "{\"id\":3,\"messagesNestedArgs\":[{\"id\":3,\"msg\":\"Another alice\"}]}]");
        TestUpstream.Recorded request = messages.requests().get(0);
        assertThat(request.query()).startsWith("query($name: String!) { f0: messages(where: {id: {eq: 1}, name: {eq : $name}})");
        assertThat(request.variables().toString()).isEqualTo("{\"name\":\"alice\"}");
    }

    @Test
    void clientSetsMoreOfATemplatedNestedObject_mergedAtDepth() {
        JsonNode response = gateway.graphql("{ profiles { id messagesNestedArgs(where: {id: {lt: 3}}) { id } } }");

        assertThat(response.at("/data/profiles").toString()).isEqualTo("[{\"id\":1,\"messagesNestedArgs\":[{\"id\":1}]},"
                + "{\"id\":2,\"messagesNestedArgs\":[{\"id\":2}]},{\"id\":3,\"messagesNestedArgs\":[]}]");
        assertThat(messages.requests().get(0).query()).contains("f2: messages(where: {id: {eq: 3, lt: 3}}) { id }");
    }

    @Test
    void wholeObjectVariable_isMergedKeyByKey_itsOtherValuesTravelAsVariables() {
        ObjectNode variables = (ObjectNode) Json.parseBody("{\"w\": {\"name\": {\"eq\": \"alice\"}, \"id\": {\"lt\": 3}}}");
        JsonNode response = gateway.graphql("""
                query Q($w: MessageWhere_remote_rel_ProfilemessagesNestedArgs) {
                  profiles { id messagesNestedArgs(where: $w) { id } }
                }""", variables, Map.of());

        assertThat(response.at("/data/profiles").toString()).as(response.toString()).isEqualTo(
                "[{\"id\":1,\"messagesNestedArgs\":[{\"id\":1}]},{\"id\":2,\"messagesNestedArgs\":[]},"
                        + "{\"id\":3,\"messagesNestedArgs\":[]}]");
        TestUpstream.Recorded request = messages.requests().get(0);
        assertThat(request.query()).isEqualTo("query($joinery_json_var_0: Int, $joinery_json_var_1: StringCompare) { "
                + "f0: messages(where: {id: {eq: 1, lt: $joinery_json_var_0}, name: $joinery_json_var_1}) { id } "
                + "f1: messages(where: {id: {eq: 2, lt: $joinery_json_var_0}, name: $joinery_json_var_1}) { id } "
                + "f2: messages(where: {id: {eq: 3, lt: $joinery_json_var_0}, name: $joinery_json_var_1}) { id } }");
        assertThat(request.variables().toString())
                .isEqualTo("{\"joinery_json_var_0\":3,\"joinery_json_var_1\":{\"eq\":\"alice\"}}");
    }

    @Test
    void absentOrNullVariable_leavesTheTemplateAlone() {
        JsonNode response = gateway.graphql("""
                query ($w: MessageWhere_remote_rel_ProfilemessagesNestedArgs) {
                  profiles { id messagesNestedArgs(where: $w) { id } }
                }""");

        assertThat(response.at("/data/profiles/1").toString()).as(response.toString())
                .isEqualTo("{\"id\":2,\"messagesNestedArgs\":[{\"id\":2}]}");
        assertThat(messages.requests().get(0).query()).startsWith("query { f0: messages(where: {id: {eq: 1}}) { id }");
    }

    @Test
    void absentVariable_itsDefaultIsMerged() {
        JsonNode response = gateway.graphql("""
                query ($w: MessageWhere_remote_rel_ProfilemessagesNestedArgs = {name: {eq: "bob"}}) {
                  profiles { id messagesNestedArgs(where: $w) { id } }
                }""");

        assertThat(response.at("/data/profiles").toString()).as(response.toString()).isEqualTo(
                "[{\"id\":1,\"messagesNestedArgs\":[]},{\"id\":2,\"messagesNestedArgs\":[{\"id\":2}]},"
                        + "{\"id\":3,\"messagesNestedArgs\":[]}]");
        assertThat(messages.requests().get(0).variables().toString())
                .isEqualTo("{\"joinery_json_var_0\":{\"eq\":\"bob\"}}");
    }

    @Test
    void listArguments_areConcatenated_clientElementsFirst() {
        ObjectNode variables = (ObjectNode) Json.parseBody("{\"more\": [{\"id\": {\"gt\": 2}}], \"e\": {\"id\": {\"lt\": 2}}}");
        JsonNode response = gateway.graphql("""
                query ($more: [MessageWhere_remote_rel_ProfilemessagesOr!], $e: MessageWhere_remote_rel_ProfilemessagesOr!) {
                  p: profiles {
                    id
                    literal: messagesOr(or: [{name: {eq: "bob"}}]) { id }
                    variable: messagesOr(or: $more) { id }
                    element: messagesOr(or: [$e]) { id }
                  }
                }""", variables, Map.of());

        assertThat(response.at("/data/p/1").toString()).as(response.toString()).isEqualTo("{\"id\":2,"
                + "\"literal\":[{\"id\":2}],\"variable\":[{\"id\":2},{\"id\":3}],\"element\":[{\"id\":1},{\"id\":2}]}");
        List<String> queries = messages.requests().stream().map(TestUpstream.Recorded::query).toList();
        assertThat(queries).anySatisfy(q -> assertThat(q)
                .contains("f0: messages(or: [{name : {eq : \"bob\"}}, {id: {eq: 1}}]) { id }"));
        assertThat(queries).anySatisfy(q -> assertThat(q).startsWith("query($joinery_json_var_0: MessageWhere!) {")
                .contains("messages(or: [$joinery_json_var_0, {id: {eq: 1}}]) { id }"));
        // a variable of the derived type that is not merged is declared under the target's type
        assertThat(queries).anySatisfy(q -> assertThat(q).startsWith("query($e: MessageWhere!) {")
                .contains("messages(or: [$e, {id: {eq: 2}}]) { id }"));
    }

    @Test
    void templatedKeys_cannotBeSetByTheClient() {
        JsonNode response = gateway.graphql("{ profiles { id messagesNestedArgs(where: {id: {eq: 2}}) { id } } }");

        assertThat(response.at("/errors/0/extensions/code").asText()).as(response.toString()).isEqualTo("validation-failed");
        assertThat(response.has("data")).isFalse();
        assertThat(messages.requests()).isEmpty();
    }

    @Test
    void relationshipField_offersTheRemainingFields_underDerivedInputTypes() {
        JsonNode response = gateway.graphql("""
                { field: __type(name: "Profile") { fields { name args { name type { name kind ofType { name } } } } }
                  where: __type(name: "MessageWhere_remote_rel_ProfilemessagesNestedArgs") { inputFields { name type { name } } }
                  id: __type(name: "IntCompare_remote_rel_ProfilemessagesNestedArgs") { inputFields { name } } }""");

        assertThat(response.at("/data/field/fields/2").toString()).as(response.toString()).isEqualTo(
                "{\"name\":\"messagesNestedArgs\",\"args\":["
                        + "{\"name\":\"where\",\"type\":{\"name\":\"MessageWhere_remote_rel_ProfilemessagesNestedArgs\","
                        + "\"kind\":\"INPUT_OBJECT\",\"ofType\":null}},"
                        + "{\"name\":\"includes\",\"type\":{\"name\":\"Include\",\"kind\":\"INPUT_OBJECT\",\"ofType\":null}},"
                        + "{\"name\":\"or\",\"type\":{\"name\":null,\"kind\":\"LIST\",\"ofType\":{\"name\":null}}}]}");
        assertThat(response.at("/data/where").toString()).isEqualTo("{\"inputFields\":["
                + "{\"name\":\"id\",\"type\":{\"name\":\"IntCompare_remote_rel_ProfilemessagesNestedArgs\"}},"
                + "{\"name\":\"name\",\"type\":{\"name\":\"StringCompare\"}}]}");
        assertThat(response.at("/data/id").toString())
                .isEqualTo("{\"inputFields\":[{\"name\":\"gt\"},{\"name\":\"lt\"}]}");
    }

    @SuppressWarnings("unchecked")
    private static boolean matches(Map<String, Object> message, Map<String, Object> where) {
        if (where == null) {
            return true;
        }
        Map<String, Object> id = (Map<String, Object>) where.get("id");
        Map<String, Object> name = (Map<String, Object>) where.get("name");
        int value = (Integer) message.get("id");
        return (id == null || ((id.get("eq") == null || id.get("eq").equals(value))
                && (id.get("gt") == null || value > (Integer) id.get("gt"))
                && (id.get("lt") == null || value < (Integer) id.get("lt"))))
                && (name == null || name.get("eq") == null || name.get("eq").equals(message.get("name")));
    }

    private static boolean included(Map<String, Object> message, Map<String, Object> includes) {
        return includes == null || includes.get("id") == null || ((List<?>) includes.get("id")).contains(message.get("id"));
    }

    private static boolean anyOf(Map<String, Object> message, List<Map<String, Object>> or) {
        return or == null || or.stream().anyMatch(where -> matches(message, where));
    }
}
