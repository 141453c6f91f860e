package io.joinery.gateway.join;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import io.joinery.gateway.testing.GatewayFixture;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.JoinRemotes;
import io.joinery.gateway.testing.TestUpstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Join values come from upstream answers, so they are untrusted text: written into a join
 * request, none may add syntax to it (SPEC §11.2). A string bound for an enum position must be a
 * member of the target's enum, an object's keys fields of the target's input type; otherwise that
 * tuple's join fails with a field error at its client paths and nothing is sent for it. Strings in
 * string positions reach the target unchanged. Each case is followed by a normal query.
 */
class JoinInjectionIntegrationTest {
    private static final String LHS_SDL = """
            type Query { rows(set: String!): [Row!]! }
            type Row { id: Int!  status: String  address: Address }
            type Address { city: String  zip: String }
            """;
    private static final String TARGET_SDL = """
            type Query {
              byStatus(status: Status!): Tag
              byName(name: String!): Tag
              byAddress(address: AddressInput!): Tag
              deleteAll(x: Int): Int
            }
            enum Status { OPEN PAID }
            input AddressInput { city: String  zip: String }
            type Tag { label: String! }
            """;
    /** Closes the enum argument and the field, then adds a root field that is valid where it lands. */
    private static final String ESCAPE = "OPEN) { label } evil: deleteAll(x: 1) f99: byStatus(status: OPEN";
    /** The example. */
    private static final String BRIEF = "A) __typename evil: deleteAll(x: 1";
    private static final String TRICKY = "say \"hi\" \\ ) { label } evil: deleteAll(x: 1) #\nnext\tline \u0001 é 😀";
    private static final Map<String, String> USER = Map.of("x-hasura-role", "user");

    private final AtomicInteger deletes = new AtomicInteger();

    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.builder()
            .remote("lhs", JoinInjectionIntegrationTest::lhs, null)
            .remote("target", this::target, null)
            .then(gateway -> {
                gateway.metadataOk(JoinRemotes.relationship("lhs", "Row", "tag", "target", "[\"status\"]",
                        "{\"byStatus\":{\"arguments\":{\"status\":\"$status\"}}}"));
                gateway.metadataOk(JoinRemotes.relationship("lhs", "Row", "named", "target", "[\"status\"]",
                        "{\"byName\":{\"arguments\":{\"name\":\"$status\"}}}"));
                gateway.metadataOk(JoinRemotes.relationship("lhs", "Row", "place", "target", "[\"address\"]",
                        "{\"byAddress\":{\"arguments\":{\"address\":\"$address\"}}}"));
            })
            .start();
    private final GatewayHarness gateway = fixture.gateway();
    private final TestUpstream lhs = fixture.upstream("lhs");
    private final TestUpstream target = fixture.upstream("target");

    private static Map<String, Object> row(int id, String status) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("status", status);
        return row;
    }

    private static TestUpstream lhs() {
        return TestUpstream.builder("lhs", LHS_SDL)
                .field("Query", "rows", env -> switch (env.<String>getArgument("set")) {
                    case "mixed" -> List.of(row(1, "OPEN"), row(2, BRIEF), row(3, "PAID"), row(4, "CLOSED"),
                            row(5, ESCAPE), row(6, "OPEN"), row(7, BRIEF));
                    case "hostile" -> List.of(row(1, ESCAPE), row(2, "OPEN PAID"), row(3, "open"));
                    case "tricky" -> List.of(row(1, TRICKY), row(2, BRIEF));
                    default -> List.of(row(1, "OPEN"), row(2, "PAID"));
                })
                .start();
    }

    private TestUpstream target() {
        return TestUpstream.builder("target", TARGET_SDL)
                .field("Query", "byStatus", env -> Map.of("label", "status " + env.getArgument("status")))
                .field("Query", "byName", env -> Map.of("label", env.getArgument("name")))
                .field("Query", "byAddress", env -> {
                    Map<String, Object> address = env.getArgument("address");
                    return Map.of("label", address.get("city") + "/" + address.get("zip"));
                })
                .field("Query", "deleteAll", env -> deletes.incrementAndGet())
                .start();
    }

    /** Every root field of every request the target received, as `alias:name`. */
    private List<String> rootFieldsSentToTarget() {
        List<String> out = new ArrayList<>();
        for (TestUpstream.Recorded request : target.requests()) {
            Document document = Parser.parse(request.query());
            OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).get(0);
            operation.getSelectionSet().getSelectionsOfType(Field.class)
                    .forEach(field -> out.add(field.getAlias() + ":" + field.getName()));
            assertThat(document.getDefinitions()).as(request.query()).hasSize(1);
        }
        return out;
    }

    private void servesANormalQuery() {
        target.clearRequests();
        assertThat(gateway.graphql("{ rows(set: \"normal\") { id tag { label } } }", null, USER).toString())
                .isEqualTo("{\"data\":{\"rows\":[{\"id\":1,\"tag\":{\"label\":\"status OPEN\"}},"
                        + "{\"id\":2,\"tag\":{\"label\":\"status PAID\"}}]}}");
        assertThat(rootFieldsSentToTarget()).containsExactly("f0:byStatus", "f1:byStatus");
    }

    @Test
    void stringsThatAreNotMembersOfTheEnum_areNotSent_andFailOnlyTheirOwnJoins() {
        JsonNode response = gateway.graphql("{ rows(set: \"mixed\") { id tag { label } } }", null, USER);

        assertThat(response.toString()).isEqualTo("{\"data\":{\"rows\":["
                + "{\"id\":1,\"tag\":{\"label\":\"status OPEN\"}},{\"id\":2,\"tag\":null},"
                + "{\"id\":3,\"tag\":{\"label\":\"status PAID\"}},{\"id\":4,\"tag\":null},{\"id\":5,\"tag\":null},"
                + "{\"id\":6,\"tag\":{\"label\":\"status OPEN\"}},{\"id\":7,\"tag\":null}]},\"errors\":["
                + error(1) + "," + error(6) + "," + error(3) + "," + error(4) + "]}");
        assertThat(rootFieldsSentToTarget()).containsExactly("f0:byStatus", "f2:byStatus");
        assertThat(target.requests().get(0).query()).doesNotContain("evil").doesNotContain("CLOSED");
        assertThat(deletes.get()).isZero();
        servesANormalQuery();
    }

    private static String error(int index) {
        return "{\"message\":\"the value of lhs field \\\"status\\\" cannot be sent to remote schema \\\"target\\\": "
                + "it is not a value of enum \\\"Status\\\"\",\"path\":[\"rows\"," + index + ",\"tag\"],"
                + "\"extensions\":{\"code\":\"remote-schema-error\"}}";
    }

    @Test
    void everyValueRefused_noRequestAtAll_andAdminsSeeTheValue() {
        JsonNode response = gateway.graphql("{ rows(set: \"hostile\") { tag { label } } }");

        assertThat(response.get("data").toString())
                .isEqualTo("{\"rows\":[{\"tag\":null},{\"tag\":null},{\"tag\":null}]}");
        assertThat(response.get("errors")).hasSize(3);
        assertThat(response.at("/errors/0/extensions/internal").toString())
                .isEqualTo("{\"lhs_field\":\"status\",\"value\":\"" + ESCAPE + "\"}");
        assertThat(target.requests()).isEmpty();
        assertThat(deletes.get()).isZero();
        servesANormalQuery();
    }

    @Test
    void stringPositions_getEscapedStrings_theTargetSeesTheExactText() {
        JsonNode response = gateway.graphql("{ rows(set: \"tricky\") { named { label } } }", null, USER);

        assertThat(response.has("errors")).as(response.toString()).isFalse();
        assertThat(response.at("/data/rows/0/named/label").asText()).isEqualTo(TRICKY);
        assertThat(response.at("/data/rows/1/named/label").asText()).isEqualTo(BRIEF);
        assertThat(rootFieldsSentToTarget()).containsExactly("f0:byName", "f1:byName");
        assertThat(deletes.get()).isZero();
        servesANormalQuery();
    }

    @Test
    void objectKeysThatAreNotFieldsOfTheInputType_areNotSent() {
        lhs.answerWith(new TestUpstream.Canned(200, """
                {"data": {"rows": [
                  {"id": 1, "place_join_field": "Row", "address_join_column": {"city": "Oslo", "zip": "0150"}},
                  {"id": 2, "place_join_field": "Row", "address_join_column":
                    {"city": "x", "zip: \\"1\\"}) { label } evil: deleteAll(x: 1) f9: byAddress(address: {city": "y"}},
                  {"id": 3, "place_join_field": "Row", "address_join_column": {"city": "Bergen", "country": "NO"}}]}}
                """, Duration.ZERO));

        JsonNode response = gateway.graphql("{ rows(set: \"any\") { id place { label } } }", null, USER);

        assertThat(lhs.requests().get(0).query())
                .contains("place_join_field: __typename address_join_column: address { city zip }");
        assertThat(response.get("data").toString()).isEqualTo("{\"rows\":[{\"id\":1,\"place\":{\"label\":\"Oslo/0150\"}},"
                + "{\"id\":2,\"place\":null},{\"id\":3,\"place\":null}]}");
        assertThat(response.at("/errors/0/message").asText()).isEqualTo("the value of lhs field \"address\" cannot be sent"
                + " to remote schema \"target\": it has a key that is not a field of input type \"AddressInput\"");
        assertThat(response.at("/errors/1/path").toString()).isEqualTo("[\"rows\",2,\"place\"]");
        assertThat(rootFieldsSentToTarget()).containsExactly("f0:byAddress");
        assertThat(deletes.get()).isZero();
        lhs.behaveNormally();
        servesANormalQuery();
    }
}
