package io.joinery.gateway.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;
import io.joinery.gateway.metadata.RemoteRelationshipDef.PathLevel;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamJoinRequestTest {

    private static JoinNode node(List<PathLevel> levels, String clientArguments, String selection) {
        RemoteFieldTemplate template = new RemoteFieldTemplate(levels, clientArguments, selection, "", List.of(),
                TypenameKeys.NONE, java.util.Set.of("0/kind", "0/kinds/0"));
        return new JoinNode("r.T.rel", "target", List.of(new ResponsePath(List.of())), "rel", "rel_join_field", "T",
                List.of(new JoinKey("id", "id_join_column"), new JoinKey("tags", "tags_join_column")), null, template,
                List.of());
    }

    @Test
    void oneAliasPerCall_valuesAsLiterals_insideObjectsAndLists() {
        ObjectNode arguments = (ObjectNode) Json.parseBody(
                "{\"where\": {\"id\": {\"_eq\": \"$id\"}, \"tags\": [\"$tags\"]}, \"note\": \"say \\\"hi\\\"\\n\", \"limit\": 2}");
        JoinNode node = node(List.of(new PathLevel("items", arguments)), "order: $o", " { name }");
        List<JsonNode> first = List.of(Json.parseBody("7"), Json.parseBody("[\"a\", \"b\"]"));
        List<JsonNode> second = List.of(Json.parseBody("\"x-1\""), Json.parseBody("{\"k\": true}"));

        String text = UpstreamJoinRequest.write(node, List.of(new UpstreamJoinRequest.Call(0, first),
                new UpstreamJoinRequest.Call(3, second)));

        assertThat(text).isEqualTo("query { "
                + "f0: items(where: {id: {_eq: 7}, tags: [[\"a\", \"b\"]]}, note: \"say \\\"hi\\\"\\n\", limit: 2, order: $o) { name } "
                + "f3: items(where: {id: {_eq: \"x-1\"}, tags: [{k: true}]}, note: \"say \\\"hi\\\"\\n\", limit: 2, order: $o) { name } }");
    }

    @Test
    void nestedPathLevels_andScalarLeaf() {
        JoinNode node = node(List.of(new PathLevel("account", (ObjectNode) Json.parseBody("{\"tenant\": \"acme\"}")),
                new PathLevel("count", Json.object())), "", "");

        assertThat(UpstreamJoinRequest.write(node, List.of(new UpstreamJoinRequest.Call(1, List.of(
                Json.parseBody("1"), Json.parseBody("null"))))))
                .isEqualTo("query { f1: account(tenant: \"acme\") { count } }");
    }

    @Test
    void aliases_roundTrip() {
        assertThat(UpstreamJoinRequest.alias(12)).isEqualTo("f12");
        assertThat(UpstreamJoinRequest.idOf("f12")).isEqualTo(12);
        assertThat(UpstreamJoinRequest.idOf("foo")).isEqualTo(-1);
        assertThat(UpstreamJoinRequest.idOf("f")).isEqualTo(-1);
    }

    @Test
    void valuesInEnumPositions_areEnumLiterals() {
        ObjectNode arguments = (ObjectNode) Json.parseBody("{\"kind\": \"$id\", \"kinds\": [\"$tags\"], \"name\": \"$id\"}");
        JoinNode node = node(List.of(new PathLevel("items", arguments)), "", "");

        assertThat(UpstreamJoinRequest.write(node, List.of(new UpstreamJoinRequest.Call(0, List.of(
                Json.parseBody("\"HIGH\""), Json.parseBody("[\"LOW\", \"HIGH\"]"))))))
                .isEqualTo("query { f0: items(kind: HIGH, kinds: [[LOW, HIGH]], name: \"HIGH\") }");
    }
}
