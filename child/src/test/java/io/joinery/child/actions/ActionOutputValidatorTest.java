package io.joinery.child.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.child.metadata.CustomTypes;
import io.joinery.child.metadata.CustomTypesParser;
import io.joinery.child.metadata.GraphqlTypeRef;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.json.Json;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §3.5's message table: output type, handler body, expected message (empty = valid). */
class ActionOutputValidatorTest {
    static final CustomTypes TYPES = CustomTypesParser.parse(Json.parseBody("""
            {"scalars": [{"name": "Money"}],
             "enums": [{"name": "OrderStatus", "values": [{"value": "PAID"}]}],
             "objects": [{"name": "OrderResult", "fields": [{"name": "order_id", "type": "Int!"}, {"name": "author_id", "type": "Int"},
                                                          {"name": "line", "type": "Line!"}, {"name": "lines", "type": "[Line!]"}]},
                         {"name": "Line", "fields": [{"name": "sku", "type": "String!"}]}]}
            """), ErrorPath.args());
    private static final ActionOutputValidator VALIDATOR = new ActionOutputValidator(TYPES);

    @ParameterizedTest(name = "{0} <- {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            OrderResult!      | null                               | got null for the action webhook response
            OrderResult       | null                               |
            [OrderResult]!    | null                               | got null for the action webhook response
            [OrderResult]     | {"order_id": 1, "line": {}}        | expecting array for the action webhook response
            [Int]             | 5                                  | expecting array for the action webhook response
            OrderResult       | [{"order_id": 1}]                  | got array for the action webhook response, expecting OrderResult
            OrderResult       | "text"                             | got scalar String for the action webhook response, expecting OrderResult
            OrderResult       | 12                                 | got scalar String for the action webhook response, expecting OrderResult
            OrderResult       | true                               | got scalar Boolean for the action webhook response, expecting OrderResult
            OrderResult       | {"author_id": 7, "line": {}}       | field "order_id" expected in webhook response, but not found
            OrderResult       | {"order_id": null, "line": {}}     | expecting not null value for field "order_id"
            OrderResult       | {"order_id": 1, "line": null}      | expecting not null value for field "line"
            OrderResult       | {"order_id": 1, "line": {}, "extra": 1} |
            OrderResult       | {"order_id": 1, "line": {"sku": null}} |
            [OrderResult!]!   | [{"order_id": 1, "line": {}}, {"line": {}}] | field "order_id" expected in webhook response, but not found
            [OrderResult!]!   | [{"order_id": 1, "line": {}}, null] | got null for the action webhook response
            [OrderResult]!    | [{"order_id": 1, "line": {}}, null] |
            [[Int!]]          | [[1, 2], null, [3]]                |
            [[Int!]]          | [[1, "2"]]                         | got scalar String for the action webhook response, expecting Int
            Int               | 1.5                                |
            Int               | "1"                                | got scalar String for the action webhook response, expecting Int
            Float             | 2                                  |
            Boolean           | false                              |
            Boolean           | 0                                  | got scalar String for the action webhook response, expecting Boolean
            String            | 3                                  | got scalar String for the action webhook response, expecting String
            String            | true                               | got scalar Boolean for the action webhook response, expecting String
            ID                | "x1"                               |
            String            | {"a": 1}                           | got object for the action webhook response, expecting String
            Int!              | [1]                                | got array for the action webhook response, expecting Int
            Money!            | null                               |
            Money             | {"any": ["thing"]}                 |
            jsonb             | [1, "two", {"three": 3}]           |
            uuid!             | 17                                 |
            OrderStatus       | "NOT_A_VALUE"                      |
            [Money]           | [1, {"a": 2}, null]                |
            [Money]           | {"a": 2}                           | expecting array for the action webhook response
            [Money!]!         | null                               | got null for the action webhook response
            """)
    void message(String type, String body, String expected) {
        Optional<String> problem = VALIDATOR.problem(Json.parseBody(body), GraphqlTypeRef.parse(type));
        if (expected == null) {
            assertThat(problem).isEmpty();
        } else {
            assertThat(problem).contains(expected);
        }
    }
}
