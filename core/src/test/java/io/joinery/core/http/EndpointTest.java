package io.joinery.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.auth.AuthConfig;
import io.joinery.core.auth.SessionResolver;
import io.joinery.core.json.Json;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;

/**
 * The three kinds of route behind the front door: who needs a session, and how every failure,
 * expected or not, is written (GraphQL: 200 `{"errors"}`; API: the error's status).
 */
class EndpointTest {
    private static final Map<String, String> ADMIN = Map.of("X-Hasura-Admin-Secret", "s3cret");
    private static final String BUG = "secret detail at line 42";

    private DisposableServer server;
    private TestHttp http;

    @BeforeEach
    void start() {
        GraphqlHandler graphql = (request, session, call) -> {
            if (request.query().equals("boom")) {
                throw new IllegalStateException(BUG);
            }
            return Mono.just(new GraphqlAnswer("{\"data\":{\"q\":" + Json.write(request.query()) + ",\"role\":\""
                    + session.role() + "\"}}", List.of("seen=" + request.query())));
        };
        ApiHandler api = (body, session) -> body.has("boom") ? Mono.error(new IllegalStateException(BUG))
                : Mono.just(Json.object().put("role", session.role()));
        server = FrontDoor.start(FrontDoorConfig.of("127.0.0.1", 0, Cors.parse("*")),
                SessionResolver.create(AuthConfig.adminSecretOnly("s3cret"), HttpClient.create(), Clock.systemUTC()), List.of(
                        Route.graphql("/graphql", graphql),
                        Route.api("/api", api),
                        Route.get("/open", call -> Mono.just(HttpAnswer.text(200, "open"))),
                        Route.get("/broken", call -> {
                            throw new IllegalStateException(BUG);
                        })));
        http = new TestHttp(server.port());
    }

    @AfterEach
    void stop() {
        server.disposeNow();
    }

    private static JsonNode onlyError(TestHttp.Response response) {
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.has("data")).as(response.body()).isFalse();
        assertThat(body.get("errors")).as(response.body()).hasSize(1);
        return body.get("errors").get(0);
    }

    @Test
    void publicRoute_needsNoSession() {
        assertThat(http.get("/open").body()).isEqualTo("open");
    }

    @Test
    void apiRoute_withoutSecret_is401() {
        TestHttp.Response denied = http.post("/api", "{}");

        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.body()).isEqualTo("{\"path\":\"$\",\"error\":"
                + "\"x-hasura-admin-secret/x-hasura-access-key required, but not found\",\"code\":\"access-denied\"}");
    }

    @Test
    void graphqlRoute_withWrongSecret_is200WithOneError() {
        JsonNode error = onlyError(http.post("/graphql", "{\"query\":\"q\"}", Map.of("X-Hasura-Admin-Secret", "no")));

        assertThat(error.get("message").asText()).isEqualTo("invalid x-hasura-admin-secret/x-hasura-access-key");
        assertThat(error.at("/extensions/code").asText()).isEqualTo("access-denied");
    }

    @Test
    void routesReceiveTheResolvedSession() {
        Map<String, String> editor = Map.of("X-Hasura-Admin-Secret", "s3cret", "X-Hasura-Role", "editor");

        assertThat(http.post("/api", "{}", editor).body()).isEqualTo("{\"role\":\"editor\"}");
        assertThat(http.post("/graphql", "{\"query\":\"q\"}", editor).body()).isEqualTo("{\"data\":{\"q\":\"q\",\"role\":\"editor\"}}");
    }

    @Test
    void apiRoute_bodyNotJson_is400InvalidJson() {
        TestHttp.Response bad = http.post("/api", "{not json", ADMIN);

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("code").asText()).isEqualTo("invalid-json");
        assertThat(bad.json().get("path").asText()).isEqualTo("$");
    }

    @Test
    void unknownFailure_onApiRoute_is500Unexpected_withoutDetail() {
        TestHttp.Response failed = http.post("/api", "{\"boom\":true}", ADMIN);

        assertThat(failed.status()).isEqualTo(ErrorWriter.UNEXPECTED_STATUS).isEqualTo(500);
        assertThat(failed.body()).isEqualTo(
                "{\"path\":\"$\",\"error\":\"an unexpected error occurred: IllegalStateException\",\"code\":\"unexpected\"}");
    }

    @Test
    void unknownFailure_onPublicRoute_is500Unexpected_withoutDetail() {
        TestHttp.Response failed = http.get("/broken");

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.json().get("code").asText()).isEqualTo("unexpected");
        assertThat(failed.body()).doesNotContain("line 42").doesNotContain("\tat ");
    }

    @Test
    void unknownFailure_onGraphqlRoute_is200Unexpected_withoutDetail() {
        TestHttp.Response failed = http.post("/graphql", "{\"query\":\"boom\"}", ADMIN);

        JsonNode error = onlyError(failed);
        assertThat(error.get("message").asText()).isEqualTo("an unexpected error occurred: IllegalStateException");
        assertThat(error.at("/extensions/code").asText()).isEqualTo("unexpected");
        assertThat(error.at("/extensions/path").asText()).isEqualTo("$");
        assertThat(failed.body()).doesNotContain("line 42").doesNotContain("\tat ");
    }

    @Test
    void graphqlBatch_isAnsweredInOrder_withErrorsPerElement_andEveryCookie() {
        TestHttp.Response batch = http.post("/graphql",
                "[{\"query\":\"a\"},{\"query\":\"boom\"},{\"variables\":{}},{\"query\":\"b\"}]", ADMIN);

        assertThat(batch.status()).isEqualTo(200);
        JsonNode answers = batch.json();
        assertThat(answers).hasSize(4);
        assertThat(answers.get(0).toString()).isEqualTo("{\"data\":{\"q\":\"a\",\"role\":\"admin\"}}");
        assertThat(answers.get(1).at("/errors/0/extensions/code").asText()).isEqualTo("unexpected");
        assertThat(answers.get(2).at("/errors/0/extensions/code").asText()).isEqualTo("parse-failed");
        assertThat(answers.get(3).toString()).isEqualTo("{\"data\":{\"q\":\"b\",\"role\":\"admin\"}}");
        assertThat(batch.headers().getAll("set-cookie")).containsExactly("seen=a", "seen=b");
    }

    @Test
    void graphqlBodyNotJson_isInvalidJsonWith200() {
        JsonNode error = onlyError(http.post("/graphql", "{not json", ADMIN));

        assertThat(error.at("/extensions/code").asText()).isEqualTo("invalid-json");
        assertThat(error.at("/extensions/path").asText()).isEqualTo("$");
    }
}
