package io.joinery.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.http.SessionVariables;
import io.joinery.gateway.admin.MetadataStore;
import io.joinery.gateway.metadata.GatewayCommand;
import io.joinery.gateway.metadata.GatewayCommandParser;
import reactor.core.publisher.Mono;

/** `POST /v1/metadata` (SPEC §1): admin only; body → typed command → {@link MetadataStore}. */
public final class MetadataRoute {
    private final MetadataStore store;

    public MetadataRoute(MetadataStore store) {
        this.store = store;
    }

    public Mono<JsonNode> run(JsonNode body, SessionVariables session) {
        if (!session.isAdmin()) {
            throw new JoineryException(ErrorCode.ACCESS_DENIED, "restricted access : admin only", ErrorPath.args());
        }
        GatewayCommand command = GatewayCommandParser.parse(body, ErrorPath.root());
        JsonNode resourceVersion = body.get("resource_version");
        return store.run(command, resourceVersion != null && resourceVersion.canConvertToLong()
                ? resourceVersion.asLong() : null);
    }
}
