package io.joinery.gateway.execute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.joinery.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys read expecting the previous object's: the same keys as reading token by token, whatever the rows. */
class KeysTest {
    private static List<String> keys(String json, boolean expecting) throws IOException {
        List<String> read = new ArrayList<>();
        Keys keys = new Keys();
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(json.getBytes(StandardCharsets.UTF_8))) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                List<String> row = new ArrayList<>();
                int place = 0;
                while (expecting ? keys.next(parser, 1, place++) : parser.nextToken() == JsonToken.FIELD_NAME) {
                    row.add(parser.currentName());
                    parser.nextToken();
                    parser.skipChildren();
                }
                assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
                read.add(String.join(",", row));
            }
        }
        return read;
    }

    @Test
    void rowsOfAnyShape_readTheirOwnKeys() throws IOException {
        String json = "[{\"id\":1,\"customerId_join_column\":2,\"n\":{\"id\":0}},{\"id\":1,\"customerId_join_column\":2,"
                + "\"n\":[]},{\"customerId_join_column\":2,\"id\":1},{},{\"id\":1,\"id\":2,\"x\":null},"
                + "{\"i\\u0064\":1,\"customerId_join_colum\":2},{\"id\" : 1 , \"customerId_join_column\":3},"
                + "{\"id\":1,\"customerId_join_column\":2,\"n\":1,\"a\":1,\"b\":1,\"c\":1,\"d\":1,\"e\":1,\"f\":1,"
                + "\"g\":1,\"h\":1,\"i\":1,\"j\":1,\"k\":1,\"l\":1,\"m\":1,\"o\":1,\"p\":1}]";

        assertThat(keys(json, true)).isEqualTo(keys(json, false)).contains("id,customerId_join_column,n",
                "customerId_join_column,id", "", "id,id,x", "id,customerId_join_colum");
    }

    @Test
    void anExpectedKey_isTheSameInstanceAsBefore() throws IOException {
        Keys keys = new Keys();
        List<String> names = new ArrayList<>();
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(
                "[{\"customerId_join_column\":1},{\"customerId_join_column\":2}]".getBytes(StandardCharsets.UTF_8))) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                assertThat(keys.next(parser, 0, 0)).isTrue();
                names.add(parser.currentName());
                parser.nextToken();
                assertThat(keys.next(parser, 0, 1)).isFalse();
            }
        }
        assertThat(names).hasSize(2);
        assertThat(names.get(1)).isSameAs(names.get(0));
    }
}
