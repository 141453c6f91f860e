package io.joinery.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.GatewayHarness.Reply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.netty.http.client.HttpClient;

/**
 * `GET /console` on the gateway (SPEC §13): served without the admin secret (the page has no
 * privileges of its own), gzip-compressed like every gateway answer when the browser asks, and
 * turned off by `JOINERY_ENABLE_CONSOLE=false` or Hasura's variable. How the files are served is
 * core's `ConsoleRouteTest`; the page working in a browser is the child's `ConsoleBrowserIntegrationTest`.
 */
class GatewayConsoleIntegrationTest {
    private static final String NOT_FOUND = "{\"path\":\"$\",\"error\":\"resource does not exist\",\"code\":\"not-found\"}";
    private static final String GRAPHIQL = "/console/assets/vendor/graphiql-3.9.0/graphiql.min.js";

    @TempDir
    Path dir;

    @Test
    void console_isOnByDefault_andNeedsNoAdminSecret() {
        try (GatewayHarness gateway = GatewayHarness.start(dir, Map.of(), Optional.of("topsecret"))) {
            Reply page = gateway.get("/console");

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.headers().get("content-type")).isEqualTo("text/html; charset=utf-8");
            assertThat(page.body()).contains("<title>Joinery console</title>", GRAPHIQL);
        }
    }

    @Test
    void consoleFiles_areGzippedWhenTheBrowserAsks() throws IOException {
        try (GatewayHarness gateway = GatewayHarness.start(dir)) {
            String plain = gateway.get(GRAPHIQL).body();
            String[] encoding = new String[1];
            byte[] zipped = HttpClient.create().headers(h -> h.set("Accept-Encoding", "gzip"))
                    .get().uri("http://127.0.0.1:" + gateway.gateway().port() + GRAPHIQL)
                    .responseSingle((response, body) -> {
                        encoding[0] = response.responseHeaders().get("content-encoding");
                        return body.asByteArray();
                    })
                    .block(Duration.ofSeconds(30));

            assertThat(encoding[0]).isEqualTo("gzip");
            assertThat(zipped.length).isLessThan(plain.length() / 2);
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(plain).hasSizeGreaterThan(900_000);
            }
        }
    }

    @Test
    void joineryEnableConsoleFalse_turnsItOff() {
        try (GatewayHarness gateway = GatewayHarness.start(dir, Map.of("JOINERY_ENABLE_CONSOLE", "false"), Optional.empty())) {
            for (String path : new String[] {"/console", GRAPHIQL}) {
                Reply missing = gateway.get(path);
                assertThat(missing.status()).as(path).isEqualTo(404);
                assertThat(missing.body()).as(path).isEqualTo(NOT_FOUND);
            }
        }
    }

    @Test
    void hasurasVariable_turnsItOffToo() {
        try (GatewayHarness gateway = GatewayHarness.start(dir, Map.of("HASURA_GRAPHQL_ENABLE_CONSOLE", "false"),
                Optional.empty())) {
            assertThat(gateway.get("/console").status()).isEqualTo(404);
        }
    }
}
