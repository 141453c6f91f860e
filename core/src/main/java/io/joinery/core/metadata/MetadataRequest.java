package io.joinery.core.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorPath;
import java.util.ArrayList;
import java.util.List;

/**
 * One parsed `POST /v1/metadata` body: the call and the `resource_version` it expects, if any
 * (only the outermost envelope's counts).
 */
public record MetadataRequest<C extends MetadataCommand>(MetadataCall<C> call, Long resourceVersion) {

    /** Reads the envelope and `bulk` here, every other command with {@code parser}; errors point into {@code body}. */
    public static <C extends MetadataCommand> MetadataRequest<C> parse(JsonNode body, CommandParser<C> parser) {
        MetadataEnvelope envelope = MetadataEnvelope.parse(body, ErrorPath.root());
        return new MetadataRequest<>(call(envelope, ErrorPath.root(), parser), envelope.resourceVersion());
    }

    private static <C extends MetadataCommand> MetadataCall<C> call(MetadataEnvelope envelope, ErrorPath at,
                                                                    CommandParser<C> parser) {
        if (!envelope.type().equals("bulk")) {
            return new MetadataCall.One<>(parser.parse(envelope, at));
        }
        ErrorPath argsAt = at.key("args");
        JsonNode args = envelope.args();
        if (!args.isArray()) {
            throw ArgsReader.mismatch("Array", args, argsAt);
        }
        List<MetadataCall<C>> calls = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            ErrorPath elementAt = argsAt.index(i);
            calls.add(call(MetadataEnvelope.parse(args.get(i), elementAt), elementAt, parser));
        }
        return new MetadataCall.Bulk<>(argsAt, calls);
    }
}
