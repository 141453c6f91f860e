package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.testing.TestDatabase;
import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous actions through the real server (SPEC §3.3, §3.9): the mutation answers an id at
 * once, the worker calls the handler in the background within the concurrency bound, and the
 * query field reads the result, with relationships to tables and per-session visibility.
 */
class AsyncActionsIntegrationTest {
    static final int CONCURRENCY = 4;
    static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    static final Map<String, String> USER_42 = Map.of("X-Hasura-Role", "user", "X-Hasura-User-Id", "42");

    static AsyncTestHandler handler;
    static ChildTestServer child;
    static TestHttp http;

    @BeforeAll
    static void start() {
        handler = new AsyncTestHandler(Duration.ofMillis(200));
        child = new ChildTestServer(TestDatabase.fresh(), Optional.empty(), CONCURRENCY).setUp("""
                CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL);
                CREATE TABLE article (id serial PRIMARY KEY, title text NOT NULL, author_id int REFERENCES author(id));
                INSERT INTO author (name) VALUES ('Ada');
                INSERT INTO article (title, author_id) VALUES ('Notes', 1), ('Sketch', 1);""", """
                {"type": "bulk", "args": [
                  {"type": "pg_track_table", "args": {"table": "author"}},
                  {"type": "pg_track_table", "args": {"table": "article"}},
                  {"type": "set_custom_types", "args": {"objects": [{"name": "DoubleResult",
                     "fields": [{"name": "n", "type": "Int!"}, {"name": "doubled", "type": "Int!"},
                                {"name": "author_id", "type": "Int"}],
                     "relationships": [
                       {"name": "author", "type": "object", "remote_table": "author", "field_mapping": {"author_id": "id"}},
                       {"name": "articles", "type": "array", "remote_table": "article",
                        "field_mapping": {"author_id": "author_id"}}]}]}},
                  %s, %s, %s, %s,
                  {"type": "create_action_permission", "args": {"action": "double_async", "role": "user"}},
                  {"type": "create_action_permission", "args": {"action": "gated_async", "role": "user"}},
                  {"type": "create_action_permission", "args": {"action": "hang_async", "role": "user"}}
                ]}""".formatted(action("double_async", "/double", 30), action("gated_async", "/gate", 30),
                action("fail_async", "/fail", 30), action("hang_async", "/hang", 1)));
        http = child.http;
    }

    static String action(String name, String path, int timeout) {
        return """
                {"type": "create_action", "args": {"name": "%s", "definition": {"kind": "asynchronous",
                   "handler": "%s", "output_type": "DoubleResult", "timeout": %d,
                   "arguments": [{"name": "n", "type": "Int!"}]}}}""".formatted(name, handler.url(path), timeout);
    }

    @AfterAll
    static void stop() {
        child.close();
        handler.close();
    }

    static String submit(String action, int n, Map<String, String> headers) {
        TestHttp.Response response = http.graphql("mutation { " + action + "(n: " + n + ") }", null, headers);
        String id = response.json().at("/data/" + action).asText();
        assertThat(id).as(response.body()).matches(UUID_PATTERN);
        return id;
    }

    static JsonNode result(String action, String id, String selection, Map<String, String> headers) {
        TestHttp.Response response = http.graphql("{ r: " + action + "(id: \"" + id + "\") { " + selection + " } }",
                null, headers);
        JsonNode data = response.json().get("data");
        assertThat(data).as(response.body()).isNotNull();
        return data.get("r");
    }

    /** Polls the result until `output` or `errors` is set. */
    static JsonNode awaitResult(String action, String id, String selection, Map<String, String> headers) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode r = result(action, id, "output { n } errors " + selection, headers);
            if (!r.get("output").isNull() || !r.get("errors").isNull()) {
                return r;
            }
            assertThat(System.nanoTime()).as("no result for %s in 30 s", id).isLessThan(deadline);
            sleep(100);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void schema_mutationReturnsUuid_queryFieldReadsTheResult() {
        JsonNode type = http.graphql("""
                { __type(name: "double_async") { fields { name type { kind name ofType { name } } } }
                  __schema { mutationType { fields { name type { kind ofType { name } } } }
                             queryType { fields { name args { name type { kind ofType { name } } } } } } }""").json();
        assertThat(Json.write(type.at("/data/__type/fields"))).isEqualTo(Json.write(Json.parseBody("""
                [{"name": "id", "type": {"kind": "NON_NULL", "name": null, "ofType": {"name": "uuid"}}},
                 {"name": "created_at", "type": {"kind": "NON_NULL", "name": null, "ofType": {"name": "timestamptz"}}},
                 {"name": "errors", "type": {"kind": "SCALAR", "name": "json", "ofType": null}},
                 {"name": "output", "type": {"kind": "OBJECT", "name": "DoubleResult", "ofType": null}}]""")));
        JsonNode mutation = find(type.at("/data/__schema/mutationType/fields"), "double_async");
        assertThat(mutation.at("/type/kind").asText()).isEqualTo("NON_NULL");
        assertThat(mutation.at("/type/ofType/name").asText()).isEqualTo("uuid");
        JsonNode query = find(type.at("/data/__schema/queryType/fields"), "double_async");
        assertThat(Json.write(query.get("args"))).isEqualTo(
                "[{\"name\":\"id\",\"type\":{\"kind\":\"NON_NULL\",\"ofType\":{\"name\":\"uuid\"}}}]");
    }

    private static JsonNode find(JsonNode fields, String name) {
        for (JsonNode field : fields) {
            if (field.get("name").asText().equals(name)) {
                return field;
            }
        }
        throw new AssertionError(name + " not in " + fields);
    }

    @Test
    void manyConcurrentSubmissions_allComplete_withinTheConcurrencyBound() throws Exception {
        handler.maxInFlight.set(0);
        ExecutorService clients = Executors.newFixedThreadPool(10);
        Map<Integer, Future<String>> submitted = new HashMap<>();
        try {
            for (int n = 1000; n < 1050; n++) {
                int value = n;
                submitted.put(n, clients.submit(() -> submit("double_async", value, Map.of())));
            }
            Map<Integer, String> ids = new HashMap<>();
            for (Map.Entry<Integer, Future<String>> e : submitted.entrySet()) {
                ids.put(e.getKey(), e.getValue().get());
            }
            for (Map.Entry<Integer, String> e : ids.entrySet()) {
                JsonNode r = awaitResult("double_async", e.getValue(), "id output { doubled }", Map.of());
                assertThat(r.get("errors").isNull()).as(r.toString()).isTrue();
                assertThat(r.get("id").asText()).isEqualTo(e.getValue());
                assertThat(r.at("/output/n").asInt()).isEqualTo(e.getKey());
                assertThat(r.at("/output/doubled").asInt()).isEqualTo(2 * e.getKey());
            }
        } finally {
            clients.shutdownNow();
        }
        for (int n = 1000; n < 1050; n++) {
            assertThat(handler.callsPerN.get(n).get()).as("calls for %d", n).isEqualTo(1);
        }
        assertThat(handler.maxInFlight.get()).isEqualTo(CONCURRENCY);
    }

    @Test
    void mutationAnswersAtOnce_resultIsNullUntilTheHandlerAnswers_thenShapedWithRelationships() {
        String id = submit("gated_async", 8, USER_42);
        JsonNode pending = result("gated_async", id, "id created_at errors output { n }", USER_42);
        assertThat(pending.get("id").asText()).isEqualTo(id);
        assertThat(pending.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*");
        assertThat(pending.get("errors").isNull()).isTrue();
        assertThat(pending.get("output").isNull()).isTrue();

        handler.openGate();
        awaitResult("gated_async", id, "", USER_42);
        child.takeStatements();
        JsonNode done = result("gated_async", id, """
                __typename id twice: output { doubled } output { __typename n author { name }
                  articles(order_by: {id: asc}) { title } articles_aggregate { aggregate { count } } }""", Map.of());
        assertThat(done).isEqualTo(Json.parseBody("""
                {"__typename": "gated_async", "id": "%s", "twice": {"doubled": 16},
                 "output": {"__typename": "DoubleResult", "n": 8, "author": {"name": "Ada"},
                   "articles": [{"title": "Notes"}, {"title": "Sketch"}],
                   "articles_aggregate": {"aggregate": {"count": 2}}}}""".formatted(id)));
        // (read as admin: relationships need a role that can select the tables)
        // one lookup, then ONE statement for all the relationships of `output`
        assertThat(child.takeStatements()).hasSize(2);
        JsonNode sent = handler.bodies.stream().filter(b -> b.at("/action/name").asText().equals("gated_async"))
                .findFirst().orElseThrow();
        assertThat(sent).isEqualTo(Json.parseBody("""
                {"action": {"name": "gated_async"}, "input": {"n": 8},
                 "session_variables": {"x-hasura-role": "user", "x-hasura-user-id": "42"}, "request_query": null}"""));
    }

    @Test
    void nullJoinValue_givesNullRelationships() {
        String id = submit("double_async", 7, Map.of());
        JsonNode r = awaitResult("double_async", id, "output { author_id author { name } articles { title } }", Map.of());
        assertThat(r.get("output")).isEqualTo(Json.parseBody(
                "{\"n\": 7, \"author_id\": null, \"author\": null, \"articles\": null}"));
    }

    @Test
    void sessionIsolation_sameSessionAndAdminSeeIt_othersAndUnknownIdsGetNull() {
        String id = submit("double_async", 4, USER_42);
        JsonNode own = awaitResult("double_async", id, "id", USER_42);
        assertThat(own.at("/output/n").asInt()).isEqualTo(4);
        assertThat(result("double_async", id, "id", Map.of()).get("id").asText()).isEqualTo(id);
        assertThat(result("double_async", id, "id", Map.of("X-Hasura-Role", "user", "X-Hasura-User-Id", "43")).isNull())
                .isTrue();
        assertThat(result("double_async", id, "id", Map.of("X-Hasura-Role", "user")).isNull()).isTrue();
        assertThat(result("double_async", id, "id", Map.of("X-Hasura-Role", "user", "X-Hasura-User-Id", "42",
                "X-Hasura-Org", "1")).isNull()).isTrue();
        assertThat(result("double_async", "00000000-0000-4000-8000-000000000000", "id", Map.of()).isNull()).isTrue();
        // an id of another action is unknown to this one
        assertThat(result("gated_async", id, "id", USER_42).isNull()).isTrue();
        JsonNode bad = http.graphql("{ double_async(id: \"nope\") { id } }").json();
        assertThat(bad.at("/errors/0/extensions/code").asText()).as(bad.toString()).isEqualTo("data-exception");
    }

    @Test
    void handlerFailures_areStoredInTheMetadataErrorForm_internalForAdminOnly() {
        String failed = submit("fail_async", 1, Map.of());
        JsonNode r = awaitResult("fail_async", failed, "", Map.of());
        assertThat(r.get("output").isNull()).isTrue();
        assertThat(r.get("errors")).isEqualTo(Json.parseBody(
                "{\"path\": \"$\", \"error\": \"out of stock\", \"code\": \"no-stock\"}"));

        String timedOut = submit("hang_async", 2, USER_42);
        JsonNode asUser = awaitResult("hang_async", timedOut, "", USER_42);
        assertThat(asUser.get("errors")).isEqualTo(Json.parseBody(
                "{\"path\": \"$\", \"error\": \"http exception when calling webhook\", \"code\": \"unexpected\"}"));
        JsonNode asAdmin = result("hang_async", timedOut, "errors", Map.of()).get("errors");
        assertThat(asAdmin.at("/internal/error")).isEqualTo(Json.parseBody(
                "{\"type\": \"http_exception\", \"message\": \"Response timeout\"}"));
        assertThat(asAdmin.at("/internal/request/url").asText()).isEqualTo(handler.url("/hang"));
        assertThat(asAdmin.at("/internal/response").isNull()).isTrue();
        // not retried: one call each
        for (String action : List.of("fail_async", "hang_async")) {
            assertThat(handler.bodies.stream().filter(b -> b.at("/action/name").asText().equals(action)).count())
                    .as(action).isEqualTo(1);
        }
    }

    @Test
    void dropAction_clearsItsStoredInvocations() {
        TestHttp.Response created = http.metadata(action("temp_async", "/double", 30));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = submit("temp_async", 3, Map.of());
        awaitResult("temp_async", id, "", Map.of());
        assertThat(count("temp_async")).isEqualTo(1);
        assertThat(http.metadata("{\"type\": \"drop_action\", \"args\": {\"name\": \"temp_async\"}}").status())
                .isEqualTo(200);
        assertThat(count("temp_async")).isZero();

        // clear_data: false keeps them
        assertThat(http.metadata(action("kept_async", "/double", 30)).status()).isEqualTo(200);
        awaitResult("kept_async", submit("kept_async", 5, Map.of()), "", Map.of());
        assertThat(http.metadata("{\"type\": \"drop_action\", \"args\": {\"name\": \"kept_async\", \"clear_data\": false}}")
                .status()).isEqualTo(200);
        assertThat(count("kept_async")).isEqualTo(1);
    }

    private static int count(String action) {
        TestHttp.Response response = http.runSql(
                "SELECT count(*) FROM joinery_catalog.action_invocations WHERE action_name = '" + action + "'");
        return response.json().at("/result/1/0").asInt();
    }
}
