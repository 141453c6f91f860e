package io.joinery.core.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariablesTest {
    @Test
    void jsonValues_becomeGraphqlJavaRawValues() {
        ObjectNode json = (ObjectNode) Json.parseBody("{\"i\": 1, \"l\": 5000000000, \"b\": 123456789012345678901234567890,"
                + " \"d\": 0.1000000000000000055511151231257827, \"s\": \"x\", \"t\": true, \"n\": null,"
                + " \"a\": [1, null, {\"k\": \"v\"}], \"o\": {\"z\": 1, \"a\": 2}}");
        Map<String, Object> variables = Variables.fromJson(json);
        assertThat(variables.get("i")).isEqualTo(1);
        assertThat(variables.get("l")).isEqualTo(5000000000L);
        assertThat(variables.get("b")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(variables.get("d")).isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
        assertThat(variables.get("s")).isEqualTo("x");
        assertThat(variables.get("t")).isEqualTo(true);
        assertThat(variables).containsKey("n");
        assertThat(variables.get("n")).isNull();
        assertThat(variables.get("a")).isEqualTo(Arrays.asList(1, null, Map.of("k", "v")));
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) variables.get("o");
        assertThat(List.copyOf(object.keySet())).containsExactly("z", "a");
    }

    @Test
    void nullVariables_areEmpty() {
        assertThat(Variables.fromJson(null)).isEmpty();
    }
}
