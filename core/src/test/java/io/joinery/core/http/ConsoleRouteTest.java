package io.joinery.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joinery.core.auth.AuthConfig;
import io.joinery.core.auth.SessionResolver;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;

/**
 * `GET /console` over plain HTTP: the page and every file it references come from this server with
 * the right content type and caching, nothing else under `/console` is served, and the switch turns
 * all of it into the front door's 404. (The page working in a browser: the child's
 * `ConsoleBrowserIntegrationTest`.)
 */
class ConsoleRouteTest {
    private static final String NOT_FOUND = "{\"path\":\"$\",\"error\":\"resource does not exist\",\"code\":\"not-found\"}";
    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]*)\"");

    private DisposableServer server;

    private TestHttp start(boolean console) {
        server = FrontDoor.start(FrontDoorConfig.of("127.0.0.1", 0, Cors.parse("*")),
                SessionResolver.create(AuthConfig.adminSecretOnly("topsecret")), List.of(ConsoleRoute.route(console)));
        return new TestHttp(server.port());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.disposeNow();
        }
    }

    @Test
    void page_isHtml_revalidated_andMayOnlyTalkToThisServer() {
        TestHttp.Response page = start(true).get("/console");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().get("content-type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.headers().get("cache-control")).isEqualTo("no-cache");
        assertThat(page.headers().get("x-content-type-options")).isEqualTo("nosniff");
        assertThat(page.headers().get("content-security-policy"))
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'");
        assertThat(page.body()).contains("<title>Joinery console</title>", "graphiql.min.js", "/console/assets/console.js");
    }

    @Test
    void page_needsNoAdminSecret_andAnswersWithATrailingSlash() {
        TestHttp http = start(true);

        assertThat(http.get("/console/").status()).isEqualTo(200);
        assertThat(http.get("/console?x=1").body()).contains("<title>Joinery console</title>");
    }

    @Test
    void everyFileThePageReferences_isServedFromHere_withItsContentTypeAndCaching() {
        TestHttp http = start(true);
        List<String> references = references(http.get("/console").body());

        assertThat(references).hasSize(6).allSatisfy(url -> assertThat(url).matches("data:,|/console/assets/.+"));
        for (String url : references) {
            if (url.startsWith("data:")) {
                continue;
            }
            TestHttp.Response file = http.get(url);
            assertThat(file.status()).as(url).isEqualTo(200);
            assertThat(file.headers().get("x-content-type-options")).as(url).isEqualTo("nosniff");
            assertThat(file.headers().get("content-type")).as(url)
                    .isEqualTo(url.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
            assertThat(file.headers().get("cache-control")).as(url)
                    .isEqualTo(url.contains("/vendor/") ? "public, max-age=31536000, immutable" : "no-cache");
        }
    }

    @Test
    void vendorFiles_areServedByteForByte_withTheirLicenses() throws IOException {
        TestHttp http = start(true);

        TestHttp.Response graphiql = http.get("/console/assets/vendor/graphiql-3.9.0/graphiql.min.js");
        assertThat(graphiql.body()).isEqualTo(resource("vendor/graphiql-3.9.0/graphiql.min.js"));
        TestHttp.Response license = http.get("/console/assets/vendor/graphiql-3.9.0/LICENSE");
        assertThat(license.headers().get("content-type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(license.body()).startsWith("MIT License");
        assertThat(http.get("/console/assets/vendor/react-18.3.1/LICENSE").body()).startsWith("MIT License");
        assertThat(http.get("/console/assets/vendor/react-dom-18.3.1/LICENSE").body()).startsWith("MIT License");
    }

    @Test
    void pathsUnderConsoleThatAreNoFile_are404() {
        TestHttp http = start(true);

        for (String path : List.of("/console/assets/nothing.js", "/console/assets/vendor/README.md",
                "/console/assets/../../version.properties", "/console/index.html", "/consoles")) {
            TestHttp.Response missing = http.get(path);
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.body()).as(path).isEqualTo(NOT_FOUND);
        }
    }

    @Test
    void otherMethods_are405() {
        TestHttp.Response post = start(true).send(HttpMethod.POST, "/console", Map.of(), "{}");

        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers().get("allow")).isEqualTo("GET");
    }

    @Test
    void disabled_everyConsolePathIsTheFrontDoors404() {
        TestHttp http = start(false);

        for (String path : List.of("/console", "/console/", "/console/assets/console.js",
                "/console/assets/vendor/graphiql-3.9.0/graphiql.min.js")) {
            TestHttp.Response missing = http.get(path);
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.body()).as(path).isEqualTo(NOT_FOUND);
            assertThat(missing.headers().get("content-type")).as(path).startsWith("application/json");
        }
    }

    @Test
    void switch_isOnByDefault_joineryVariableFirst_thenHasuras() {
        assertThat(ConsoleRoute.isEnabled(Map.<String, String>of()::get)).isTrue();
        assertThat(ConsoleRoute.isEnabled(Map.of("JOINERY_ENABLE_CONSOLE", "false")::get)).isFalse();
        assertThat(ConsoleRoute.isEnabled(Map.of("JOINERY_ENABLE_CONSOLE", " FALSE ")::get)).isFalse();
        assertThat(ConsoleRoute.isEnabled(Map.of("JOINERY_ENABLE_CONSOLE", "no")::get)).isFalse();
        assertThat(ConsoleRoute.isEnabled(Map.of("JOINERY_ENABLE_CONSOLE", "True")::get)).isTrue();
        assertThat(ConsoleRoute.isEnabled(Map.of("HASURA_GRAPHQL_ENABLE_CONSOLE", "false")::get)).isFalse();
        assertThat(ConsoleRoute.isEnabled(Map.of("JOINERY_ENABLE_CONSOLE", "true",
                "HASURA_GRAPHQL_ENABLE_CONSOLE", "false")::get)).isTrue();
        assertThat(ConsoleRoute.isEnabled(Map.of("JOINERY_ENABLE_CONSOLE", "",
                "HASURA_GRAPHQL_ENABLE_CONSOLE", "f")::get)).isFalse();
    }

    @Test
    void switch_refusesOtherValues_namingTheVariable() {
        assertThatThrownBy(() -> ConsoleRoute.isEnabled(Map.of("JOINERY_ENABLE_CONSOLE", "off")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JOINERY_ENABLE_CONSOLE must be true or false, got \"off\"");
        assertThatThrownBy(() -> ConsoleRoute.isEnabled(Map.of("HASURA_GRAPHQL_ENABLE_CONSOLE", "0")::get))
                .hasMessage("HASURA_GRAPHQL_ENABLE_CONSOLE must be true or false, got \"0\"");
    }

    private static List<String> references(String html) {
        List<String> found = new ArrayList<>();
        Matcher m = REFERENCE.matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String resource(String file) throws IOException {
        try (InputStream in = ConsoleRouteTest.class.getResourceAsStream("/io/joinery/core/console/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
