package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.testing.HeadlessChromium;
import io.joinery.child.testing.HeadlessChromium.SentRequest;
import io.joinery.child.testing.TestDatabase;
import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * SPEC §13: the console in a real headless Chromium, against a child with an admin secret on
 * embedded Postgres. The page loads with no request leaving this host, the admin secret goes in
 * the headers editor, and a query typed into the editor returns the table's rows.
 */
class ConsoleBrowserIntegrationTest {
    private static final String SECRET = "s3cret";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String QUERY_EDITOR = ".graphiql-query-editor .CodeMirror";

    static ChildTestServer child;
    static HeadlessChromium chromium;

    @BeforeAll
    static void start() {
        child = new ChildTestServer(TestDatabase.fresh(), Optional.of(SECRET));
        Map<String, String> admin = Map.of("X-Hasura-Admin-Secret", SECRET);
        TestHttp http = child.http;
        assertThat(http.post("/v2/query", "{\"type\":\"run_sql\",\"args\":{\"sql\":"
                + Json.write("CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL);"
                        + "INSERT INTO author (name) VALUES ('Ada'), ('Grace');") + "}}", admin).status()).isEqualTo(200);
        assertThat(http.post("/v1/metadata", "{\"type\":\"pg_track_table\",\"args\":{\"table\":\"author\"}}", admin)
                .status()).isEqualTo(200);
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        child.close();
    }

    @Test
    void queryTypedIntoTheConsole_withTheAdminSecretInItsHeaders_returnsData() {
        String origin = "http://127.0.0.1:" + child.app.port();
        List<SentRequest> sent = new ArrayList<>();
        chromium.driver().get(origin + "/console");
        WebDriverWait wait = new WebDriverWait(chromium.driver(), WAIT);
        wait.until(d -> !d.findElements(By.cssSelector(QUERY_EDITOR)).isEmpty());

        WebElement headers = wait.until(d -> editorContaining("\"x-hasura-admin-secret\": \"\""));
        assertThat(editorValue(headers)).as("pre-filled headers")
                .contains("\"x-hasura-admin-secret\": \"\"", "\"Authorization\": \"\"");
        type(headers, "{\"x-hasura-admin-secret\": \"" + SECRET + "\"}");
        assertThat(Json.parseBody(editorValue(headers)).path("x-hasura-admin-secret").asText()).isEqualTo(SECRET);
        wait.withMessage("the schema loaded again with the typed secret").until(d -> {
            sent.addAll(chromium.takeRequests());
            return sent.stream().anyMatch(r -> r.body().contains("IntrospectionQuery")
                    && SECRET.equals(r.headers().get("x-hasura-admin-secret")));
        });

        type(chromium.driver().findElement(By.cssSelector(QUERY_EDITOR)), "query Authors { author(order_by: {id: asc}) { id name } }");
        String before = resultText();
        chromium.driver().findElement(By.cssSelector(".graphiql-execute-button")).click();

        String result = wait.withMessage("a result in the response pane").until(d -> {
            String text = resultText();
            return !text.equals(before) && (text.contains("\"data\"") || text.contains("\"errors\"")) ? text : null;
        });
        JsonNode response = Json.parseBody(result);
        assertThat(response.path("errors").isMissingNode()).as(result).isTrue();
        assertThat(response.at("/data/author")).isEqualTo(Json.parseBody(
                "[{\"id\": 1, \"name\": \"Ada\"}, {\"id\": 2, \"name\": \"Grace\"}]"));

        sent.addAll(chromium.takeRequests());
        // data: URLs (the stylesheet's inlined fonts) are decoded in the browser; everything else must be ours
        List<String> fetched = sent.stream().map(SentRequest::url).filter(url -> !url.startsWith("data:")).toList();
        assertThat(fetched).as("every URL the console fetched").allSatisfy(url -> assertThat(url).startsWith(origin + "/"))
                .contains(origin + "/console", origin + "/console/assets/vendor/graphiql-3.9.0/graphiql.min.js",
                        origin + "/console/assets/console.js", origin + "/v1/graphql");
        SentRequest run = sent.stream().filter(r -> r.body().contains("query Authors")).findFirst().orElseThrow();
        assertThat(run.headers()).as("the query's request headers: typed secret, empty Authorization not sent")
                .containsEntry("x-hasura-admin-secret", SECRET)
                .noneSatisfy((name, value) -> assertThat(name).isEqualToIgnoringCase("authorization"));
        assertThat(chromium.takeBrowserLog()).as("browser console").noneMatch(line -> line.contains("Content Security Policy"));
    }

    private static String resultText() {
        return editorValue(chromium.driver().findElement(By.cssSelector(".result-window .CodeMirror")));
    }

    /** The CodeMirror editor (query, variables, headers or result) whose text contains {@code text}, or null. */
    private static WebElement editorContaining(String text) {
        return (WebElement) ((JavascriptExecutor) chromium.driver()).executeScript(
                "return Array.from(document.querySelectorAll('.CodeMirror'))"
                        + ".find(e => e.CodeMirror && e.CodeMirror.getValue().includes(arguments[0])) || null;", text);
    }

    private static String editorValue(WebElement editor) {
        return (String) ((JavascriptExecutor) chromium.driver()).executeScript(
                "return arguments[0].CodeMirror.getValue();", editor);
    }

    /** Replaces the editor's text by typing, key by key, as a user does (brackets close themselves). */
    private static void type(WebElement editor, String text) {
        editor.click();
        new Actions(chromium.driver())
                .keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL).sendKeys(Keys.DELETE)
                .sendKeys(text)
                .perform();
    }
}
