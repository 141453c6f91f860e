package io.joinery.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.child.ChildApp;
import io.joinery.child.ChildConfig;
import io.joinery.child.testing.TestDatabase;
import io.joinery.examples.handler.HandlerConfig;
import io.joinery.examples.handler.HandlerServer;
import io.joinery.gateway.Gateway;
import io.joinery.gateway.GatewayConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.netty.DisposableServer;

/**
 * The demo's content, as `./joinery-demo` runs it, in one JVM: the real child (with an admin
 * secret) loaded with examples/demo/demo.sql and child-metadata.json by {@link ChildSetup}, the
 * example action handler, and the gateway reading examples/demo/gateway-metadata.json. Asserts the
 * README's sample answers (Action → Database in the child, Action → Action through the gateway and
 * natively in the child).
 */
class DemoStackIntegrationTest {
    private static final Path DEMO = Path.of("").toAbsolutePath().getParent().getParent().resolve("examples/demo");
    private static final String SECRET = "test-admin-secret";

    @TempDir
    static Path dir;
    static ChildApp child;
    static DisposableServer handler;
    static Gateway gateway;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        child = ChildApp.start(ChildConfig.fromEnvironment(Map.of("JOINERY_HOST", "127.0.0.1", "JOINERY_PORT", "0",
                        "JOINERY_ADMIN_SECRET", SECRET)), TestDatabase.fresh(), Optional.empty())
                .awaitReady(Duration.ofSeconds(60));
        String childGraphql = "http://127.0.0.1:" + child.port() + "/v1/graphql";
        handler = HandlerServer.start(HandlerConfig.fromEnvironment(Map.of("HANDLER_HOST", "127.0.0.1",
                "HANDLER_PORT", "0", "CHILD_GRAPHQL_URL", childGraphql, "CHILD_ADMIN_SECRET", SECRET)));
        // the launcher gives the child ACTION_HANDLER_URL; here the handler's port is only known now
        Path childMetadata = dir.resolve("child-metadata.json");
        Files.writeString(childMetadata, Files.readString(DEMO.resolve("child-metadata.json"))
                .replace("{{ACTION_HANDLER_URL}}", "http://127.0.0.1:" + handler.port()));
        ChildSetup setup = new ChildSetup("http://127.0.0.1:" + child.port(), SECRET);
        setup.runSql(DEMO.resolve("demo.sql"));
        setup.replaceMetadata(childMetadata);

        Path gatewayMetadata = dir.resolve("gateway-metadata.json");
        Files.copy(DEMO.resolve("gateway-metadata.json"), gatewayMetadata);
        // the gateway's settings as DemoLauncher gives them: its own admin secret and the demo JWT secret
        Map<String, String> env = Map.of("CHILD_GRAPHQL_URL", childGraphql, "CHILD_ADMIN_SECRET", SECRET,
                "JOINERY_HOST", "127.0.0.1", "JOINERY_PORT", "0", "JOINERY_METADATA", gatewayMetadata.toString(),
                "JOINERY_ADMIN_SECRET", DemoSettings.GATEWAY_ADMIN_SECRET, "JOINERY_JWT_SECRET", DemoSettings.JWT_SECRET);
        gateway = Gateway.start(GatewayConfig.fromEnv(env::get).withRetryDelays(Duration.ofMillis(200), Duration.ofSeconds(1)));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        handler.disposeNow();
        child.close();
    }

    @Test
    void sampleMutation_actionToDatabase_andActionToAction() {
        String answer = gatewayQuery("mutation { updateAuthor(id: 1, name: \\\"Ada Lovelace\\\") { author_id "
                + "updatedAuthor { name articles(order_by: {id: asc}) { title rating } "
                + "stats { article_count average_rating } } } }");

        assertThat(answer).isEqualTo("{\"data\":{\"updateAuthor\":{\"author_id\":1,\"updatedAuthor\":{\"name\":"
                + "\"Ada Lovelace\",\"articles\":[{\"title\":\"Notes on the Analytical Engine\",\"rating\":5},"
                + "{\"title\":\"Sketch of the Analytical Engine\",\"rating\":3}],"
                + "\"stats\":{\"article_count\":2,\"average_rating\":4}}}}}");
        assertThat(DEMO.resolve("../../README.md")).as("the README shows this answer").content().contains(answer);
    }

    /** The same example natively: the child alone follows `UpdateAuthorOutput.stats` to `authorStats` (SPEC §12). */
    @Test
    void sampleMutation_actionToAction_nativelyInTheChild() {
        String answer = send("http://127.0.0.1:" + child.port() + "/v1/graphql",
                "mutation { updateAuthor(id: 1, name: \\\"Ada Lovelace\\\") { author_id "
                + "updatedAuthor { name articles(order_by: {id: asc}) { title rating } } "
                + "stats { article_count average_rating } } }", Map.of("X-Hasura-Admin-Secret", SECRET));

        assertThat(answer).isEqualTo("{\"data\":{\"updateAuthor\":{\"author_id\":1,\"updatedAuthor\":{\"name\":"
                + "\"Ada Lovelace\",\"articles\":[{\"title\":\"Notes on the Analytical Engine\",\"rating\":5},"
                + "{\"title\":\"Sketch of the Analytical Engine\",\"rating\":3}]},"
                + "\"stats\":{\"article_count\":2,\"average_rating\":4.0}}}}");
        assertThat(readme()).as("the README shows this answer").contains(answer);
    }

    @Test
    void everyAuthorsStats_throughTheGateway() {
        String answer = gatewayQuery("{ author(where: {id: {_in: [2, 3]}}, order_by: {id: asc}) { name "
                + "stats { article_count average_rating top_rating } } }");

        assertThat(answer).isEqualTo("{\"data\":{\"author\":[{\"name\":\"Grace\",\"stats\":{\"article_count\":2,"
                + "\"average_rating\":4.5,\"top_rating\":5}},{\"name\":\"Edsger\",\"stats\":{\"article_count\":3,"
                + "\"average_rating\":4,\"top_rating\":5}}]}}");
    }

    @Test
    void unknownAuthor_theHandlersMessageReachesTheClient() {
        String answer = gatewayQuery("mutation { updateAuthor(id: 99, name: \\\"Nobody\\\") { author_id } }");

        assertThat(answer).contains("no author with id 99").doesNotContain("\"data\":{\"updateAuthor\":{");
    }

    @Test
    void theDemoToken_isAUserTheChildLetsCallAuthorStats() {
        String answer = userQuery("{ authorStats(author_id: 1) { article_count average_rating } }");

        assertThat(answer).isEqualTo("{\"data\":{\"authorStats\":{\"article_count\":2,\"average_rating\":4}}}");
        String readme = readme();
        assertThat(readme).as("the README shows the demo token").contains("TOKEN=" + DemoSettings.DEMO_TOKEN);
        assertThat(readme).as("the README shows this answer").contains(answer);
    }

    @Test
    void theDemoTokens_seeOnlyTheirOwnRows_theChildFiltersThem() {
        String first = userQuery("{ article(order_by: {id: asc}) { title rating } }");
        String second = send("{ author { name articles(order_by: {id: asc}) { title } } }",
                Map.of("Authorization", "Bearer " + DemoSettings.DEMO_TOKEN_2));

        assertThat(first).isEqualTo("{\"data\":{\"article\":[{\"title\":\"Notes on the Analytical Engine\",\"rating\":5},"
                + "{\"title\":\"Sketch of the Analytical Engine\",\"rating\":3}]}}");
        assertThat(second).isEqualTo("{\"data\":{\"author\":[{\"name\":\"Grace\",\"articles\":[{\"title\":\"COBOL\"},"
                + "{\"title\":\"The Education of a Computer\"}]}]}}");
        String readme = readme();
        assertThat(readme).as("the README shows the second token").contains("TOKEN2=" + DemoSettings.DEMO_TOKEN_2);
        assertThat(readme).as("the README shows these answers").contains(first).contains(second);
        // columns outside the permission do not exist for the role
        assertThat(userQuery("{ author { id name } article { id } }")).startsWith("{\"data\":{\"author\":[{\"id\":1,");
    }

    @Test
    void withoutCredentials_theGatewayAsksForAToken() {
        String answer = send("{ authorStats(author_id: 1) { article_count } }", Map.of());

        assertThat(answer).isEqualTo("{\"errors\":[{\"message\":\"Missing 'Authorization' or 'Cookie' header in JWT "
                + "authentication mode\",\"extensions\":{\"path\":\"$\",\"code\":\"invalid-headers\"}}]}");
    }

    private static String readme() {
        try {
            return Files.readString(DEMO.resolve("../../README.md"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String gatewayQuery(String query) {
        return send(query, Map.of("X-Hasura-Admin-Secret", DemoSettings.GATEWAY_ADMIN_SECRET));
    }

    private static String userQuery(String query) {
        return send(query, Map.of("Authorization", "Bearer " + DemoSettings.DEMO_TOKEN));
    }

    private static String send(String query, Map<String, String> headers) {
        return send("http://127.0.0.1:" + gateway.port() + "/v1/graphql", query, headers);
    }

    private static String send(String url, String query, Map<String, String> headers) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url));
            headers.forEach(builder::header);
            HttpRequest request = builder
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + query + "\"}"))
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
