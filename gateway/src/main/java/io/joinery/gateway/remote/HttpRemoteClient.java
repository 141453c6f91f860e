package io.joinery.gateway.remote;

import io.joinery.core.upstream.UpstreamClient;
import io.joinery.core.upstream.UpstreamRequest;
import io.joinery.core.upstream.UpstreamSettings;
import java.util.ArrayList;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * {@link RemoteClient} over core's pooled {@link UpstreamClient}: idle connections kept shorter
 * than servers keep them, and a query or introspection lost on a stale connection sent once more
 * (a mutation only when none of it was written; core's {@code StaleConnectionRetry}).
 */
public final class HttpRemoteClient implements RemoteClient {
    private final UpstreamClient upstream;

    public HttpRemoteClient(UpstreamSettings settings) {
        this.upstream = UpstreamClient.pooled("joinery-remotes", 500, true, settings);
    }

    @Override
    public Mono<RemoteResponse> send(RemoteRequest request) {
        return upstream.post(new UpstreamRequest(request.url(), new ArrayList<Map.Entry<String, String>>(
                        request.headers().entrySet()), request.body(), request.timeout(), request.idempotency()))
                .map(response -> new RemoteResponse(response.status(), response.body(), response.values("Set-Cookie")));
    }

    /** Closes pooled connections (tests and shutdown). */
    public void dispose() {
        upstream.dispose();
    }
}
