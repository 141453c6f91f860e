package io.joinery.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The body of `POST /v1/graphql/explain` (SPEC §13): Hasura's shape, admins only, the role of `user`. */
class ExplainRequestTest {

    private static ExplainRequest parse(String body) {
        return ExplainRequest.parse(Json.parseBody(body), SessionVariables.admin());
    }

    @Test
    void queryVariablesAndOperationName_areRead_andUserGivesTheSession() {
        ExplainRequest request = parse("{\"query\": {\"query\": \"query Q($id: Int) { a(id: $id) { id } }\","
                + " \"variables\": {\"id\": 1}, \"operationName\": \"Q\"},"
                + " \"user\": {\"X-Hasura-Role\": \"user\", \"x-hasura-user-id\": \"7\", \"other\": \"ignored\"}}");

        assertThat(request.query().query()).isEqualTo("query Q($id: Int) { a(id: $id) { id } }");
        assertThat(request.query().variables().get("id").asInt()).isEqualTo(1);
        assertThat(request.query().operationName()).isEqualTo("Q");
        assertThat(request.user().values()).containsExactly(Map.entry("x-hasura-role", "user"),
                Map.entry("x-hasura-user-id", "7"));
    }

    @Test
    void withoutUser_orWithoutARoleInIt_theOperationIsExplainedAsAdmin() {
        assertThat(parse("{\"query\": {\"query\": \"{ a }\"}}").user().role()).isEqualTo("admin");
        assertThat(parse("{\"query\": {\"query\": \"{ a }\"}, \"user\": {\"x-hasura-user-id\": \"7\"}}").user().values())
                .containsExactly(Map.entry("x-hasura-role", "admin"), Map.entry("x-hasura-user-id", "7"));
    }

    @Test
    void aCallerWhoIsNotAdmin_isRefusedAsHasuraDoes() {
        assertThatThrownBy(() -> ExplainRequest.parse(Json.parseBody("{\"query\": {\"query\": \"{ a }\"}}"),
                SessionVariables.ofRole("user")))
                .isInstanceOfSatisfying(JoineryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
                    assertThat(e.httpStatus()).isEqualTo(400);
                })
                .hasMessage("You have to be an admin to access this endpoint");
    }

    @Test
    void malformedBodies_areParseFailed() {
        assertThatThrownBy(() -> parse("{\"user\": {}}")).hasMessage("Error in $: key \"query\" not found");
        assertThatThrownBy(() -> parse("{\"query\": \"{ a }\"}"))
                .hasMessage("Error in $.query: expected an object with a \"query\" key, but found a string");
        assertThatThrownBy(() -> parse("{\"query\": {\"query\": \"{ a }\"}, \"user\": {\"x-hasura-user-id\": 7}}"))
                .hasMessage("Error in $.user['x-hasura-user-id']: expected a string, but found a number");
        assertThatThrownBy(() -> parse("[]")).isInstanceOfSatisfying(JoineryException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PARSE_FAILED));
    }
}
