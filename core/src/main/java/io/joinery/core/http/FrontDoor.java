package io.joinery.core.http;

import io.joinery.core.auth.AuthConfig;
import io.joinery.core.auth.SessionResolver;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.observe.RequestObservation;
import io.joinery.core.observe.Telemetry;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The one HTTP server of both services. Each service hands it a route table and its
 * {@link SessionResolver}; everything every request goes through happens here, in this order:
 *
 * <pre>
 * request id   x-request-id as sent, else a new UUID; echoed on every response
 * CORS         headers for allowed origins on every response; OPTIONS (any path) -> 204
 * routing      Route.serves (query and one trailing slash ignored): unknown -> 404, wrong method -> 405
 * connection   HardLimits: header block (431), read deadline from a request's first byte to its last
 *              (RequestReadGuard: disconnected), idle keep-alive connections closed
 * body         read whole, as bytes (never decoded here); the body limit (HardLimits.maxBodyBytes) is checked here, before the
 *              session, on the declared length and again while reading -> 413
 * endpoint     CSRF refusal of simple POSTs (400), session resolution (SessionResolver: admin secret,
 *              JWT, webhook, unauthorized role), the error writer of its kind (GraphQL: 200, API: the
 *              error's status); an answer not ready within HardLimits.requestTimeout is cancelled and
 *              answered `unexpected` (GraphQL: 200, API: 504)
 * write        one HttpAnswer: status, Content-Type, Content-Length, Set-Cookie, the answer's own headers; its
 *              UTF-8 bytes as the route produced them (HttpAnswer.bytes), wrapped, not copied
 * observe      a RequestObservation in the pipeline's Reactor context (stages add the operation), with
 *              the trace context (the client's traceparent continued, a SERVER span when exporting);
 *              once written, `joinery_http_requests_seconds` per route and operation type, an
 *              `http-log` line, the span ended
 * </pre>
 *
 * The resolver's lifecycle is the server's: {@link #start} runs its start-up work (the first JWKS
 * fetch) before binding, and its background work (the JWKS refresh) until the server is disposed.
 *
 * Invariants: a route handler never sees a request whose path or method it does not serve, and
 * never writes to the response itself; every failure, expected or not, is written by
 * {@link ErrorWriter}, so no stack trace reaches a client.
 */
public final class FrontDoor {
    /**
     * How long a stopping server (SIGTERM) lets requests in flight finish after it stops accepting
     * connections; deploy/ gives pods a longer termination grace period.
     */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(15);
    public static final String REQUEST_ID_HEADER = RequestObservation.REQUEST_ID_HEADER;
    private static final Logger LOG = LoggerFactory.getLogger(FrontDoor.class);
    private static final Duration RESOLVER_START_TIMEOUT = Duration.ofSeconds(30);
    /** How long the rest of a chunked body past the limit is read and dropped before the 413. */
    private static final Duration LINGER = Duration.ofSeconds(1);
    private static final byte[] NO_BODY = new byte[0];

    private final FrontDoorConfig config;
    private final SessionResolver sessions;
    private final List<Route> routes;
    private final Telemetry telemetry;
    /** The request timers of each route (same index), and of requests no route serves. */
    private final Telemetry.RequestMeters[] meters;
    private final Telemetry.RequestMeters unmatched;
    /** The request span's name per route (same index): `POST /v1/graphql`. */
    private final String[] spanNames;

    private FrontDoor(FrontDoorConfig config, SessionResolver sessions, List<Route> routes, Telemetry telemetry) {
        this.config = config;
        this.sessions = sessions;
        this.routes = List.copyOf(routes);
        this.telemetry = telemetry;
        this.meters = this.routes.stream().map(r -> telemetry.endpoint(r.path())).toArray(Telemetry.RequestMeters[]::new);
        this.spanNames = this.routes.stream().map(r -> r.method().name() + " " + r.path()).toArray(String[]::new);
        this.unmatched = telemetry.endpoint("unmatched");
    }

    /** As {@link #start(FrontDoorConfig, SessionResolver, List, Telemetry)}, observed by nothing. */
    public static DisposableServer start(FrontDoorConfig config, SessionResolver sessions, List<Route> routes) {
        return start(config, sessions, routes, Telemetry.noop());
    }

    /**
     * Starts {@code sessions} (the first JWKS fetch, which completes either way), binds and starts
     * the server, and runs the resolver's background work until the server is disposed. Blocking,
     * so call it from `main` or a test.
     */
    public static DisposableServer start(FrontDoorConfig config, SessionResolver sessions, List<Route> routes,
                                         Telemetry telemetry) {
        warnWhenOpen(config, sessions.config());
        sessions.start().block(RESOLVER_START_TIMEOUT);
        FrontDoor door = new FrontDoor(config, sessions, routes, telemetry);
        HardLimits limits = config.limits();
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        DisposableServer bound = HttpServer.create()
                .host(config.host())
                .port(config.port())
                .compress(config.compress())
                .httpRequestDecoder(spec -> spec.maxHeaderSize(limits.maxHeaderBytes()))
                .idleTimeout(limits.idleTimeout())
                .doOnChannelInit((observer, channel, remote) -> RequestReadGuard.install(channel, limits))
                // the server's connections: without a group, disposing a server closes only its listening
                // socket, neither waiting for requests in flight nor closing idle keep-alive connections
                .channelGroup(connections)
                .handle(door::handle)
                .bindNow(Duration.ofSeconds(30));
        DisposableServer server = new StoppableServer(bound, connections);
        LOG.info("listening on {} port {} ({} transport)", config.host(), server.port(), transport(server));
        Disposable background = sessions.background()
                .subscribe(ignored -> { }, error -> LOG.error("authentication background work stopped", error));
        server.onDispose(background);
        return server;
    }

    /**
     * `epoll` when Reactor Netty serves with Netty's native transport (Linux x86-64, with
     * netty-transport-native-epoll on the class path, as in the service jars), else `nio`.
     */
    static String transport(DisposableServer server) {
        return server.channel() instanceof EpollServerSocketChannel ? "epoll" : "nio";
    }

    /** SPEC §9.2: without an admin secret every request is admin; say so, and where it is reachable. */
    private static void warnWhenOpen(FrontDoorConfig config, AuthConfig auth) {
        if (!auth.isOpen()) {
            return;
        }
        if (FrontDoorConfig.LOOPBACK.equals(config.host())) {
            LOG.warn("no admin secret is set (JOINERY_ADMIN_SECRET): every request is admin; listening on {} only, "
                    + "set JOINERY_ADMIN_SECRET before setting JOINERY_HOST to listen elsewhere", config.host());
        } else {
            LOG.warn("no admin secret is set (JOINERY_ADMIN_SECRET): every request is admin, and this server listens "
                    + "on {} (JOINERY_HOST): anyone who can reach port {} can read and change everything",
                    config.host(), config.port());
        }
    }

    private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        long started = System.nanoTime();
        String requestId = requestId(request.requestHeaders().get(REQUEST_ID_HEADER));
        response.header(REQUEST_ID_HEADER, requestId);
        config.cors().apply(request.requestHeaders(), response.responseHeaders());
        if (request.method().equals(HttpMethod.OPTIONS)) {
            return response.status(HttpResponseStatus.NO_CONTENT).send();
        }
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = normalize(q < 0 ? uri : uri.substring(0, q));
        String query = q < 0 ? "" : uri.substring(q + 1);
        List<HttpMethod> allowed = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            if (route.serves(path)) {
                if (route.method().equals(request.method())) {
                    Telemetry.RequestMeters routeMeters = meters[i];
                    RequestObservation traced = RequestObservation.start(requestId, telemetry, started,
                            request.requestHeaders()::get, spanNames[i]);
                    return readBody(request)
                            .map(body -> new HttpCall(requestId, request.method(), path, query, request.requestHeaders(), body,
                                    config.limits(), clientAddress(request)))
                            .flatMap(call -> route.endpoint().answer(call, sessions)
                                    .timeout(config.limits().requestTimeout(),
                                            Mono.fromSupplier(() -> route.endpoint().stopped(deadlinePassed())),
                                            ServerLoops.timer()))
                            .onErrorResume(e -> !(e instanceof AbortedException), e -> Mono.just(ErrorWriter.api(e, false)))
                            .flatMap(answer -> write(response, answer, traced))
                            // the client left while its body was still arriving (or was cut off by the read
                            // deadline): there is no one to answer
                            .onErrorResume(AbortedException.class, gone -> Mono.empty())
                            .doFinally(signal -> traced.end(routeMeters, request.method().name(), path))
                            .contextWrite(traced::into);
                }
                allowed.add(route.method());
            }
        }
        // no route: timed and logged, not traced
        RequestObservation observation = new RequestObservation(requestId, telemetry, started);
        if (allowed.isEmpty()) {
            return write(response, ErrorWriter.api(notFound(), false), observation)
                    .doFinally(signal -> observation.end(unmatched, request.method().name(), path));
        }
        response.header(HttpHeaderNames.ALLOW, allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", ")));
        return write(response, ErrorWriter.api(
                new JoineryException(ErrorCode.NOT_FOUND, "method not allowed", ErrorPath.root(), null, 405), false),
                observation).doFinally(signal -> observation.end(unmatched, request.method().name(), path));
    }

    /** What a request to a path nobody serves gets (404 `not-found`); routes that serve a set of paths use it too. */
    static JoineryException notFound() {
        return new JoineryException(ErrorCode.NOT_FOUND, "resource does not exist", ErrorPath.root(), null, 404);
    }

    private static String clientAddress(HttpServerRequest request) {
        InetSocketAddress peer = request.remoteAddress();
        return peer == null || peer.getAddress() == null ? "unknown" : peer.getAddress().getHostAddress();
    }

    private static String requestId(String sent) {
        return sent == null || sent.isBlank() ? newRequestId() : sent;
    }

    /**
     * A random (version 4) UUID. Request ids must be unique, not unguessable, and
     * {@code UUID.randomUUID()}'s SecureRandom may read /dev/urandom, a blocking call on an event loop.
     */
    private static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private static String normalize(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /**
     * The whole body as bytes (empty when there is none), refused with 413 past the configured limit:
     * on its declared length before anything is read, else (a chunked body) once the bytes received
     * pass it and the rest has been dropped (at most {@link #LINGER} longer).
     */
    private Mono<byte[]> readBody(HttpServerRequest request) {
        long max = config.limits().maxBodyBytes();
        String declared = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        long length = declared == null ? -1 : declaredLength(declared);
        if (length > max) {
            return Mono.error(tooLarge(max));
        }
        if (length >= 0) {
            // the decoder delivers at most the declared length: aggregated as is, without counting copies
            return request.receive().aggregate().asByteArray().defaultIfEmpty(NO_BODY);
        }
        // past the limit the rest is read and dropped for a moment before the refusal: answering while
        // the client still sends closes a socket with unread bytes, and its reset can destroy the 413 on
        // its way. Bounded: at most LINGER and another limit's worth of bytes, then refused as it stands.
        ChunkedBody body = new ChunkedBody(max);
        return request.receive().asByteArray()
                .takeUntilOther(body.overflow.asMono().then(Mono.delay(LINGER)))
                .reduce(body, ChunkedBody::add)
                .defaultIfEmpty(body)
                .flatMap(read -> read.overflowed ? Mono.<byte[]>error(tooLarge(max)) : Mono.just(read.out.toByteArray()));
    }

    /** A chunked body as it arrives: kept while within the limit, only counted past it. */
    private static final class ChunkedBody {
        private final long max;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final Sinks.Empty<Void> overflow = Sinks.empty();
        private boolean overflowed;
        private long dropped;

        ChunkedBody(long max) {
            this.max = max;
        }

        ChunkedBody add(byte[] bytes) {
            if (overflowed) {
                dropped += bytes.length;
                if (dropped > 2 * max) {
                    throw tooLarge(max); // a flood: refused at once, whatever becomes of the answer
                }
            } else if (out.size() + (long) bytes.length > max) {
                overflowed = true;
                dropped = out.size() + (long) bytes.length;
                out.reset();
                overflow.tryEmitEmpty();
            } else {
                out.writeBytes(bytes);
            }
            return this;
        }
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1; // counted while reading instead
        }
    }

    /** SPEC §11.2: nothing hangs forever; the work still running for the request is cancelled. */
    private JoineryException deadlinePassed() {
        return new JoineryException(ErrorCode.UNEXPECTED, "the request took longer than the limit of "
                + config.limits().requestTimeout().toSeconds() + " seconds", ErrorPath.root(), null, 504);
    }

    private static JoineryException tooLarge(long max) {
        return new JoineryException(ErrorCode.VALIDATION_FAILED,
                "request body is larger than the limit of " + max + " bytes", ErrorPath.root(), null, 413);
    }

    private static Mono<Void> write(HttpServerResponse response, HttpAnswer answer, RequestObservation observation) {
        byte[] bytes = answer.bytes();
        observation.answered(answer.status(), bytes.length);
        answer.setCookies().forEach(cookie -> response.addHeader(HttpHeaderNames.SET_COOKIE, cookie));
        answer.headers().forEach(response::header);
        return response.status(HttpResponseStatus.valueOf(answer.status()))
                .header(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length))
                .sendByteArray(Mono.just(bytes))
                .then();
    }
}
