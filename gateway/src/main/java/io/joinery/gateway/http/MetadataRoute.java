package io.joinery.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.http.AdminSecretCheck;
import io.joinery.core.http.HttpResponses;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import io.joinery.gateway.metadata.MetadataStore;
import java.nio.charset.StandardCharsets;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/** `POST /v1/metadata` (SPEC §1): body → {@link MetadataStore} (admin check, commands, errors with paths). */
public final class MetadataRoute {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataRoute.class);

    private final MetadataStore store;
    private final AdminSecretCheck secretCheck;

    public MetadataRoute(MetadataStore store, AdminSecretCheck secretCheck) {
        this.store = store;
        this.secretCheck = secretCheck;
    }

    public Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .flatMap(body -> {
                    SessionVariables session;
                    try {
                        session = secretCheck.resolve(request.requestHeaders());
                    } catch (JoineryException e) {
                        return Mono.from(error(response, e, false));
                    }
                    return Mono.defer(() -> run(body, session))
                            .flatMap(result -> Mono.from(HttpResponses.json(response, 200, Json.write(result))))
                            .onErrorResume(e -> Mono.from(error(response, e, session.isAdmin())));
                });
    }

    private Mono<JsonNode> run(String body, SessionVariables session) {
        return store.metadata(Json.parseBody(body), session);
    }

    /** The one place a metadata request's exception becomes its response. */
    private static Publisher<Void> error(HttpServerResponse response, Throwable error, boolean admin) {
        JoineryException e;
        if (error instanceof JoineryException joinery) {
            e = joinery;
        } else {
            LOG.error("unexpected failure answering a metadata request", error);
            e = new JoineryException(ErrorCode.UNEXPECTED, "unexpected error: " + error.getClass().getSimpleName(),
                    ErrorPath.root(), null, 500);
        }
        return HttpResponses.json(response, e.httpStatus(), Json.write(e.toApiError().toMetadataBody(admin)));
    }
}
