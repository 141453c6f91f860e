package io.joinery.core.upstream;

import java.nio.channels.ClosedChannelException;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * When a request that failed on a stale pooled connection is sent again: at most once, and only
 * when that cannot make the server act twice.
 *
 * <p>The race: servers close keep-alive connections that stay idle too long (Node and Express
 * after 5 s). A request written on such a connection while the server's close is on its way fails
 * before any response arrives, typically with {@code PrematureCloseException: Connection
 * prematurely closed BEFORE response} or {@code Connection reset by peer}. {@link UpstreamSettings}'
 * idle timeout (shorter than the servers') keeps it from happening; these two resends repair
 * what still slips through:
 *
 * <ol>
 *   <li><b>Nothing was written</b> (the connection was found closed before the request went out):
 *   Reactor Netty's own retry, on by default in {@code HttpClient} and kept on, sends the request
 *   once more on another connection. The server cannot have seen it, so this holds for every
 *   request, mutations and action calls included. ({@code HttpClientConnect}: a connection-reset
 *   error, {@link AbortedException#isConnectionReset}, while no header was sent.)
 *   <li><b>The request was written on a REUSED connection and the connection closed before the
 *   response's status line and headers arrived</b>: an {@link Idempotency#IDEMPOTENT} request (a
 *   query, an introspection) is sent once more, on a NEW connection (another pooled one may be
 *   just as stale). This rule, {@link #allows}.
 * </ol>
 *
 * <p>A {@link Idempotency#NON_IDEMPOTENT} request (a mutation, an action call) that was written is
 * never sent again, even when the close came "while sending request body": some or all of it may
 * have reached the server, which may already act on it (a server can run its handler as soon as
 * the headers are in; a crash after the request arrived looks the same from here). RFC 9112 §9.3.1
 * forbids resending it unless the request provably was never applied. Such a failure is reported
 * as the transport error it is. A fresh connection that fails is not resent either: that is not a
 * stale connection but a server that drops requests. Timeouts and refused connections are never
 * resent.
 *
 * <p>So an idempotent request reaches the server at most twice, a non-idempotent one at most once.
 */
final class StaleConnectionRetry {
    private StaleConnectionRetry() {}

    /**
     * What one attempt observed on the wire.
     *
     * @param reusedConnection the connection had carried a request before this one
     * @param requestWritten   the request was handed to the connection (its bytes may have left)
     * @param responseStarted  the response's status line and headers arrived
     */
    record Attempt(boolean reusedConnection, boolean requestWritten, boolean responseStarted) {}

    /** Rule 2 above: whether the request that failed in {@code attempt} with {@code error} is sent again. */
    static boolean allows(Idempotency idempotency, Attempt attempt, Throwable error) {
        return idempotency == Idempotency.IDEMPOTENT
                && attempt.reusedConnection()
                && attempt.requestWritten()
                && !attempt.responseStarted()
                && isConnectionClosed(error);
    }

    /** The connection was closed or reset under the request (not a timeout, not a refused connect). */
    static boolean isConnectionClosed(Throwable error) {
        return error instanceof PrematureCloseException
                || error instanceof ClosedChannelException
                || AbortedException.isConnectionReset(error);
    }
}
