package io.joinery.gateway.join;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.gateway.testing.GatewayFixture;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.JoinRemotes;
import io.joinery.gateway.testing.TestUpstream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Join chunking (SPEC §11.2): a join level with more distinct keys than `JOINERY_JOIN_MAX_KEYS`
 * (default 1,000) is sent as `ceil(keys / max)` requests, each answer landing at its own client
 * paths; duplicate keys are not counted; nested joins are chunked level by level.
 *
 * <p>Order n (shop) joins person n (people); person n's friend is person n + 1; a person whose id
 * ends in 7 (7, 1007, 2007, ...) is locked: an upstream error with the path of its alias.
 */
class JoinChunkingIntegrationTest {
    private static final String PEOPLE_SDL = """
            type Query { person(id: Int!): Person }
            type Person { id: Int!  name: String!  friendId: Int }
            """;

    private static TestUpstream people() {
        return TestUpstream.builder("people", PEOPLE_SDL)
                .field("Query", "person", env -> {
                    int id = env.<Integer>getArgument("id");
                    if (id % 10 == 7) {
                        throw new IllegalStateException("person " + id + " is locked");
                    }
                    Map<String, Object> person = new LinkedHashMap<>();
                    person.put("id", id);
                    person.put("name", "P" + id);
                    person.put("friendId", id + 1);
                    return person;
                })
                .start();
    }

    private static GatewayFixture.Builder shopAndPeople() {
        return GatewayFixture.builder()
                .remote("shop", JoinRemotes::shop, null)
                .remote("people", JoinChunkingIntegrationTest::people, null)
                .then(gateway -> {
                    gateway.metadataOk(JoinRemotes.relationship("shop", "Order", "person", "people", "[\"id\"]",
                            "{\"person\":{\"arguments\":{\"id\":\"$id\"}}}"));
                    gateway.metadataOk(JoinRemotes.relationship("people", "Person", "friend", "people",
                            "[\"friendId\"]", "{\"person\":{\"arguments\":{\"id\":\"$friendId\"}}}"));
                });
    }

    /** The number of aliased root fields of each request, in order. */
    private static List<Integer> aliasesPerRequest(TestUpstream upstream) {
        List<Integer> out = new ArrayList<>();
        for (TestUpstream.Recorded request : upstream.requests()) {
            Matcher matcher = Pattern.compile("\\bf\\d+: person\\(").matcher(request.query());
            int n = 0;
            while (matcher.find()) {
                n++;
            }
            out.add(n);
        }
        return out;
    }

    private static List<String> errorPaths(JsonNode response) {
        List<String> out = new ArrayList<>();
        response.path("errors").forEach(error -> out.add(error.get("path").toString()));
        return out;
    }

    @Test
    void join2500DistinctKeys_atTheDefaultMax1000_costsThreeRequests_answersInPlace() {
        try (GatewayFixture fixture = shopAndPeople().start()) {
            GatewayHarness gateway = fixture.gateway();
            TestUpstream people = fixture.upstream("people");

            JsonNode response = gateway.graphql("{ orders(count: 2500) { id person { id name } } }");

            assertThat(people.requests()).hasSize(3);
            // the chunks are sent concurrently: they may arrive in any order
            assertThat(aliasesPerRequest(people)).containsExactlyInAnyOrder(1000, 1000, 500);
            JsonNode orders = response.at("/data/orders");
            assertThat(orders).hasSize(2500);
            for (int i = 0; i < 2500; i++) {
                int id = i + 1;
                JsonNode person = orders.get(i).get("person");
                if (id % 10 == 7) {
                    assertThat(person.isNull()).as("order %d", id).isTrue();
                } else {
                    assertThat(person.toString()).as("order %d", id)
                            .isEqualTo("{\"id\":" + id + ",\"name\":\"P" + id + "\"}");
                }
            }
            // an upstream error of each chunk lands at its own client path
            assertThat(errorPaths(response)).hasSize(250)
                    .contains("[\"orders\",6,\"person\"]", "[\"orders\",1006,\"person\"]", "[\"orders\",2496,\"person\"]");
            assertThat(response.at("/errors/100/message").asText())
                    .isEqualTo("Exception while fetching data (/f1006) : person 1007 is locked");
            assertThat(response.at("/errors/100/path").toString()).isEqualTo("[\"orders\",1006,\"person\"]");

            people.clearRequests();
            assertThat(gateway.graphql("{ order(id: 2) { person { name } } }").toString())
                    .isEqualTo("{\"data\":{\"order\":{\"person\":{\"name\":\"P2\"}}}}");
            assertThat(people.requests()).hasSize(1);
        }
    }

    @Test
    void duplicateKeys_areNotCounted_exactlyMaxKeys_isOneRequest() {
        try (GatewayFixture fixture = shopAndPeople().start()) {
            GatewayHarness gateway = fixture.gateway();
            TestUpstream people = fixture.upstream("people");

            // 2,500 + 1,200 rows, 2,500 distinct keys
            JsonNode response = gateway.graphql(
                    "{ a: orders(count: 2500) { person { id } } b: orders(count: 1200) { person { id } } }");

            assertThat(aliasesPerRequest(people)).containsExactlyInAnyOrder(1000, 1000, 500);
            assertThat(response.at("/data/b/1199/person/id").asInt()).isEqualTo(1200);
            assertThat(response.at("/data/a/2499/person/id").asInt()).isEqualTo(2500);
            assertThat(errorPaths(response)).contains("[\"a\",6,\"person\"]", "[\"a\",1196,\"person\"]",
                    "[\"b\",1196,\"person\"]");

            people.clearRequests();
            gateway.graphql("{ orders(count: 1000) { person { id } } }");
            assertThat(aliasesPerRequest(people)).containsExactly(1000);
        }
    }

    @Test
    void nestedJoins_areChunkedPerLevel() {
        try (GatewayFixture fixture = shopAndPeople().env("JOINERY_JOIN_MAX_KEYS", "2").start()) {
            GatewayHarness gateway = fixture.gateway();
            TestUpstream people = fixture.upstream("people");

            JsonNode response = gateway.graphql("{ orders(count: 7) { id person { name friend { id } } } }", null,
                    Map.of("x-hasura-role", "user"));

            // level 1: persons 1-7 (7 keys, 4 requests); level 2: friends 2-7 of persons 1-6 (6 keys, 3 requests)
            List<Integer> aliases = aliasesPerRequest(people);
            assertThat(aliases).hasSize(7);
            assertThat(aliases.subList(0, 4)).containsExactlyInAnyOrder(2, 2, 2, 1);
            assertThat(aliases.subList(4, 7)).containsExactly(2, 2, 2);
            assertThat(response.toString()).isEqualTo("{\"data\":{\"orders\":["
                    + "{\"id\":1,\"person\":{\"name\":\"P1\",\"friend\":{\"id\":2}}},"
                    + "{\"id\":2,\"person\":{\"name\":\"P2\",\"friend\":{\"id\":3}}},"
                    + "{\"id\":3,\"person\":{\"name\":\"P3\",\"friend\":{\"id\":4}}},"
                    + "{\"id\":4,\"person\":{\"name\":\"P4\",\"friend\":{\"id\":5}}},"
                    + "{\"id\":5,\"person\":{\"name\":\"P5\",\"friend\":{\"id\":6}}},"
                    + "{\"id\":6,\"person\":{\"name\":\"P6\",\"friend\":null}},"
                    + "{\"id\":7,\"person\":null}]},"
                    + "\"errors\":[{\"message\":\"Exception while fetching data (/f6) : person 7 is locked\","
                    + "\"path\":[\"orders\",6,\"person\"],\"extensions\":{\"code\":\"remote-schema-error\"}},"
                    + "{\"message\":\"Exception while fetching data (/f5) : person 7 is locked\","
                    + "\"path\":[\"orders\",5,\"person\",\"friend\"],\"extensions\":{\"code\":\"remote-schema-error\"}}]}");
        }
    }
}
