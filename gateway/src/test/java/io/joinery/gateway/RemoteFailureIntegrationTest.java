package io.joinery.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.gateway.testing.GatewayFixture;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.Remotes;
import io.joinery.gateway.testing.TestUpstream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Remotes that time out, answer garbage, answer HTTP errors or GraphQL errors, or go down: the
 * affected fields are null with errors at client paths, the rest is kept (SPEC §0.1), and the
 * gateway keeps serving afterwards.
 */
class RemoteFailureIntegrationTest {
    private static final String QUERY = "{ order(id: 1) { id } person: user(id: 1) { name } }";

    @RegisterExtension
    final GatewayFixture fixture = Remotes.ordersAndUsers(TestUpstream.sharedLog(), null, "\"timeout_seconds\": 1")
            .start();
    private final GatewayHarness gateway = fixture.gateway();
    private final TestUpstream users = fixture.upstream("users");

    private void assertServesNormally() {
        users.behaveNormally();
        assertThat(gateway.graphql(QUERY).toString())
                .isEqualTo("{\"data\":{\"order\":{\"id\":\"1\"},\"person\":{\"name\":\"Ada\"}}}");
    }

    @Test
    void remoteTimeout_nullsItsFields_keepsOtherRemote() {
        users.delayAnswers(Duration.ofMillis(2500));

        JsonNode response = gateway.graphql(QUERY);

        assertThat(response.get("data").toString()).isEqualTo("{\"order\":{\"id\":\"1\"},\"person\":null}");
        assertThat(response.get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("message").asText())
                    .isEqualTo("HTTP exception occurred while sending the request to \"" + users.url() + "\"");
            assertThat(error.get("path").toString()).isEqualTo("[\"person\"]");
            assertThat(error.at("/extensions/code").asText()).isEqualTo("remote-schema-error");
            assertThat(error.at("/extensions/internal/message").asText()).isEqualTo("Response timeout");
        });
        assertServesNormally();
    }

    @Test
    void remoteAnsweringNonJson_isAFieldError() {
        users.answerWith(new TestUpstream.Canned(200, "<html>oops</html>", Duration.ZERO));

        JsonNode response = gateway.graphql(QUERY);

        assertThat(response.at("/data/order/id").asText()).isEqualTo("1");
        assertThat(response.at("/data/person").isNull()).isTrue();
        assertThat(response.at("/errors/0/message").asText()).startsWith("Remote server response is not valid JSON");
        assertThat(response.at("/errors/0/path/0").asText()).isEqualTo("person");
        assertServesNormally();
    }

    @Test
    void remoteAnsweringHttp500_isAFieldError() {
        users.answerWith(new TestUpstream.Canned(500, "{}", Duration.ZERO));

        JsonNode response = gateway.graphql(QUERY);

        assertThat(response.at("/data/person").isNull()).isTrue();
        assertThat(response.at("/errors/0/message").asText()).isEqualTo("Remote server responded with HTTP status 500");
        assertThat(response.at("/errors/0/extensions/internal/status").asInt()).isEqualTo(500);
        assertServesNormally();
    }

    @Test
    void remoteGraphqlErrorWithoutPath_nullsEveryFieldOfThatRemote() {
        users.answerWith(new TestUpstream.Canned(400, "{\"errors\":[{\"message\":\"rate limited\"}]}", Duration.ZERO));

        JsonNode response = gateway.graphql("{ order(id: 1) { id } a: user(id: 1) { name } b: user(id: 2) { name } }");

        assertThat(response.get("data").toString()).isEqualTo("{\"order\":{\"id\":\"1\"},\"a\":null,\"b\":null}");
        assertThat(response.get("errors")).extracting(e -> e.get("path").toString() + e.get("message").asText())
                .containsExactly("[\"a\"]rate limited", "[\"b\"]rate limited");
        assertServesNormally();
    }

    @Test
    void remoteErrorWithPath_getsClientPath_siblingsKept() {
        JsonNode response = gateway.graphql("{ b: broken first: order(id: 1) { id } person: user(id: 2) { name } }");

        assertThat(response.get("data").toString())
                .isEqualTo("{\"b\":null,\"first\":{\"id\":\"1\"},\"person\":{\"name\":\"Grace\"}}");
        assertThat(response.get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("path").toString()).isEqualTo("[\"b\"]");
            assertThat(error.get("message").asText()).contains("broken on purpose");
            assertThat(error.at("/extensions/code").asText()).isEqualTo("remote-schema-error");
        });
    }

    @Test
    void nullInNonNullRootField_nullsData() {
        users.answerWith(new TestUpstream.Canned(502, "bad gateway", Duration.ZERO));

        JsonNode response = gateway.graphql("{ order(id: 1) { id } users { id } }");

        assertThat(response.get("data").isNull()).isTrue();
        assertThat(response.at("/errors/0/path").toString()).isEqualTo("[\"users\"]");
    }

    @Test
    void internalDetail_onlyForAdmins() {
        users.answerWith(new TestUpstream.Canned(500, "{}", Duration.ZERO));

        JsonNode response = gateway.graphql(QUERY, null, Map.of("X-Hasura-Role", "user"));

        assertThat(response.at("/errors/0/extensions").has("internal")).isFalse();
        assertThat(response.at("/errors/0/extensions/code").asText()).isEqualTo("remote-schema-error");
    }

    @Test
    void remoteGoesDownAndComesBack_servedWithoutReload() {
        users.stop();

        JsonNode down = gateway.graphql(QUERY);

        assertThat(down.get("data").toString()).isEqualTo("{\"order\":{\"id\":\"1\"},\"person\":null}");
        assertThat(down.at("/errors/0/message").asText()).startsWith("HTTP exception occurred");

        users.start();
        assertServesNormally();
    }
}
