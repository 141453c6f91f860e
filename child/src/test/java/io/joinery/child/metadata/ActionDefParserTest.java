package io.joinery.child.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActionDefParserTest {

    private static ActionDef parse(String json) {
        return ActionDefParser.parse(Json.parseBody(json), ErrorPath.args());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // every optional key set, in export order
            """
            {"name": "place_order", "definition": {"handler": "{{ACTION_BASE_URL}}/place-order", "output_type": "OrderResult",
              "forward_client_headers": true,
              "headers": [{"name": "X-Handler-Secret", "value_from_env": "HANDLER_SECRET"}, {"name": "X-Source", "value": "joinery"}],
              "arguments": [{"name": "author_id", "type": "Int!"}, {"name": "lines", "type": "[LineInput!]!", "description": "lines"}],
              "type": "mutation", "kind": "asynchronous", "timeout": 5},
             "comment": "creates an order", "permissions": [{"role": "manager", "comment": "m"}, {"role": "user"}]}
            """,
            // the SPEC §1.3 example
            """
            {"name": "place_order", "definition": {"handler": "http://handler:3000/place-order", "output_type": "OrderResult",
              "arguments": [{"name": "author_id", "type": "Int!"}], "type": "mutation", "kind": "synchronous"},
             "permissions": [{"role": "user"}]}
            """,
            // a query: no kind
            """
            {"name": "get_order", "definition": {"handler": "http://h/get", "output_type": "[OrderResult!]!", "type": "query"}}
            """})
    void parseThenExport_isIdentical(String json) {
        JsonNode input = Json.parseBody(json);
        assertThat(Json.write(ActionDefParser.parse(input, ErrorPath.args()).toJson())).isEqualTo(Json.write(input));
    }

    @Test
    void defaults_mutationSynchronousThirtySecondsNoForwarding() {
        ActionDef action = parse("{\"name\": \"a\", \"definition\": {\"handler\": \"http://h\", \"output_type\": \"Int\"}}");
        ActionDef.Definition d = action.definition();
        assertThat(d.type()).isEqualTo(ActionDef.Type.MUTATION);
        assertThat(d.kind()).isEqualTo(ActionDef.Kind.SYNCHRONOUS);
        assertThat(d.timeoutSeconds()).isEqualTo(30);
        assertThat(d.forwardClientHeaders()).isFalse();
        assertThat(d.arguments()).isEmpty();
        assertThat(d.headers()).isEmpty();
        assertThat(action.comment()).isNull();
        assertThat(action.permissions()).isEmpty();
        assertThat(Json.write(action.toJson())).isEqualTo("{\"name\":\"a\",\"definition\":{\"handler\":\"http://h\","
                + "\"output_type\":\"Int\",\"type\":\"mutation\",\"kind\":\"synchronous\"}}");
    }

    @Test
    void queryKindIsIgnored_andExportedWithout() {
        ActionDef action = parse("{\"name\": \"q\", \"definition\": {\"handler\": \"http://h\", \"output_type\": \"Int\","
                + " \"type\": \"query\", \"kind\": \"asynchronous\", \"timeout\": 30, \"forward_client_headers\": false}}");
        assertThat(action.definition().kind()).isEqualTo(ActionDef.Kind.SYNCHRONOUS);
        assertThat(Json.write(action.definition().toJson()))
                .isEqualTo("{\"handler\":\"http://h\",\"output_type\":\"Int\",\"type\":\"query\"}");
    }

    @Test
    void permissionsExportSortedByRole() {
        ActionDef action = parse("{\"name\": \"a\", \"definition\": {\"handler\": \"http://h\", \"output_type\": \"Int\"},"
                + " \"permissions\": [{\"role\": \"z\"}, {\"role\": \"b\"}]}");
        assertThat(action.toJson().get("permissions").toString()).isEqualTo("[{\"role\":\"b\"},{\"role\":\"z\"}]");
        assertThat(action.isAllowedFor("b")).isTrue();
        assertThat(action.isAllowedFor("admin")).isTrue();
        assertThat(action.isAllowedFor("other")).isFalse();
    }

    @Test
    void updateKeepsPermissions() {
        ActionDef action = parse("{\"name\": \"a\", \"definition\": {\"handler\": \"http://h\", \"output_type\": \"Int\"},"
                + " \"permissions\": [{\"role\": \"user\"}]}");
        ActionDef update = parse("{\"name\": \"a\", \"definition\": {\"handler\": \"http://other\", \"output_type\": \"String\"},"
                + " \"comment\": \"new\"}");
        ActionDef updated = action.withDefinition(update.definition(), update.comment());
        assertThat(updated.permissions()).containsExactly(new ActionDef.Permission("user", null));
        assertThat(updated.definition().handler()).isEqualTo("http://other");
        assertThat(updated.comment()).isEqualTo("new");
    }

    @ParameterizedTest
    @ValueSource(strings = {"request_transform", "response_transform"})
    void transforms_areNotSupported(String key) {
        assertThatThrownBy(() -> parse("{\"name\": \"a\", \"definition\": {\"handler\": \"http://h\", \"output_type\": \"Int\","
                + " \"" + key + "\": {\"template_engine\": \"Kriti\"}}}"))
                .isInstanceOfSatisfying(JoineryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
                    assertThat(e.path().toString()).isEqualTo("$.args.definition." + key);
                    assertThat(e.getMessage()).isEqualTo(key + " is not supported by Joinery");
                });
    }

    @Test
    void headerNeedsExactlyOneValueKey() {
        for (String header : List.of("{\"name\": \"X\"}", "{\"name\": \"X\", \"value\": \"v\", \"value_from_env\": \"E\"}")) {
            assertThatThrownBy(() -> parse("{\"name\": \"a\", \"definition\": {\"handler\": \"http://h\","
                    + " \"output_type\": \"Int\", \"headers\": [" + header + "]}}"))
                    .isInstanceOfSatisfying(JoineryException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PARSE_FAILED);
                        assertThat(e.path().toString()).isEqualTo("$.args.definition.headers[0]");
                        assertThat(e.getMessage()).isEqualTo("expecting value or value_from_env keys");
                    });
        }
    }

    @Test
    void missingHandler_badType_badTimeout_areParseFailed() {
        assertThatThrownBy(() -> parse("{\"name\": \"a\", \"definition\": {\"output_type\": \"Int\"}}"))
                .hasMessage("key \"handler\" not found");
        assertThatThrownBy(() -> parse("{\"name\": \"a\", \"definition\": {\"handler\": \"h\", \"output_type\": \"Int\", \"type\": \"subscription\"}}"))
                .isInstanceOfSatisfying(JoineryException.class, e ->
                        assertThat(e.path().toString()).isEqualTo("$.args.definition.type"));
        assertThatThrownBy(() -> parse("{\"name\": \"a\", \"definition\": {\"handler\": \"h\", \"output_type\": \"Int\", \"timeout\": \"5\"}}"))
                .isInstanceOfSatisfying(JoineryException.class, e ->
                        assertThat(e.path().toString()).isEqualTo("$.args.definition.timeout"));
        assertThatThrownBy(() -> parse("{\"name\": \"bad name\", \"definition\": {\"handler\": \"h\", \"output_type\": \"Int\"}}"))
                .hasMessage("\"bad name\" is not a valid GraphQL name");
    }
}
