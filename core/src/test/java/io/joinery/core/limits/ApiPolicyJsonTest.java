package io.joinery.core.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hasura's `api_limits` and `graphql_schema_introspection` shapes, read and written (SPEC §10.3, §11.1). */
class ApiPolicyJsonTest {

    private static ApiLimits limits(String json) {
        return ApiPolicyJson.limits(Json.parseBody(json), ErrorPath.root().key("args"));
    }

    @Test
    void hasurasExample_readsAndWritesBackTheSame() {
        String json = """
                {"disabled": false,
                 "depth_limit": {"global": 5, "per_role": {"myrole": 3}},
                 "node_limit": {"global": 5, "per_role": {"myrole": 3}},
                 "time_limit": {"global": 5, "per_role": {"myrole": 3}},
                 "batch_limit": {"global": 5, "per_role": {"myrole": 3}},
                 "rate_limit": {"global": {"max_reqs_per_min": 100, "unique_params": "IP"},
                                "per_role": {"myrole": {"max_reqs_per_min": 10,
                                                        "unique_params": ["x-hasura-id", "x-hasura-team-id"]}}}}""";
        ApiLimits read = limits(json);
        assertThat(read.depthLimit().orElseThrow().forRole("myrole")).isEqualTo(3);
        assertThat(read.depthLimit().orElseThrow().forRole("other")).isEqualTo(5);
        assertThat(read.timeLimit().orElseThrow().global()).isEqualByComparingTo(BigDecimal.valueOf(5));
        assertThat(read.rateLimit().orElseThrow().forRole("myrole"))
                .isEqualTo(new RateLimit(10, Optional.of(new RateLimit.UniqueParams(false,
                        List.of("x-hasura-id", "x-hasura-team-id")))));
        assertThat(ApiPolicyJson.toJson(read)).isEqualTo(Json.parseBody(json));
    }

    @Test
    void missingParts_defaultAsHasura() {
        ApiLimits read = limits("{\"depth_limit\": {\"global\": 1}, \"rate_limit\": {\"global\": {\"max_reqs_per_min\": 1}}}");
        assertThat(read.disabled()).isFalse();
        assertThat(read.depthLimit().orElseThrow().perRole()).isEmpty();
        assertThat(read.rateLimit().orElseThrow().global().uniqueParams()).isEmpty();
        assertThat(read.nodeLimit()).isEmpty();
        assertThat(ApiPolicyJson.toJson(read)).isEqualTo(Json.parseBody("""
                {"disabled": false, "depth_limit": {"global": 1, "per_role": {}},
                 "rate_limit": {"global": {"max_reqs_per_min": 1}, "per_role": {}}}"""));
    }

    @Test
    void badValues_areParseFailures_atTheirPath() {
        assertRefused("{\"depth_limit\": {\"per_role\": {}}}", "$.args.depth_limit", "key \"global\" not found");
        assertRefused("{\"node_limit\": {\"global\": \"5\"}}", "$.args.node_limit.global",
                "expected Int, but encountered String");
        assertRefused("{\"batch_limit\": {\"global\": 1, \"per_role\": {\"user\": -2}}}",
                "$.args.batch_limit.per_role.user", "expected a non-negative number, but encountered -2");
        assertRefused("{\"time_limit\": {\"global\": 0}}", "$.args.time_limit.global",
                "expected a number of seconds above 0 and at most a year, but encountered 0");
        assertRefused("{\"rate_limit\": {\"global\": {\"max_reqs_per_min\": 1, \"unique_params\": \"port\"}}}",
                "$.args.rate_limit.global.unique_params",
                "Not a valid value. Should be either: 'IP' or a list of Hasura session variables");
        assertRefused("{\"depth\": 3}", "$.args", "unexpected key \"depth\"");
    }

    @Test
    void metadataKeys_writtenOnlyWhenNotEmpty() {
        ObjectNode metadata = Json.object();
        ApiPolicyJson.write(ApiPolicy.NONE, metadata);
        assertThat(metadata.isEmpty()).isTrue();
        JsonNode both = Json.parseBody("""
                {"api_limits": {"disabled": true, "node_limit": {"global": 3, "per_role": {}}},
                 "graphql_schema_introspection": {"disabled_for_roles": ["guest"]}}""");
        ApiPolicy policy = ApiPolicyJson.read(both, ErrorPath.root());
        assertThat(policy.introspection().disabledForRoles()).containsExactly("guest");
        ApiPolicyJson.write(policy, metadata);
        assertThat(metadata).isEqualTo(both);
    }

    private static void assertRefused(String json, String path, String message) {
        assertThatThrownBy(() -> limits(json)).isInstanceOfSatisfying(JoineryException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PARSE_FAILED);
            assertThat(e.path().toString()).isEqualTo(path);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
