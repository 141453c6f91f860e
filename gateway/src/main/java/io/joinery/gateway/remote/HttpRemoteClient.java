package io.joinery.gateway.remote;

import io.joinery.core.observe.Telemetry;
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
    private final Telemetry telemetry;

    public HttpRemoteClient(UpstreamSettings settings) {
        this(settings, Telemetry.noop());
    }

    /** @param telemetry times every request per remote schema (`joinery_upstream_requests_seconds`) */
    public HttpRemoteClient(UpstreamSettings settings, Telemetry telemetry) {
        this.upstream = UpstreamClient.pooled("joinery-remotes", 500, true, settings);
        this.telemetry = telemetry;
    }

    @Override
    public Mono<RemoteResponse> send(RemoteRequest request) {
        return telemetry.upstreamRequest(request.remote(), post(request));
    }

    private Mono<RemoteResponse> post(RemoteRequest request) {
        return upstream.post(new UpstreamRequest(request.url(), new ArrayList<Map.Entry<String, String>>(
                        request.headers().entrySet()), request.bodyBytes(), request.timeout(), request.idempotency()))
                .map(response -> new RemoteResponse(response.status(), response.bodyBytes(), response.values("Set-Cookie")));
    }

    /** Closes pooled connections (tests and shutdown). */
    public void dispose() {
        upstream.dispose();
    }
}
