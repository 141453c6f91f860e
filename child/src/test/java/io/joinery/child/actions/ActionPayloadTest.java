package io.joinery.child.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionPayloadTest {

    @Test
    void body_hasSpecKeysInOrder_onlySuppliedArguments_explicitNullKept() {
        Map<String, Object> supplied = new LinkedHashMap<>();
        supplied.put("author_id", 7);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("sku", "A-1");
        line.put("qty", 2);
        line.put("note", null);
        supplied.put("lines", List.of(line));
        supplied.put("note", null);
        supplied.put("price", new BigDecimal("1.50"));
        supplied.put("tags", Arrays.asList("a", null));
        Map<String, String> session = new LinkedHashMap<>();
        session.put("x-hasura-role", "user");
        session.put("x-hasura-user-id", "42");
        ActionPayload payload = new ActionPayload("place_order", ActionPayload.inputOf(supplied),
                new SessionVariables(session), "mutation { place_order(author_id: 7) { order_id } }");

        assertThat(Json.write(payload.toJson())).isEqualTo("{\"action\":{\"name\":\"place_order\"},"
                + "\"input\":{\"author_id\":7,\"lines\":[{\"sku\":\"A-1\",\"qty\":2,\"note\":null}],\"note\":null,"
                + "\"price\":1.5,\"tags\":[\"a\",null]},"
                + "\"session_variables\":{\"x-hasura-role\":\"user\",\"x-hasura-user-id\":\"42\"},"
                + "\"request_query\":\"mutation { place_order(author_id: 7) { order_id } }\"}");
    }

    @Test
    void asyncCall_sendsNullRequestQuery_andEmptyInput() {
        ActionPayload payload = new ActionPayload("a", ActionPayload.inputOf(Map.of()), SessionVariables.admin(), null);
        assertThat(Json.write(payload.toJson())).isEqualTo("{\"action\":{\"name\":\"a\"},\"input\":{},"
                + "\"session_variables\":{\"x-hasura-role\":\"admin\"},\"request_query\":null}");
    }

    @Test
    void inputIsCopied_soTheRecordStaysImmutable() {
        var input = Json.object().put("a", 1);
        ActionPayload payload = new ActionPayload("a", input, SessionVariables.admin(), null);
        input.put("b", 2);
        payload.toJson().with("input").put("c", 3);
        assertThat(payload.input().toString()).isEqualTo("{\"a\":1}");
    }
}
