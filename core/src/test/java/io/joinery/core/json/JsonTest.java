package io.joinery.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.JoineryException;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void metadataFile_mayBeJsonOrYaml_withTheSameMeaning() {
        JsonNode fromJson = Json.parseJsonOrYaml("{\"version\": 3, \"sources\": [{\"name\": \"default\", \"tables\": []}]}");
        JsonNode fromYaml = Json.parseJsonOrYaml("""
                version: 3
                sources:
                  - name: default
                    tables: []
                """);
        assertThat(fromYaml).isEqualTo(fromJson);
    }

    @Test
    void metadataFile_thatIsNeither_namesTheProblem() {
        assertThatThrownBy(() -> Json.parseJsonOrYaml("{ this: is: [not"))
                .isInstanceOfSatisfying(JoineryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON);
                    assertThat(e.getMessage()).startsWith("metadata file is neither JSON nor YAML");
                });
    }

    @Test
    void requestBody_notJson_isInvalidJsonAtRoot() {
        assertThatThrownBy(() -> Json.parseBody("{\"a\": 1} trailing"))
                .isInstanceOfSatisfying(JoineryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON);
                    assertThat(e.path().toString()).isEqualTo("$");
                });
        assertThatThrownBy(() -> Json.parseBody("")).isInstanceOf(JoineryException.class);
    }

    @Test
    void writtenAsBytes_isTheUtf8OfTheText() {
        JsonNode value = Json.object().put("s", "Zoë 日本 🎉 \u2028 \u0000 \"quoted\" \\").put("n", 1.5)
                .set("a", Json.array().add("𝄞").addNull());
        assertThat(Json.writeBytes(value)).isEqualTo(Json.write(value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void numbers_keepTheirPrecision() {
        assertThat(Json.parseBody("{\"n\": 12345678901234567890.123456789}").get("n").decimalValue().toPlainString())
                .isEqualTo("12345678901234567890.123456789");
    }
}
