package io.joinery.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** One vocabulary for both services: Aeson's words, as Hasura reports argument problems. */
class ArgsReaderTest {
    static final ErrorPath AT = ErrorPath.args();

    static ArgsReader args(String json) {
        return ArgsReader.of(Json.parseBody(json.replace('\'', '"')), AT);
    }

    static void assertParseFailed(Executable read, String path, String message) {
        JoineryException e = catchThrowableOfType(JoineryException.class, read::execute);
        assertThat(e).as("expected parse-failed").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.PARSE_FAILED);
        assertThat(e.path()).hasToString(path);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    @Test
    void missingKey_isReportedAtTheObject_wrongType_atTheKey() {
        assertParseFailed(() -> args("{}").string("name"), "$.args", "key \"name\" not found");
        assertParseFailed(() -> args("{'name': 5}").string("name"), "$.args.name",
                "expected String, but encountered Number");
        assertParseFailed(() -> args("{'cascade': 'yes'}").bool("cascade", false), "$.args.cascade",
                "expected Boolean, but encountered String");
        assertParseFailed(() -> args("{'timeout': 1.5}").optionalInt("timeout"), "$.args.timeout",
                "expected Int, but encountered Number");
        assertParseFailed(() -> args("{'list': {}}").list("list", (v, at) -> v), "$.args.list",
                "expected Array, but encountered Object");
        assertParseFailed(() -> args("{'headers': {'a': 1}}").stringMap("headers"), "$.args.headers.a",
                "expected String, but encountered Number");
        assertParseFailed(() -> args("{'names': ['a', null]}").strings("names"), "$.args.names[1]",
                "expected String, but encountered Null");
        assertParseFailed(() -> ArgsReader.of(Json.array(), AT), "$.args", "expected an object, but encountered Array");
    }

    @Test
    void nullCountsAsAbsent() {
        ArgsReader args = args("{'comment': null, 'flag': null}");

        assertThat(args.has("comment")).isFalse();
        assertThat(args.optionalString("comment")).isEmpty();
        assertThat(args.bool("flag", true)).isTrue();
        assertThat(args.list("comment", (JsonNode v, ErrorPath at) -> v)).isEmpty();
    }

    @Test
    void listElements_areReadAtTheirOwnPaths() {
        assertParseFailed(() -> args("{'items': [{'name': 'a'}, {}]}").list("items",
                (v, at) -> ArgsReader.of(v, at).string("name")), "$.args.items[1]", "key \"name\" not found");
    }

    @Test
    void unknownAndUnsupportedKeys_areNamed() {
        assertParseFailed(() -> args("{'name': 'a', 'nme': 'b'}").rejectUnknownKeys(Set.of("name")), "$.args",
                "unexpected key \"nme\"");
        JoineryException e = catchThrowableOfType(JoineryException.class,
                () -> args("{'webhook': 'x'}").rejectUnsupported("webhook", "a webhook"));
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
        assertThat(e.getMessage()).isEqualTo("a webhook is not supported by Joinery");
    }
}
