package io.joinery.core.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;

/**
 * One metadata API call: `{type, args, version?, resource_version?}` (SPEC §1.1). The args stay
 * JSON here; each service parses them into its own typed command.
 */
public record MetadataEnvelope(String type, JsonNode args, Integer version, Long resourceVersion) {

    public static MetadataEnvelope parse(JsonNode body, ErrorPath at) {
        if (!body.isObject()) {
            throw new JoineryException(ErrorCode.PARSE_FAILED,
                    "expected an object with keys \"type\" and \"args\"", at);
        }
        JsonNode type = body.get("type");
        if (type == null || !type.isTextual()) {
            throw new JoineryException(ErrorCode.PARSE_FAILED,
                    type == null ? "key \"type\" not found" : "\"type\" must be a string", at);
        }
        JsonNode args = body.get("args");
        if (args == null) {
            throw new JoineryException(ErrorCode.PARSE_FAILED, "key \"args\" not found", at);
        }
        JsonNode version = body.get("version");
        if (version != null && !version.isNull() && !version.canConvertToInt()) {
            throw new JoineryException(ErrorCode.PARSE_FAILED, "\"version\" must be an integer", at.key("version"));
        }
        JsonNode resourceVersion = body.get("resource_version");
        if (resourceVersion != null && !resourceVersion.isNull() && !resourceVersion.canConvertToLong()) {
            throw new JoineryException(ErrorCode.PARSE_FAILED, "\"resource_version\" must be an integer",
                    at.key("resource_version"));
        }
        return new MetadataEnvelope(type.asText(), args,
                version == null || version.isNull() ? null : version.asInt(),
                resourceVersion == null || resourceVersion.isNull() ? null : resourceVersion.asLong());
    }

    public static JoineryException unknownCommand(String type, ErrorPath at) {
        return new JoineryException(ErrorCode.PARSE_FAILED,
                "unknown metadata command \"" + type + "\"", at);
    }
}
