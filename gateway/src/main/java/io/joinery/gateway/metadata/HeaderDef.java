package io.joinery.gateway.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import io.joinery.core.metadata.ArgsReader;
import java.util.Set;

/** A configured header as declared: a literal `value` or a `value_from_env` variable name. */
public record HeaderDef(String name, String value, String valueFromEnv) {

    public HeaderDef {
        if ((value == null) == (valueFromEnv == null)) {
            throw new IllegalArgumentException("exactly one of value and valueFromEnv");
        }
    }

    static HeaderDef parse(JsonNode node, ErrorPath path) {
        ArgsReader args = ArgsReader.of(node, path);
        args.rejectUnknownKeys(Set.of("name", "value", "value_from_env"));
        String name = args.string("name");
        String value = args.optionalString("value").orElse(null);
        String fromEnv = args.optionalString("value_from_env").orElse(null);
        if ((value == null) == (fromEnv == null)) {
            throw new JoineryException(ErrorCode.PARSE_FAILED,
                    "expecting exactly one of \"value\" and \"value_from_env\"", path);
        }
        return new HeaderDef(name, value, fromEnv);
    }

    ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("name", name);
        if (value != null) {
            out.put("value", value);
        } else {
            out.put("value_from_env", valueFromEnv);
        }
        return out;
    }
}
