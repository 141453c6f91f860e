package io.joinery.child.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * `to_action` relationships end to end (SPEC §12): the source rows come from the one statement,
 * one handler call per distinct argument set per level, partial data with client paths when a call
 * fails, and the joined call is the direct call.
 */
class ActionJoinIntegrationTest {
    @RegisterExtension
    static WireMockExtension handler = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static ChildTestServer child;
    static TestHttp http;

    @BeforeAll
    static void start() {
        child = ChildTestServer.started(ActionJoinFixture.SQL,
                ActionJoinFixture.metadata("http://127.0.0.1:" + handler.getPort()));
        http = child.http;
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    @BeforeEach
    void reset() {
        handler.resetAll();
        ActionJoinFixture.stubStats(handler);
    }

    private static TestHttp.Response graphql(String query) {
        return http.graphql(query, null, Map.of());
    }

    @Test
    void tenRowsWithThreeDistinctKeys_threeCalls_andANullKey_noCall() {
        child.takeStatements();
        TestHttp.Response response = graphql("{ article(order_by: {id: asc}) { title authorStats { article_count } } }");
        JsonNode articles = response.json().at("/data/article");
        assertThat(articles.size()).as(response.body()).isEqualTo(11);
        assertThat(articles.get(0)).isEqualTo(Json.parseBody("{\"title\": \"a1\", \"authorStats\": {\"article_count\": 10}}"));
        assertThat(articles.get(1).at("/authorStats/article_count").asInt()).isEqualTo(20);
        assertThat(articles.get(9).at("/authorStats/article_count").asInt()).isEqualTo(30);
        assertThat(articles.get(10)).isEqualTo(Json.parseBody("{\"title\": \"orphan\", \"authorStats\": null}"));
        assertThat(response.json().has("errors")).isFalse();
        handler.verify(3, postRequestedFor(urlEqualTo("/author-stats")));
        // the source rows and their hidden join columns come from ONE statement; no table join after the calls
        assertThat(child.takeStatements()).singleElement()
                .satisfies(s -> assertThat(s.text()).contains("row_to_json((SELECT \"o$\" FROM (SELECT t0.\"author_id\" AS \"author_id\") AS \"o$\")) AS \"authorStats\""));
    }

    @Test
    void theCallsOfALevel_runConcurrently() {
        for (int id = 1; id <= 3; id++) {
            handler.stubFor(post(urlEqualTo("/author-stats")).atPriority(1)
                    .withRequestBody(matchingJsonPath("$.input.author_id", equalTo(Integer.toString(id))))
                    .willReturn(okJson("{\"author_id\": " + id + "}").withFixedDelay(1000)));
        }
        long start = System.nanoTime();
        TestHttp.Response response = graphql("{ article { authorStats { author_id } } }");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.json().has("errors")).as(response.body()).isFalse();
        handler.verify(3, postRequestedFor(urlEqualTo("/author-stats")));
        assertThat(millis).as("three 1 s calls at once").isLessThan(2500);
    }

    @Test
    void insideAggregateNodes_mutationReturning_andFragments() {
        TestHttp.Response query = graphql("""
                { author_aggregate(where: {id: {_eq: 2}}) { nodes { ...withStats } } }
                fragment withStats on author { name stats { author_id } }""");
        assertThat(query.json()).as(query.body()).isEqualTo(Json.parseBody(
                "{\"data\": {\"author_aggregate\": {\"nodes\": [{\"name\": \"Grace\", \"stats\": {\"author_id\": 2}}]}}}"));
        TestHttp.Response mutation = graphql("""
                mutation { update_author(where: {id: {_eq: 3}}, _set: {name: "Edsger"}) {
                  returning { name stats { article_count } } } }""");
        assertThat(mutation.json()).as(mutation.body()).isEqualTo(Json.parseBody(
                "{\"data\": {\"update_author\": {\"returning\": [{\"name\": \"Edsger\", \"stats\": {\"article_count\": 30}}]}}}"));
    }

    @Test
    void sameArgumentsFromTwoRelationships_oneCallPerLevel() {
        TestHttp.Response response = graphql("""
                { article(where: {author_id: {_eq: 1}}) { authorStats { author_id } }
                  author(where: {id: {_eq: 1}}) { stats { article_count } } }""");
        assertThat(response.json().at("/data/author/0/stats/article_count").asInt()).as(response.body()).isEqualTo(10);
        assertThat(response.json().at("/data/article/3/authorStats/author_id").asInt()).isEqualTo(1);
        handler.verify(1, postRequestedFor(urlEqualTo("/author-stats")));
    }

    @Test
    void chain_actionToTableToActionToTable() {
        handler.stubFor(post(urlEqualTo("/update-author")).willReturn(okJson("{\"author_id\": 2}")));
        TestHttp.Response response = graphql("""
                mutation { updateAuthor(id: 2, name: "Grace") {
                  updatedAuthor { name stats { article_count author { name articles(order_by: {id: asc}, limit: 2) { title }
                                                                          stats { author_id } } } }
                  stats { article_count } } }""");
        assertThat(response.json()).as(response.body()).isEqualTo(Json.parseBody("""
                {"data": {"updateAuthor": {
                  "updatedAuthor": {"name": "Grace", "stats": {"article_count": 20, "author": {"name": "Grace",
                     "articles": [{"title": "a2"}, {"title": "a5"}], "stats": {"author_id": 2}}}},
                  "stats": {"article_count": 20}}}}"""));
        // level 1 (updatedAuthor.stats and stats: the same arguments) then level 2 (author.stats)
        handler.verify(2, postRequestedFor(urlEqualTo("/author-stats")));
    }

    @Test
    void aFailingCallForOneKey_nullsOnlyItsFields_withAnErrorAtEachClientPath() {
        handler.stubFor(post(urlEqualTo("/author-stats")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.input.author_id", equalTo("3")))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"no stats for 3\", \"code\": \"no-stats\"}")));
        TestHttp.Response response = http.graphql(
                "{ article(order_by: {id: asc}, limit: 4) { title s: authorStats { article_count } } }", null,
                Map.of());
        assertThat(response.json()).as(response.body()).isEqualTo(Json.parseBody("""
                {"data": {"article": [{"title": "a1", "s": {"article_count": 10}}, {"title": "a2", "s": {"article_count": 20}},
                                      {"title": "a3", "s": null}, {"title": "a4", "s": {"article_count": 10}}]},
                 "errors": [{"message": "no stats for 3", "path": ["article", 2, "s"],
                             "extensions": {"path": "$", "code": "no-stats"}}]}"""));
        handler.verify(3, postRequestedFor(urlEqualTo("/author-stats")));
    }

    @Test
    void aFailedCallNeededByTwoRows_oneErrorAtEachPath() {
        handler.stubFor(post(urlEqualTo("/author-stats")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.input.author_id", equalTo("3")))
                .willReturn(aResponse().withStatus(500).withBody("{}")));
        TestHttp.Response response = graphql("{ article(where: {author_id: {_eq: 3}}, order_by: {id: asc}) { authorStats { author_id } } }");
        assertThat(response.json().at("/data/article").toString()).as(response.body())
                .isEqualTo("[{\"authorStats\":null},{\"authorStats\":null},{\"authorStats\":null}]");
        JsonNode errors = response.json().get("errors");
        assertThat(errors).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(errors.get(i).get("message").asText()).isEqualTo("internal error");
            assertThat(errors.get(i).get("path")).isEqualTo(Json.parseBody("[\"article\", " + i + ", \"authorStats\"]"));
            assertThat(errors.get(i).at("/extensions/code").asText()).isEqualTo("unexpected");
        }
        handler.verify(1, postRequestedFor(urlEqualTo("/author-stats")));
    }

    @Test
    void aTimeout_isAnErrorAtTheFieldsPath_andTheRestIsKept() {
        handler.stubFor(post(urlEqualTo("/slow-stats")).willReturn(okJson("{\"author_id\": 1}").withFixedDelay(2500)));
        TestHttp.Response response = http.graphql(
                "{ author(where: {id: {_eq: 1}}) { name slow { author_id } stats { author_id } } }", null,
                Map.of("X-Hasura-Role", "admin"));
        assertThat(response.json().at("/data/author/0")).as(response.body()).isEqualTo(Json.parseBody(
                "{\"name\": \"Ada\", \"slow\": null, \"stats\": {\"author_id\": 1}}"));
        JsonNode error = response.json().at("/errors/0");
        assertThat(error.get("message").asText()).isEqualTo("http exception when calling webhook");
        assertThat(error.get("path")).isEqualTo(Json.parseBody("[\"author\", 0, \"slow\"]"));
        assertThat(error.at("/extensions/code").asText()).isEqualTo("unexpected");
        assertThat(error.at("/extensions/internal/error/message").asText()).isEqualTo("Response timeout");
    }

    @Test
    void theJoinedCall_isTheDirectCall_payloadAndHeaders() {
        // the request's own id and trace context are sent to handlers too: the same for both calls here
        Map<String, String> headers = Map.of("X-Client-Trace", "abc", "X-Hasura-User-Id", "42",
                "x-request-id", "same-request", "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        String direct = "{ authorStats(author_id: 1) { article_count } }";
        String joined = "{ author(where: {id: {_eq: 1}}) { stats { article_count } } }";
        assertThat(http.graphql(direct, null, headers).json().has("errors")).isFalse();
        assertThat(http.graphql(joined, null, headers).json().has("errors")).isFalse();
        List<LoggedRequest> requests = handler.findAll(postRequestedFor(urlEqualTo("/author-stats")));
        assertThat(requests).hasSize(2);
        ObjectNode directBody = (ObjectNode) Json.parseBody(requests.get(0).getBodyAsString());
        ObjectNode joinedBody = (ObjectNode) Json.parseBody(requests.get(1).getBodyAsString());
        assertThat(directBody.remove("request_query").asText()).isEqualTo(direct);
        assertThat(joinedBody.remove("request_query").asText()).isEqualTo(joined);
        assertThat(joinedBody).isEqualTo(directBody);
        assertThat(joinedBody.at("/session_variables/x-hasura-user-id").asText()).isEqualTo("42");
        assertThat(headersOf(requests.get(1))).isEqualTo(headersOf(requests.get(0)))
                .containsEntry("x-client-trace", "abc").containsEntry("x-source", "joinery");
    }

    private static Map<String, String> headersOf(LoggedRequest request) {
        Map<String, String> out = new TreeMap<>();
        request.getHeaders().all().forEach(h -> out.put(h.key().toLowerCase(Locale.ROOT), String.join(",", h.values())));
        out.remove("content-length");
        return out;
    }

    @Test
    void relationshipFields_visibleOnlyWithPermissionOnTheTarget_nullableOuterType() {
        String introspect = "{ __type(name: \"UpdateAuthorOutput\") { fields { name type { kind name } } } }";
        assertThat(fieldNames(http.graphql(introspect, null, Map.of("X-Hasura-Role", "user"))))
                .containsExactly("author_id");
        assertThat(http.metadata("{\"type\": \"create_action_permission\", \"args\": "
                + "{\"action\": \"authorStats\", \"role\": \"user\"}}").status()).isEqualTo(200);
        try {
            TestHttp.Response user = http.graphql(introspect, null, Map.of("X-Hasura-Role", "user"));
            assertThat(fieldNames(user)).containsExactly("author_id", "stats");
            assertThat(user.json().at("/data/__type/fields/1/type")).isEqualTo(Json.parseBody(
                    "{\"kind\": \"OBJECT\", \"name\": \"AuthorStats\"}"));
        } finally {
            http.metadata("{\"type\": \"drop_action_permission\", \"args\": {\"action\": \"authorStats\", \"role\": \"user\"}}");
        }
        TestHttp.Response admin = graphql("{ __type(name: \"author\") { fields { name type { kind name } } } }");
        assertThat(admin.body()).contains("{\"name\":\"stats\",\"type\":{\"kind\":\"OBJECT\",\"name\":\"AuthorStats\"}}");
        TestHttp.Response hidden = http.graphql("mutation { updateAuthor(id: 1, name: \"x\") { stats { author_id } } }",
                null, Map.of("X-Hasura-Role", "user"));
        assertThat(hidden.body()).contains("field 'stats' not found in type: 'UpdateAuthorOutput'");
    }

    private static List<String> fieldNames(TestHttp.Response response) {
        List<String> names = new java.util.ArrayList<>();
        response.json().at("/data/__type/fields").forEach(f -> names.add(f.get("name").asText()));
        return names;
    }
}
