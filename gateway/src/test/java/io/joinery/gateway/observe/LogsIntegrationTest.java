package io.joinery.gateway.observe;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.joinery.child.ChildApp;
import io.joinery.child.ChildConfig;
import io.joinery.child.testing.TestDatabase;
import io.joinery.core.auth.TestJwts;
import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import io.joinery.gateway.Gateway;
import io.joinery.gateway.GatewayConfig;
import io.joinery.gateway.testing.TestBlockHound;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Logs of both servers as they run (SPEC §13): core's logback.xml with the default JSON format at
 * `JOINERY_LOG_LEVEL=debug`, stdout captured while a gateway in front of a child (whose action
 * handler is WireMock) answers requests. Every line is one JSON object with Hasura's `type`; the
 * client's `x-request-id` (or a generated one) is echoed, logged by both servers and sent to the
 * child and the handler; no secret, token or cookie value appears anywhere.
 */
class LogsIntegrationTest {
    private static final String CHILD_SECRET = "child-admin-secret-5f2a";
    private static final String GATEWAY_SECRET = "gateway-admin-secret-9c1e";
    private static final String JWT_KEY = "jwt-signing-key-of-at-least-32-characters-77";
    private static final String COOKIE_VALUE = "cookie-value-4b8d";
    private static final String REQUEST_ID = "client-request-0042";

    @RegisterExtension
    static WireMockExtension handler = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    static Path dir;
    static PrintStream stdout;
    static ByteArrayOutputStream captured = new ByteArrayOutputStream();
    static Map<String, String> savedSettings = new HashMap<>();
    static ChildApp child;
    static Gateway gateway;
    static TestHttp http;
    static String jwt;
    static List<JsonNode> lines;
    static String text;
    static String generatedId;
    static List<String> handlerRequestIds;

    @BeforeAll
    static void runRequestsWhileCapturingStdout() throws Exception {
        TestBlockHound.install();
        stdout = System.out;
        System.setOut(new PrintStream(new Tee(stdout, captured), true, StandardCharsets.UTF_8));
        configureLogging(Map.of("JOINERY_LOG_FORMAT", "json", "JOINERY_LOG_LEVEL", "debug"));
        try {
            startServers();
            handler.stubFor(post("/whoami").willReturn(okJson("{\"ok\": true}")));
            TestHttp.Response answered = http.graphql("query Who { whoami { ok } }", null, Map.of(
                    "X-Hasura-Admin-Secret", GATEWAY_SECRET, "x-request-id", REQUEST_ID,
                    "Cookie", "session=" + COOKIE_VALUE));
            assertThat(answered.json().at("/data/whoami/ok").asBoolean()).as(answered.body()).isTrue();
            assertThat(answered.headers().get("x-request-id")).isEqualTo(REQUEST_ID);
            TestHttp.Response generated = http.graphql("query Who { whoami { ok } }", null,
                    Map.of("Authorization", "Bearer " + jwt));
            generatedId = generated.headers().get("x-request-id");
            assertThat(generatedId).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
            handlerRequestIds = handler.getAllServeEvents().stream()
                    .map(e -> e.getRequest().getHeader("x-request-id")).toList();
            // a failed admin-secret attempt is not logged with what was sent either
            http.post("/v1/metadata", "{\"type\": \"export_metadata\", \"args\": {}}",
                    Map.of("X-Hasura-Admin-Secret", GATEWAY_SECRET + "-wrong"));
        } finally {
            gateway.close();
            child.close();
            // stops the asynchronous appender once every queued line is written
            ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
            System.setOut(stdout);
            configureLogging(savedSettings);
        }
        text = captured.toString(StandardCharsets.UTF_8);
        lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                lines.add(Json.parseJsonOrYaml(line));
            }
        }
    }

    private static void startServers() throws Exception {
        child = ChildApp.start(new ChildConfig(0, "127.0.0.1", Optional.of(CHILD_SECRET), Optional.empty(),
                Path.of("unused"), Optional.empty(), "*", 8), TestDatabase.fresh(), Optional.empty())
                .awaitReady(Duration.ofSeconds(60));
        TestHttp childHttp = new TestHttp(child.port());
        TestHttp.Response setup = childHttp.post("/v1/metadata", """
                {"type": "bulk", "args": [
                  {"type": "set_custom_types", "args": {"objects": [{"name": "Who", "fields": [{"name": "ok", "type": "Boolean!"}]}]}},
                  {"type": "create_action", "args": {"name": "whoami", "definition": {
                     "handler": "%s/whoami", "output_type": "Who", "type": "query"}}},
                  {"type": "create_action_permission", "args": {"action": "whoami", "role": "user"}}
                ]}""".formatted(handler.baseUrl()), Map.of("X-Hasura-Admin-Secret", CHILD_SECRET));
        assertThat(setup.status()).as(setup.body()).isEqualTo(200);
        Path metadata = dir.resolve("metadata.json");
        Files.writeString(metadata, """
                {"version": 3, "remote_schemas": [{"name": "child", "definition": {
                  "url": "http://127.0.0.1:%d/v1/graphql", "timeout_seconds": 20, "forward_client_headers": true,
                  "headers": [{"name": "X-Hasura-Admin-Secret", "value_from_env": "CHILD_ADMIN_SECRET"}]}}]}"""
                .formatted(child.port()));
        Map<String, String> env = Map.of("JOINERY_HOST", "127.0.0.1", "JOINERY_PORT", "0",
                "JOINERY_ADMIN_SECRET", GATEWAY_SECRET, "JOINERY_METADATA", metadata.toString(),
                "CHILD_ADMIN_SECRET", CHILD_SECRET, "JOINERY_JWT_SECRET", TestJwts.hs256Secret(JWT_KEY));
        gateway = Gateway.start(GatewayConfig.fromEnv(env::get));
        http = new TestHttp(gateway.port());
        jwt = TestJwts.hs256(JWT_KEY, "user", List.of("user"), Map.of("x-hasura-user-id", "7"));
    }

    /** Logging configured again from core's logback.xml, with {@code settings} as the JOINERY_LOG_* values. */
    private static void configureLogging(Map<String, String> settings) throws Exception {
        for (String name : List.of("JOINERY_LOG_FORMAT", "JOINERY_LOG_LEVEL")) {
            if (settings != savedSettings && System.getProperty(name) != null) {
                savedSettings.put(name, System.getProperty(name));
            }
            if (settings.containsKey(name)) {
                System.setProperty(name, settings.get(name));
            } else {
                System.clearProperty(name);
            }
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogsIntegrationTest.class.getResource("/logback.xml"));
    }

    @AfterAll
    static void noBlocking() {
        assertThat(TestBlockHound.drainViolations()).as("blocking calls on non-blocking threads").isEmpty();
    }

    private static List<JsonNode> ofType(String type) {
        return lines.stream().filter(l -> l.path("type").asText().equals(type)).toList();
    }

    private static List<JsonNode> withRequestId(String type, String id) {
        return ofType(type).stream().filter(l -> l.path("request_id").asText().equals(id)).toList();
    }

    @Test
    void everyLine_isOneJsonObject_withTimestampLevelAndType() {
        assertThat(lines).isNotEmpty();
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.isObject()).isTrue();
            assertThat(line.path("timestamp").asText()).isNotEmpty();
            assertThat(line.path("level").asText()).isIn("error", "warn", "info", "debug", "trace");
            assertThat(line.path("type").asText()).isNotEmpty();
        });
    }

    @Test
    void bothServers_logTheirStartup() {
        assertThat(ofType("startup")).extracting(l -> l.at("/detail/server").asText())
                .contains("joinery-gateway", "joinery-child");
        assertThat(ofType("startup")).allSatisfy(l -> assertThat(l.at("/detail/port").asInt()).isPositive());
    }

    @Test
    void theClientsRequestId_isLoggedByBothServers_withStatusLatencyAndOperation() {
        List<JsonNode> httpLogs = withRequestId("http-log", REQUEST_ID);
        assertThat(httpLogs).as(text).hasSize(2); // the gateway's and the child's
        assertThat(httpLogs).allSatisfy(l -> {
            assertThat(l.get("level").asText()).isEqualTo("info");
            assertThat(l.at("/detail/http_info/status").asInt()).isEqualTo(200);
            assertThat(l.at("/detail/http_info/method").asText()).isEqualTo("POST");
            assertThat(l.at("/detail/http_info/url").asText()).isEqualTo("/v1/graphql");
            assertThat(l.at("/detail/operation/operation_name").asText()).isEqualTo("Who");
            assertThat(l.at("/detail/operation/operation_type").asText()).isEqualTo("query");
            assertThat(l.at("/detail/operation/query_execution_time").isNumber()).isTrue();
            assertThat(l.at("/detail/operation/response_size").asInt()).isPositive();
        });
    }

    @Test
    void queryLogs_atDebug_carryTheDocumentAndRequestId() {
        List<JsonNode> queryLogs = withRequestId("query-log", REQUEST_ID);
        assertThat(queryLogs).hasSize(2); // the client's request to the gateway, the gateway's to the child
        assertThat(queryLogs).allSatisfy(l -> {
            assertThat(l.get("level").asText()).isEqualTo("debug");
            assertThat(l.at("/detail/query/query").asText()).contains("whoami");
        });
        // the request as it was sent: the client named its operation, the gateway's request does not
        assertThat(queryLogs).extracting(l -> l.at("/detail/query/operationName").asText()).contains("Who");
    }

    @Test
    void theRequestId_isSentToTheHandler_andAGeneratedOneIsLoggedAndEchoed() {
        assertThat(handlerRequestIds).contains(REQUEST_ID);
        assertThat(withRequestId("http-log", generatedId)).hasSize(2);
    }

    @Test
    void noSecretTokenOrCookieValue_isEverLogged() {
        assertThat(text).isNotEmpty()
                .doesNotContain(GATEWAY_SECRET)
                .doesNotContain(CHILD_SECRET)
                .doesNotContain(JWT_KEY)
                .doesNotContain(jwt)
                .doesNotContain(jwt.substring(jwt.lastIndexOf('.') + 1))
                .doesNotContain(COOKIE_VALUE)
                .doesNotContainIgnoringCase("bearer ");
    }

    /** Writes to stdout as usual and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
        }
    }
}
