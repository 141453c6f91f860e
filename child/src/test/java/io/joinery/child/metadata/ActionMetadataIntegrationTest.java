package io.joinery.child.metadata;

import static io.joinery.child.metadata.StoreFixture.assertError;
import static io.joinery.child.metadata.StoreFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Action and custom-type metadata commands (SPEC §3.1, §3.2) and their export/replace round trip (§1.3). */
class ActionMetadataIntegrationTest {
    static final String TYPES = """
            {'type': 'set_custom_types', 'args': {
              'scalars': [{'name': 'Money', 'description': 'decimal as string'}],
              'enums': [{'name': 'OrderStatus', 'values': [{'value': 'PENDING'}, {'value': 'PAID', 'description': 'done'}]}],
              'input_objects': [{'name': 'LineInput', 'fields': [{'name': 'sku', 'type': 'String!'},
                                                                {'name': 'qty', 'type': 'Int!'}]}],
              'objects': [{'name': 'OrderResult',
                 'fields': [{'name': 'order_id', 'type': 'Int!'}, {'name': 'author_id', 'type': 'Int'},
                            {'name': 'status', 'type': 'OrderStatus'}, {'name': 'total', 'type': 'Money'},
                            {'name': 'lines', 'type': '[Line!]'}, {'name': 'placed_at', 'type': 'timestamptz'}],
                 'relationships': [
                   {'name': 'author', 'type': 'object', 'remote_table': 'author', 'field_mapping': {'author_id': 'id'}},
                   {'name': 'articles', 'type': 'array', 'source': 'default',
                    'remote_table': {'schema': 'public', 'name': 'article'}, 'field_mapping': {'author_id': 'author_id'}}]},
                {'name': 'Line', 'fields': [{'name': 'sku', 'type': 'String!'}, {'name': 'qty', 'type': 'Int!'}]}]}}""";
    static final String PLACE_ORDER = """
            {'type': 'create_action', 'args': {'name': 'place_order', 'comment': 'creates an order',
              'definition': {'type': 'mutation', 'kind': 'synchronous',
                'arguments': [{'name': 'author_id', 'type': 'Int!'}, {'name': 'lines', 'type': '[LineInput!]!'},
                              {'name': 'note', 'type': 'String'}],
                'output_type': 'OrderResult', 'handler': '{{ACTION_BASE_URL}}/place-order',
                'headers': [{'name': 'X-Handler-Secret', 'value_from_env': 'HANDLER_SECRET'},
                            {'name': 'X-Source', 'value': 'joinery'}],
                'forward_client_headers': true, 'timeout': 30}}}""";

    StoreFixture f;

    @BeforeEach
    void setUp() {
        f = StoreFixture.fresh("""
                CREATE TABLE author (id serial PRIMARY KEY, name text);
                CREATE TABLE article (id serial PRIMARY KEY, author_id integer REFERENCES author(id), title text);
                """);
        f.metadata("{'type': 'pg_track_table', 'args': {'table': 'author'}}");
        f.metadata("{'type': 'pg_track_table', 'args': {'table': 'article'}}");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private void setUpActions() {
        assertThat(f.metadata(TYPES)).isEqualTo(json("{'message': 'success'}"));
        assertThat(f.metadata(PLACE_ORDER)).isEqualTo(json("{'message': 'success'}"));
        assertThat(f.metadata("{'type': 'create_action', 'args': {'name': 'get_order', 'definition': {"
                + "'handler': 'http://h/get', 'output_type': '[OrderResult!]', 'type': 'query',"
                + " 'arguments': [{'name': 'id', 'type': 'Int!'}], 'timeout': 5}}}")).isEqualTo(json("{'message': 'success'}"));
        assertThat(f.metadata("{'type': 'create_action_permission', 'args': {'action': 'place_order', 'role': 'user'}}"))
                .isEqualTo(json("{'message': 'success'}"));
        assertThat(f.metadata("{'type': 'create_action_permission', 'args': {'action': 'place_order', 'role': 'editor',"
                + " 'comment': 'editors too'}}")).isEqualTo(json("{'message': 'success'}"));
    }

    @Test
    void handlerEnvironmentVariableNotSet_isRefusedAsInconsistent() {
        assertThat(f.metadata(TYPES)).isEqualTo(json("{'message': 'success'}"));
        JoineryException refused = f.metadataError(PLACE_ORDER
                .replace("{{ACTION_BASE_URL}}", "{{JOINERY_TEST_NEVER_SET}}"));
        assertThat(refused.code().wire()).isEqualTo("invalid-configuration");
        assertThat(refused.getMessage()).isEqualTo(
                "Inconsistent object: environment variable 'JOINERY_TEST_NEVER_SET' not set");
        JoineryException header = f.metadataError(PLACE_ORDER.replace("'HANDLER_SECRET'", "'JOINERY_TEST_NEVER_SET'"));
        assertThat(header.getMessage()).contains("'JOINERY_TEST_NEVER_SET'");
        assertThat(f.store.current().metadata().actions()).isEmpty();
    }

    @Test
    void serverSecretInTheHandlerOrAHeader_isRefusedAsInconsistent_namingIt() {
        assertThat(f.metadata(TYPES)).isEqualTo(json("{'message': 'success'}"));
        JoineryException handler = f.metadataError(PLACE_ORDER
                .replace("{{ACTION_BASE_URL}}", "http://h/{{HASURA_GRAPHQL_DATABASE_URL}}"));
        assertThat(handler.code().wire()).isEqualTo("invalid-configuration");
        assertThat(handler.getMessage()).isEqualTo("Inconsistent object: environment variable"
                + " 'HASURA_GRAPHQL_DATABASE_URL' is a secret of this server: metadata cannot read it");
        JoineryException fromEnv = f.metadataError(PLACE_ORDER.replace("'HANDLER_SECRET'", "'JOINERY_ADMIN_SECRET'"));
        assertThat(fromEnv.getMessage()).contains("'JOINERY_ADMIN_SECRET' is a secret of this server");
        JoineryException inValue = f.metadataError(PLACE_ORDER.replace("'value': 'joinery'", "'value': '{{JOINERY_JWT_SECRET}}'"));
        assertThat(inValue.getMessage()).contains("'JOINERY_JWT_SECRET' is a secret of this server");
        assertThat(f.store.current().metadata().actions()).isEmpty();
    }

    @Test
    void export_hasActionsThenCustomTypes_inSpecOrder() {
        setUpActions();
        JsonNode exported = json(f.export());
        assertThat(exported.fieldNames()).toIterable().containsExactly("version", "sources", "actions", "custom_types");
        assertThat(Json.write(exported.get("actions"))).isEqualTo(Json.write(json("""
                [{'name': 'get_order', 'definition': {'handler': 'http://h/get', 'output_type': '[OrderResult!]',
                   'arguments': [{'name': 'id', 'type': 'Int!'}], 'type': 'query', 'timeout': 5}},
                 {'name': 'place_order', 'definition': {'handler': '{{ACTION_BASE_URL}}/place-order',
                   'output_type': 'OrderResult', 'forward_client_headers': true,
                   'headers': [{'name': 'X-Handler-Secret', 'value_from_env': 'HANDLER_SECRET'},
                               {'name': 'X-Source', 'value': 'joinery'}],
                   'arguments': [{'name': 'author_id', 'type': 'Int!'}, {'name': 'lines', 'type': '[LineInput!]!'},
                                 {'name': 'note', 'type': 'String'}],
                   'type': 'mutation', 'kind': 'synchronous'},
                  'comment': 'creates an order',
                  'permissions': [{'role': 'editor', 'comment': 'editors too'}, {'role': 'user'}]}]""")));
        assertThat(exported.get("custom_types").fieldNames()).toIterable()
                .containsExactly("input_objects", "objects", "scalars", "enums");
        assertThat(exported.at("/custom_types/objects/0/relationships/0")).isEqualTo(json("""
                {'name': 'author', 'type': 'object', 'source': 'default',
                 'remote_table': {'schema': 'public', 'name': 'author'}, 'field_mapping': {'author_id': 'id'}}"""));
    }

    @Test
    void exportClearReplace_roundTripsUnchanged() {
        setUpActions();
        String exported = f.export();
        assertThat(f.metadata("{'type': 'clear_metadata', 'args': {}}")).isEqualTo(json("{'message': 'success'}"));
        assertThat(f.export()).doesNotContain("place_order");
        assertThat(f.store.metadata(Json.parseBody("{\"type\": \"replace_metadata\", \"args\": " + exported + "}"),
                io.joinery.core.http.SessionVariables.admin()).block()).isEqualTo(json("{'message': 'success'}"));
        assertThat(f.export()).isEqualTo(exported);
        assertThat(f.reopen().current().model().actions().actions()).hasSize(2);
        assertThat(f.export()).isEqualTo(exported);
    }

    @Test
    void invalidCustomTypes_failWithAllReasons_andChangeNothing() {
        setUpActions();
        String before = f.export();
        long version = f.store.current().resourceVersion();
        JoineryException e = f.metadataError("""
                {'type': 'set_custom_types', 'args': {'objects': [
                  {'name': 'A', 'fields': [{'name': 'x', 'type': 'Nope'}, {'name': 'ids', 'type': '[Int]'}],
                   'relationships': [{'name': 'r', 'type': 'object', 'remote_table': 'ghost', 'field_mapping': {'x': 'id'}},
                                     {'name': 's', 'type': 'object', 'remote_table': 'author', 'field_mapping': {'ids': 'id'}}]}]}}""");
        assertError(e, 400, "invalid-configuration", "$.args", "Inconsistent object: validation for the given custom"
                + " types failed for the following reasons:\n"
                + "  • the type \"Nope\" for field \"x\" in  object type \"A\" does not exist\n"
                + "  • the remote table \"ghost\" for relationship \"r\" of object type \"A\" does not exist\n"
                + "  • the type of the field \"ids\" for relationship \"s\" in object type \"A\" is a list type\n");
        assertThat(f.export()).isEqualTo(before);
        assertThat(f.store.current().resourceVersion()).isEqualTo(version);
    }

    @Test
    void removingATypeStillUsed_cannotContinue() {
        setUpActions();
        String before = f.export();
        JoineryException e = f.metadataError("{'type': 'set_custom_types', 'args': {'objects': [{'name': 'Other',"
                + " 'fields': [{'name': 'id', 'type': 'Int'}]}]}}");
        assertError(e, 400, "unexpected", "$.args", "cannot continue due to new inconsistent metadata");
        assertThat(e.internal()).extracting(o -> o.get("name").asText()).containsExactlyInAnyOrder(
                "action get_order", "action place_order");
        assertThat(f.export()).isEqualTo(before);
    }

    @Test
    void createAction_errors() {
        setUpActions();
        assertError(f.metadataError(PLACE_ORDER), 400, "already-exists", "$.args",
                "action with name \"place_order\" already exists");
        assertError(f.metadataError("{'type': 'create_action', 'args': {'name': 'x', 'definition': {"
                        + "'handler': 'http://h', 'output_type': 'Missing'}}}"),
                400, "invalid-configuration", "$.args", "Inconsistent object: the type: \"Missing\" is not an object"
                        + " or scalar type defined in custom types");
        assertError(f.metadataError("{'type': 'create_action', 'args': {'name': 'x', 'definition': {"
                        + "'handler': 'http://h', 'output_type': 'Int', 'arguments': [{'name': 'a', 'type': 'OrderResult'}]}}}"),
                400, "invalid-configuration", "$.args", "Inconsistent object: the type: \"OrderResult\" is not defined"
                        + " in custom types or it is not a scalar/enum/input_object");
        assertThat(f.metadata("{'type': 'create_action', 'args': {'name': 'x_async', 'definition': {"
                + "'handler': 'http://h', 'output_type': 'Int', 'kind': 'asynchronous'}}}"))
                .isEqualTo(json("{'message': 'success'}"));
        assertThat(f.store.current().metadata().action("x_async").orElseThrow().definition().isAsynchronous()).isTrue();
        assertError(f.metadataError("{'type': 'create_action', 'args': {'name': 'x', 'definition': {"
                        + "'handler': 'http://h', 'output_type': 'Int', 'request_transform': {}}}}"),
                400, "not-supported", "$.args.definition.request_transform", "request_transform is not supported by Joinery");
    }

    @Test
    void updateAndDrop() {
        setUpActions();
        assertThat(f.metadata("{'type': 'update_action', 'args': {'name': 'place_order', 'definition': {"
                + "'handler': 'http://h/new', 'output_type': 'OrderResult!'}}}")).isEqualTo(json("{'message': 'success'}"));
        ActionDef updated = f.store.current().metadata().action("place_order").orElseThrow();
        assertThat(updated.definition().handler()).isEqualTo("http://h/new");
        assertThat(updated.comment()).isNull();
        assertThat(updated.permissions()).extracting(ActionDef.Permission::role).containsExactly("user", "editor");
        assertError(f.metadataError("{'type': 'update_action', 'args': {'name': 'nope', 'definition': {"
                + "'handler': 'http://h', 'output_type': 'Int'}}}"), 400, "not-exists", "$.args",
                "action with name \"nope\" does not exist");

        assertError(f.metadataError("{'type': 'create_action_permission', 'args': {'action': 'place_order', 'role': 'user'}}"),
                400, "already-exists", "$.args", "permission for role \"user\" is already defined on action \"place_order\"");
        assertThat(f.metadata("{'type': 'drop_action_permission', 'args': {'action': 'place_order', 'role': 'user'}}"))
                .isEqualTo(json("{'message': 'success'}"));
        assertError(f.metadataError("{'type': 'drop_action_permission', 'args': {'action': 'place_order', 'role': 'user'}}"),
                400, "not-exists", "$.args", "permission for role \"user\" is not defined on action \"place_order\"");

        assertThat(f.metadata("{'type': 'drop_action', 'args': {'name': 'place_order', 'clear_data': true}}"))
                .isEqualTo(json("{'message': 'success'}"));
        assertThat(f.store.current().metadata().action("place_order")).isEmpty();
        assertError(f.metadataError("{'type': 'drop_action', 'args': {'name': 'place_order'}}"), 400, "not-exists",
                "$.args", "action with name \"place_order\" does not exist");
    }

    @Test
    void bulk_failure_keepsNothing() {
        String before = f.export();
        JoineryException e = f.metadataError("{'type': 'bulk', 'args': [" + TYPES + ", " + PLACE_ORDER + ", "
                + PLACE_ORDER + "]}");
        assertError(e, 400, "already-exists", "$.args[2].args", "action with name \"place_order\" already exists");
        assertThat(f.export()).isEqualTo(before);
    }

    @Test
    void untrackingATableUsedByACustomTypeRelationship_needsCascade() {
        setUpActions();
        assertError(f.metadataError("{'type': 'pg_untrack_table', 'args': {'table': 'article'}}"), 400,
                "dependency-error", "$.args", "cannot drop due to the following dependent objects: "
                        + "relationship OrderResult.articles");
        assertThat(f.metadata("{'type': 'pg_untrack_table', 'args': {'table': 'article', 'cascade': true}}"))
                .isEqualTo(json("{'message': 'success'}"));
        assertThat(f.store.current().metadata().customTypes().object("OrderResult").orElseThrow().relationships())
                .extracting(CustomTypes.TypeRelationshipDef::name).containsExactly("author");
        assertThat(f.store.current().isConsistent()).isTrue();
    }

    @Test
    void customTypeNamedLikeAGeneratedType_isRefusedOnceAnActionUsesIt() {
        assertThat(f.metadata("{'type': 'set_custom_types', 'args': {'objects': [{'name': 'author_bool_exp',"
                + " 'fields': [{'name': 'id', 'type': 'Int'}]}]}}")).isEqualTo(json("{'message': 'success'}"));
        String before = f.export();
        JoineryException e = f.metadataError("{'type': 'create_action', 'args': {'name': 'x', 'definition': {"
                + "'handler': 'http://h', 'output_type': 'author_bool_exp'}}}");
        assertError(e, 400, "unexpected", "$.args", "cannot continue due to new inconsistent metadata");
        assertThat(e.internal().get(0).get("reason").asText())
                .startsWith("Inconsistent object: the custom types do not fit in the GraphQL schema: ");
        assertThat(f.export()).isEqualTo(before);
    }
}
