package io.joinery.gateway.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.schema.GraphQLEnumType;
import io.joinery.core.json.Json;
import io.joinery.gateway.metadata.RemoteRelationshipDef.PathLevel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamJoinRequestTest {
    private static final GraphQLEnumType PRIORITY = GraphQLEnumType.newEnum().name("Priority").value("LOW").value("HIGH")
            .build();

    /** {@code client}: client arguments appended to the last level's template arguments. */
    private static JoinNode node(List<PathLevel> levels, List<JoinArgument.Field> client, String selection) {
        List<JoinArgument.Field> arguments = new ArrayList<>();
        int leaf = levels.size() - 1;
        levels.get(leaf).arguments().fields().forEachRemaining(f -> arguments.add(
                new JoinArgument.Field(f.getKey(), new JoinArgument.Template(f.getValue(), leaf + "/" + f.getKey()))));
        arguments.addAll(client);
        return node(levels, arguments, selection, "", List.of());
    }

    private static JoinNode node(List<PathLevel> levels, List<JoinArgument.Field> arguments, String selection,
                                 String variableDefinitions, List<String> variables) {
        RemoteFieldTemplate template = new RemoteFieldTemplate(levels, arguments, selection, variableDefinitions,
                variables, TypenameKeys.NONE, java.util.Map.of("0/kind", PRIORITY, "0/kinds/0", PRIORITY));
        return new JoinNode("r.T.rel", "target", List.of(new ResponsePath(List.of())), "rel", "rel_join_field", "T",
                List.of(new JoinKey("id", "id_join_column"), new JoinKey("tags", "tags_join_column")), null, template,
                List.of());
    }

    @Test
    void oneAliasPerCall_valuesAsLiterals_insideObjectsAndLists() {
        ObjectNode arguments = (ObjectNode) Json.parseBody(
                "{\"where\": {\"id\": {\"_eq\": \"$id\"}, \"tags\": [\"$tags\"]}, \"note\": \"say \\\"hi\\\"\\n\", \"limit\": 2}");
        JoinNode node = node(List.of(new PathLevel("items", arguments)), List.of(new JoinArgument.Field("order", new JoinArgument.Client("$o"))),
                " { name }");
        List<JsonNode> first = List.of(Json.parseBody("7"), Json.parseBody("[\"a\", \"b\"]"));
        List<JsonNode> second = List.of(Json.parseBody("\"x-1\""), Json.parseBody("{\"k\": true}"));

        String text = write(node, new UpstreamJoinRequest.Call(0, first), new UpstreamJoinRequest.Call(3, second));

        assertThat(text).isEqualTo("query { "
                + "f0: items(where: {id: {_eq: 7}, tags: [[\"a\", \"b\"]]}, note: \"say \\\"hi\\\"\\n\", limit: 2, order: $o) { name } "
                + "f3: items(where: {id: {_eq: \"x-1\"}, tags: [{k: true}]}, note: \"say \\\"hi\\\"\\n\", limit: 2, order: $o) { name } }");
    }

    @Test
    void nestedPathLevels_andScalarLeaf() {
        JoinNode node = node(List.of(new PathLevel("account", (ObjectNode) Json.parseBody("{\"tenant\": \"acme\"}")),
                new PathLevel("count", Json.object())), List.of(), "");

        assertThat(write(node, new UpstreamJoinRequest.Call(1, List.of(Json.parseBody("1"), Json.parseBody("null")))))
                .isEqualTo("query { f1: account(tenant: \"acme\") { count } }");
    }

    @Test
    void aliases_roundTrip() {
        assertThat(UpstreamJoinRequest.alias(12)).isEqualTo("f12");
        assertThat(UpstreamJoinRequest.idOf("f12")).isEqualTo(12);
        assertThat(UpstreamJoinRequest.idOf("foo")).isEqualTo(-1);
        assertThat(UpstreamJoinRequest.idOf("f")).isEqualTo(-1);
        assertThat(UpstreamJoinRequest.idOf("f0")).isZero();
        assertThat(UpstreamJoinRequest.idOf("f07")).isEqualTo(-1);
        assertThat(UpstreamJoinRequest.idOf("f+7")).isEqualTo(-1);
        assertThat(UpstreamJoinRequest.idOf("f12a")).isEqualTo(-1);
        assertThat(UpstreamJoinRequest.idOf("f999999999")).isEqualTo(999_999_999);
        assertThat(UpstreamJoinRequest.idOf("f9999999999")).isEqualTo(-1);
    }

    @Test
    void valuesInEnumPositions_areEnumLiterals() {
        ObjectNode arguments = (ObjectNode) Json.parseBody("{\"kind\": \"$id\", \"kinds\": [\"$tags\"], \"name\": \"$id\"}");
        JoinNode node = node(List.of(new PathLevel("items", arguments)), List.of(), "");

        assertThat(write(node, new UpstreamJoinRequest.Call(0, List.of(
                Json.parseBody("\"HIGH\""), Json.parseBody("[\"LOW\", \"HIGH\"]")))))
                .isEqualTo("query { f0: items(kind: HIGH, kinds: [[LOW, HIGH]], name: \"HIGH\") }");
    }

    @Test
    void aCallWithAValueOutsideTheEnum_isLeftOut_theOthersAreSent() {
        ObjectNode arguments = (ObjectNode) Json.parseBody("{\"kind\": \"$id\"}");
        JoinNode node = node(List.of(new PathLevel("items", arguments)), List.of(), "");
        JsonNode none = Json.parseBody("null");

        UpstreamJoinRequest.Document document = UpstreamJoinRequest.write(node, List.of(
                new UpstreamJoinRequest.Call(0, List.of(Json.parseBody("\"LOW\""), none)),
                new UpstreamJoinRequest.Call(1, List.of(Json.parseBody("\"LOW) evil: deleteAll(x: 1\""), none)),
                new UpstreamJoinRequest.Call(2, List.of(Json.parseBody("\"HIGH\""), none))), Json.object());

        assertThat(document.text()).isEqualTo("query { f0: items(kind: LOW) f2: items(kind: HIGH) }");
        assertThat(document.sent()).containsExactly(0, 2);
        assertThat(document.refused()).containsOnlyKeys(1);
        assertThat(document.refused().get(1).message()).isEqualTo(
                "the value of lhs field \"id\" cannot be sent to remote schema \"target\": it is not a value of enum \"Priority\"");
    }

    /** `where: $w` where the template sets `where.id.eq`; the target's types of what `$w` may add. */
    private static JoinNode mergedVariable(JsonNode defaultValue) {
        ObjectNode where = (ObjectNode) Json.parseBody("{\"where\": {\"id\": {\"eq\": \"$id\"}}}");
        JoinArgument.Variable variable = new JoinArgument.Variable("w", defaultValue, where.get("where"), "0/where",
                java.util.Map.of("0/where/name", "StringCompare", "0/where/id/gt", "Int"));
        return node(List.of(new PathLevel("messages", where)),
                List.of(new JoinArgument.Field("where", variable), new JoinArgument.Field("limit", new JoinArgument.Client("$joinery_json_var_0"))),
                " { id }", "($joinery_json_var_0: Int)", List.of("joinery_json_var_0"));
    }

    @Test
    void clientVariableMergedWithTheTemplate_addsGeneratedVariables_onceForAllCalls() {
        ObjectNode variables = (ObjectNode) Json.parseBody(
                "{\"w\": {\"name\": {\"eq\": \"a\"}, \"id\": {\"gt\": 0}}, \"joinery_json_var_0\": 5}");

        UpstreamJoinRequest.Document document = UpstreamJoinRequest.write(mergedVariable(null), List.of(
                new UpstreamJoinRequest.Call(0, List.of(Json.parseBody("1"), Json.parseBody("null"))),
                new UpstreamJoinRequest.Call(1, List.of(Json.parseBody("2"), Json.parseBody("null")))), variables);

        // the client's own variable `joinery_json_var_0` keeps its name; generated ones avoid it
        assertThat(document.text()).isEqualTo("query($joinery_json_var_0: Int, $joinery_json_var_1: Int, "
                + "$joinery_json_var_2: StringCompare) { "
                + "f0: messages(where: {id: {eq: 1, gt: $joinery_json_var_1}, name: $joinery_json_var_2}, limit: $joinery_json_var_0) { id } "
                + "f1: messages(where: {id: {eq: 2, gt: $joinery_json_var_1}, name: $joinery_json_var_2}, limit: $joinery_json_var_0) { id } }");
        assertThat(document.variables()).containsExactly("joinery_json_var_0", "joinery_json_var_1", "joinery_json_var_2");
        assertThat(document.generatedValues().toString())
                .isEqualTo("{\"joinery_json_var_1\":0,\"joinery_json_var_2\":{\"eq\":\"a\"}}");
    }

    @Test
    void clientVariableAbsent_itsDefaultIsMerged_orTheTemplateAlone() {
        UpstreamJoinRequest.Call call = new UpstreamJoinRequest.Call(0, List.of(Json.parseBody("1"), Json.parseBody("null")));

        assertThat(UpstreamJoinRequest.write(mergedVariable(null), List.of(call), Json.object()).text())
                .contains("f0: messages(where: {id: {eq: 1}}, limit: $joinery_json_var_0)");
        assertThat(UpstreamJoinRequest.write(mergedVariable(Json.parseBody("{\"id\": {\"gt\": 9}}")), List.of(call),
                Json.object()).text()).contains("f0: messages(where: {id: {eq: 1, gt: $joinery_json_var_1}}, limit:");
        assertThat(UpstreamJoinRequest.write(mergedVariable(null), List.of(call),
                (ObjectNode) Json.parseBody("{\"w\": null}")).text()).contains("f0: messages(where: {id: {eq: 1}}, limit:");
    }

    @Test
    void clientListVariable_elementsComeFirst_thenTheTemplates() {
        ObjectNode or = (ObjectNode) Json.parseBody("{\"or\": [{\"id\": \"$id\"}]}");
        JoinArgument.Variable variable = new JoinArgument.Variable("more", null, or.get("or"), "0/or",
                java.util.Map.of("0/or/*", "Where!"));
        JoinNode node = node(List.of(new PathLevel("messages", or)), List.of(new JoinArgument.Field("or", variable)),
                "", "", List.of());

        UpstreamJoinRequest.Document document = UpstreamJoinRequest.write(node, List.of(new UpstreamJoinRequest.Call(0,
                List.of(Json.parseBody("7"), Json.parseBody("null")))), (ObjectNode) Json.parseBody("{\"more\": {\"a\": 1}}"));

        assertThat(document.text()).isEqualTo("query($joinery_json_var_0: Where!) { f0: messages(or: [$joinery_json_var_0, {id: 7}]) }");
        assertThat(UpstreamJoinRequest.preview(node.target())).isEqualTo("query { f<n>: messages(or: merge($more, [{id: <id>}])) }");
    }

    private static String write(JoinNode node, UpstreamJoinRequest.Call... calls) {
        UpstreamJoinRequest.Document document = UpstreamJoinRequest.write(node, List.of(calls), Json.object());
        assertThat(document.generatedValues().isEmpty()).isTrue();
        return document.text();
    }
}
