package io.joinery.gateway.execute;

import io.joinery.gateway.remote.RemoteResponse;
import io.joinery.gateway.schema.RemoteEndpoint;

/**
 * A remote's reply to one request before it is read: its {@code response}, or the transport
 * {@code failure} in its place (exactly one is set). The byte paths copy the response as it is;
 * {@link #outcome} is what the tree path reads.
 */
record UpstreamReply(RemoteEndpoint endpoint, RemoteResponse response, Throwable failure) {
    FetchOutcome outcome() {
        return response != null ? PlanExecutor.read(response) : PlanExecutor.transportFailure(endpoint, failure);
    }
}
