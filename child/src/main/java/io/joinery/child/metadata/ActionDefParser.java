package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.metadata.ActionDef.Argument;
import io.joinery.child.metadata.ActionDef.Definition;
import io.joinery.child.metadata.ActionDef.Kind;
import io.joinery.child.metadata.ActionDef.Permission;
import io.joinery.child.metadata.ActionDef.Type;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.metadata.ArgsReader;

/**
 * Reads `create_action` / `update_action` args and the entries of the exported `actions` list
 * into {@link ActionDef}. `request_transform` / `response_transform` are `not-supported`
 * (Joinery choice, SPEC §3.2). Whether the types exist is {@link ActionTypeChecker}'s job.
 */
public final class ActionDefParser {
    private ActionDefParser() {}

    /**
     * `{"name", "definition", "comment"?, "permissions"?}`: `create_action` and `update_action` args
     * (which carry no permissions) and exported action entries.
     */
    public static ActionDef parse(JsonNode args, ErrorPath at) {
        ArgsReader reader = ArgsReader.of(args, at);
        String name = GraphqlTypeRef.readName(reader, "name");
        Definition definition = parseDefinition(reader.required("definition"), reader.at("definition"));
        return new ActionDef(name, definition, reader.optionalString("comment").orElse(null),
                reader.list("permissions", ActionDefParser::permission));
    }

    public static Definition parseDefinition(JsonNode node, ErrorPath at) {
        ArgsReader reader = ArgsReader.of(node, at);
        reader.rejectUnsupported("request_transform", "request_transform");
        reader.rejectUnsupported("response_transform", "response_transform");
        String handler = reader.string("handler");
        if (handler.isBlank()) {
            throw ArgsReader.parseFailed("the handler must not be empty", reader.at("handler"));
        }
        GraphqlTypeRef outputType = GraphqlTypeRef.read(reader, "output_type");
        Type type = switch (reader.optionalString("type").orElse("mutation")) {
            case "mutation" -> Type.MUTATION;
            case "query" -> Type.QUERY;
            default -> throw ArgsReader.parseFailed("expected \"query\" or \"mutation\", but encountered \""
                    + reader.string("type") + "\"", reader.at("type"));
        };
        Kind kind = switch (reader.optionalString("kind").orElse("synchronous")) {
            case "synchronous" -> Kind.SYNCHRONOUS;
            case "asynchronous" -> Kind.ASYNCHRONOUS;
            default -> throw ArgsReader.parseFailed("expected \"synchronous\" or \"asynchronous\", but encountered \""
                    + reader.string("kind") + "\"", reader.at("kind"));
        };
        int timeout = ActionDef.DEFAULT_TIMEOUT_SECONDS;
        if (reader.has("timeout")) {
            JsonNode value = reader.required("timeout");
            if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() <= 0) {
                throw ArgsReader.mismatch("a positive number of seconds",
                        value, reader.at("timeout"));
            }
            timeout = value.intValue();
        }
        return new Definition(handler, outputType, reader.list("arguments", ActionDefParser::argument), type, kind,
                reader.list("headers", ActionHeader::parse), reader.bool("forward_client_headers", false), timeout);
    }

    private static Argument argument(JsonNode node, ErrorPath at) {
        ArgsReader reader = ArgsReader.of(node, at);
        return new Argument(GraphqlTypeRef.readName(reader, "name"), GraphqlTypeRef.read(reader, "type"),
                reader.optionalString("description").orElse(null));
    }

    private static Permission permission(JsonNode node, ErrorPath at) {
        ArgsReader reader = ArgsReader.of(node, at);
        return new Permission(reader.string("role"), reader.optionalString("comment").orElse(null));
    }
}
