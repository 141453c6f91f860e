package io.joinery.core.observe;

import io.joinery.core.config.Environment;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * OpenTelemetry for one server (SPEC §13): W3C trace context by default, spans only when an exporter
 * is configured by the standard `OTEL_*` variables (docs/observability.md).
 *
 * <pre>
 * no exporter     propagation only: an incoming `traceparent` is continued as it came (a request
 *                 without one gets a new trace id), and every upstream call carries it; no span is
 *                 created, so the request path does no span work
 * exporter set    the SDK (autoconfigured from OTEL_*), a SERVER span per request, INTERNAL spans
 *                 for parse/validate and plan, a CLIENT span per remote-schema request, handler
 *                 call and SQL statement; the `traceparent` sent upstream names the CLIENT span
 * </pre>
 *
 * `OTEL_PROPAGATORS=none` ({@link ObservabilityConfig#tracePropagation}) turns propagation off: no
 * `traceparent` is read, none is sent, and without an exporter tracing does nothing at all ({@link #off}).
 * With an exporter each request's spans are then a trace of their own; the context of such a trace
 * carries {@link #NOT_PROPAGATED}, which {@link #inject} honours.
 *
 * The current trace context of a request travels in the Reactor context ({@link #KEY}); stages read
 * it with {@link #current}. The SDK is built and exercised once at start ({@link #fromEnv}), off
 * the event loops: its first use loads classes and reads the host's resource attributes.
 */
public final class Tracing implements AutoCloseable {
    /** Where the request's (or the enclosing span's) trace context is in a pipeline's Reactor context. */
    static final Class<Context> KEY = Context.class;
    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("graphql.operation.name");
    static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("graphql.operation.type");
    static final AttributeKey<String> DOCUMENT = AttributeKey.stringKey("graphql.document");
    static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
    static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> USER_AGENT = AttributeKey.stringKey("user_agent.original");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    /** Where the CLIENT span of a call is in its Reactor context ({@link #httpExchange}). */
    private static final String CLIENT_SPAN = "joinery.client-span";
    /** In the trace context of a server that does not propagate: {@link #inject} adds nothing. */
    private static final ContextKey<Boolean> NOT_PROPAGATED = ContextKey.named("joinery.not-propagated");
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final IdGenerator IDS = IdGenerator.random();
    private static final List<String> OTEL_VARIABLES = List.of("OTEL_SDK_DISABLED", "OTEL_SERVICE_NAME",
            "OTEL_RESOURCE_ATTRIBUTES", "OTEL_TRACES_EXPORTER", "OTEL_METRICS_EXPORTER", "OTEL_LOGS_EXPORTER",
            "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL",
            "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
            "OTEL_EXPORTER_OTLP_TIMEOUT", "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "OTEL_EXPORTER_OTLP_COMPRESSION",
            "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "OTEL_EXPORTER_OTLP_CERTIFICATE",
            "OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE", "OTEL_EXPORTER_OTLP_CLIENT_KEY",
            "OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY", "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE",
            "OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE", "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG",
            "OTEL_BSP_SCHEDULE_DELAY", "OTEL_BSP_MAX_QUEUE_SIZE", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE",
            "OTEL_BSP_EXPORT_TIMEOUT", "OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", "OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT",
            "OTEL_SPAN_EVENT_COUNT_LIMIT", "OTEL_SPAN_LINK_COUNT_LIMIT", "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT",
            "OTEL_ATTRIBUTE_COUNT_LIMIT");
    /** The protocol variables: OTLP over HTTP with protobuf or gRPC, both sent by the SDK's OkHttp sender. */
    private static final List<String> PROTOCOL_VARIABLES = List.of("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
            "OTEL_EXPORTER_OTLP_PROTOCOL");
    private static final java.util.Set<String> PROTOCOLS = java.util.Set.of("http/protobuf", "grpc");
    private static final TextMapGetter<Function<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };

    private final Optional<OpenTelemetrySdk> sdk;
    private final Tracer tracer;
    private final boolean propagating;

    private Tracing(Optional<OpenTelemetrySdk> sdk, boolean propagating) {
        this.sdk = sdk;
        this.tracer = sdk.map(s -> s.getTracer("io.joinery")).orElse(null);
        this.propagating = propagating;
    }

    /** Propagation only: what tests of stages and a server without an exporter use. */
    public static Tracing propagationOnly() {
        return new Tracing(Optional.empty(), true);
    }

    /** No exporter and no propagation (`OTEL_PROPAGATORS=none`): no trace context at all. */
    public static Tracing off() {
        return new Tracing(Optional.empty(), false);
    }

    /**
     * The SDK when {@code env} configures a trace exporter (`OTEL_TRACES_EXPORTER` other than
     * `none`, or an OTLP endpoint), else propagation only. {@code service} is the default
     * `OTEL_SERVICE_NAME`; {@code propagating} is {@link ObservabilityConfig#tracePropagation}.
     * Blocking (it builds and exercises the SDK): call it at start.
     */
    public static Tracing fromEnv(Function<String, String> env, String service, boolean propagating) {
        // the SDK logs through java.util.logging: its lines go out as JSON (or text) like the others
        JulBridge.install();
        Environment settings = Environment.of(env);
        if (!checkExport(env)) {
            return propagating ? propagationOnly() : off();
        }
        Map<String, String> properties = new HashMap<>();
        for (String name : OTEL_VARIABLES) {
            settings.named(name).ifPresent(s -> properties.put(property(name), s.value()));
        }
        // the default name, unless the user named the service (OTEL_SERVICE_NAME wins over OTEL_RESOURCE_ATTRIBUTES)
        if (!properties.containsKey("otel.service.name")
                && !namesService(properties.getOrDefault("otel.resource.attributes", ""))) {
            properties.put("otel.service.name", service);
        }
        properties.putIfAbsent("otel.traces.exporter", "otlp");
        // the specification's default; metrics are scraped and logs go to stdout
        properties.putIfAbsent("otel.exporter.otlp.protocol", "http/protobuf");
        properties.putIfAbsent("otel.metrics.exporter", "none");
        properties.putIfAbsent("otel.logs.exporter", "none");
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> properties)
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        Tracing tracing = new Tracing(Optional.of(sdk), propagating);
        tracing.warmUp();
        return tracing;
    }

    /**
     * Whether {@code env} configures a trace exporter (`OTEL_TRACES_EXPORTER` other than `none`, or
     * an OTLP endpoint, unless `OTEL_SDK_DISABLED=true`); both mains call it first, through
     * {@link ObservabilityConfig#fromEnv}, so that a wrong protocol stops the server before anything starts.
     *
     * @throws IllegalArgumentException naming the variable, when exporting with an exporter other
     *     than `otlp` (`console`, `zipkin`: not shipped) or a protocol other than `http/protobuf` and
     *     `grpc` (`http/json`: not shipped)
     */
    static boolean checkExport(Function<String, String> env) {
        Environment settings = Environment.of(env);
        Optional<String> exporter = settings.named("OTEL_TRACES_EXPORTER").map(s -> lower(s.value()));
        boolean endpoint = settings.named("OTEL_EXPORTER_OTLP_ENDPOINT").isPresent()
                || settings.named("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT").isPresent();
        boolean disabled = settings.named("OTEL_SDK_DISABLED").map(s -> lower(s.value()).equals("true")).orElse(false);
        boolean exporting = !disabled && exporter.map(e -> !e.equals("none")).orElse(endpoint);
        if (exporting) {
            for (String name : exporter.orElse("otlp").split(",")) {
                if (!name.strip().equals("otlp")) {
                    throw new IllegalArgumentException("OTEL_TRACES_EXPORTER must be otlp or none, the exporters "
                            + "Joinery ships; got \"" + exporter.get() + "\"");
                }
            }
            for (String name : PROTOCOL_VARIABLES) {
                settings.named(name).filter(s -> !PROTOCOLS.contains(lower(s.value()))).ifPresent(s -> {
                    throw new IllegalArgumentException(name + " must be http/protobuf (OTLP over HTTP, port 4318 of "
                            + "an OpenTelemetry collector or Jaeger) or grpc (port 4317); got \"" + s.value() + "\"");
                });
            }
        }
        return exporting;
    }

    /** Whether `OTEL_RESOURCE_ATTRIBUTES` (`key=value,key=value`) sets `service.name`. */
    static boolean namesService(String resourceAttributes) {
        for (String pair : resourceAttributes.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals("service.name") && !pair.substring(eq + 1).isBlank()) {
                return true;
            }
        }
        return false;
    }

    private static String property(String variable) {
        return variable.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static String lower(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }

    /** Whether spans are made and exported. */
    public boolean isExporting() {
        return tracer != null;
    }

    /** Whether a `traceparent` is read from requests and sent with the calls made for them. */
    public boolean isPropagating() {
        return propagating;
    }

    /** Every code path of a request once (spans of each kind, propagation), before any event loop does it. */
    private void warmUp() {
        Context request = startRequest(name -> null, "warm-up");
        Map<String, String> headers = new HashMap<>();
        Span client = tracer.spanBuilder("warm-up").setParent(request).setSpanKind(SpanKind.CLIENT).startSpan();
        W3C.inject(request.with(client), headers, Map::put);
        client.setStatus(StatusCode.ERROR).end();
        Span.fromContext(request).setAttribute(DOCUMENT, "{ __typename }").end();
    }

    /**
     * The trace context of a request whose headers {@code headers} reads (lower-case names): the
     * client's `traceparent` continued, or a new trace. With an exporter it holds the request's
     * SERVER span (named {@code name}, ended by {@link #endRequest}). Without propagation: no trace
     * (or, with an exporter, a trace of the request's own).
     */
    Context startRequest(Function<String, String> headers, String name) {
        if (!propagating) {
            if (tracer == null) {
                return Context.root();
            }
            Span span = serverSpan(name, headers).setNoParent().startSpan();
            return Context.root().with(NOT_PROPAGATED, Boolean.TRUE).with(span);
        }
        Context incoming = headers.apply("traceparent") == null ? Context.root()
                : W3C.extract(Context.root(), headers, HEADERS);
        if (tracer != null) {
            Span span = serverSpan(name, headers).setParent(incoming).startSpan();
            return incoming.with(span);
        }
        if (Span.fromContext(incoming).getSpanContext().isValid()) {
            return incoming;
        }
        // a trace id of our own, so the gateway, the child and the handlers share one
        return Context.root().with(Span.wrap(SpanContext.create(IDS.generateTraceId(), IDS.generateSpanId(),
                TraceFlags.getSampled(), TraceState.getDefault())));
    }

    /**
     * A SERVER span named {@code name} (the route: `POST /v1/graphql`) with the HTTP semantic
     * conventions' request attributes: `http.request.method`, `http.route`, `url.scheme` and
     * `user_agent.original` (no other header is read: none may carry a credential into a trace).
     */
    private SpanBuilder serverSpan(String name, Function<String, String> headers) {
        SpanBuilder builder = tracer.spanBuilder(name).setSpanKind(SpanKind.SERVER).setAttribute(URL_SCHEME, "http");
        int space = name.indexOf(' ');
        if (space > 0) {
            builder.setAttribute(HTTP_METHOD, name.substring(0, space))
                    .setAttribute(HTTP_ROUTE, name.substring(space + 1));
        }
        String agent = headers.apply("user-agent");
        if (agent != null) {
            builder.setAttribute(USER_AGENT, agent);
        }
        return builder;
    }

    /**
     * Ends the request's SERVER span (with an exporter), with its status, its path (`url.path`) and
     * the GraphQL operation. The span's status is ERROR, with `error.type`, for an answer of 500 and
     * more (the status code) and for an answer carrying GraphQL errors (the first error's
     * `extensions.code`: GraphQL answers them with 200, so the status code alone would hide them).
     */
    void endRequest(Context request, int status, String path, RequestObservation observation) {
        if (tracer == null) {
            return;
        }
        Span span = Span.fromContext(request);
        span.setAttribute(STATUS_CODE, (long) status);
        span.setAttribute(URL_PATH, path);
        if (observation.operationKind() != null) {
            span.setAttribute(OPERATION_TYPE, observation.operationKind().name().toLowerCase(Locale.ROOT));
            if (observation.operationName() != null) {
                span.setAttribute(OPERATION_NAME, observation.operationName());
            }
            if (observation.document() != null) {
                span.setAttribute(DOCUMENT, observation.document());
            }
        }
        if (status >= 500) {
            span.setAttribute(ERROR_TYPE, Integer.toString(status)).setStatus(StatusCode.ERROR);
        } else if (observation.errorCode() != null) {
            span.setAttribute(ERROR_TYPE, observation.errorCode())
                    .setStatus(StatusCode.ERROR, "GraphQL error: " + observation.errorCode());
        }
        span.end();
    }

    /** The trace id of {@code context} (32 hex digits), or null when it has no trace (`OTEL_PROPAGATORS=none`). */
    static String traceId(Context context) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

    /** The trace context of the work a pipeline does: the enclosing span's, else none. */
    public static Context current(ContextView context) {
        return context.getOrDefault(KEY, Context.root());
    }

    /**
     * {@code headers} (name, value pairs) plus `traceparent` (and `tracestate`) of {@code context}, if
     * it has a trace and comes from a server that propagates.
     */
    public static void inject(Context context, List<Map.Entry<String, String>> headers) {
        if (context.get(NOT_PROPAGATED) != null) {
            return;
        }
        W3C.inject(context, headers, (carrier, key, value) -> carrier.add(Map.entry(key, value)));
    }

    /** {@code work} in an INTERNAL span named {@code name} under the pipeline's current context; just {@code work} without an exporter. */
    public <T> T inSpan(ContextView context, String name, java.util.function.Supplier<T> work) {
        if (tracer == null) {
            return work.get();
        }
        Span span = tracer.spanBuilder(name).setParent(current(context)).startSpan();
        try {
            return work.get();
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * {@code call} in a CLIENT span named {@code name} with {@code attributes} (name, value, ...);
     * calls made inside it (their `traceparent`) are its children. Just {@code call} without an exporter.
     */
    <T> Mono<T> clientSpan(String name, Mono<T> call, String... attributes) {
        if (tracer == null) {
            return call;
        }
        return Mono.deferContextual(context -> {
            SpanBuilder builder = tracer.spanBuilder(name).setParent(current(context)).setSpanKind(SpanKind.CLIENT);
            for (int i = 0; i + 1 < attributes.length; i += 2) {
                builder.setAttribute(attributes[i], attributes[i + 1]);
            }
            Span span = builder.startSpan();
            Context parent = propagating ? current(context) : current(context).with(NOT_PROPAGATED, Boolean.TRUE);
            Context inside = parent.with(span);
            return call
                    .doOnError(e -> span.setAttribute(ERROR_TYPE, e.getClass().getName())
                            .setStatus(StatusCode.ERROR, e.getClass().getSimpleName()))
                    .doFinally(signal -> span.end())
                    .contextWrite(c -> c.put(KEY, inside).put(CLIENT_SPAN, span));
        });
    }

    /** Whether a pipeline runs in a recording CLIENT span of {@link #clientSpan} (only with an exporter). */
    public static boolean inClientSpan(ContextView context) {
        return context.hasKey(CLIENT_SPAN);
    }

    /**
     * Records one HTTP exchange on the CLIENT span it is made in ({@link #clientSpan}: a remote
     * schema request, a handler call), if there is one: the HTTP semantic conventions'
     * `http.request.method`, `url.full` (without user info and query string, which may hold
     * credentials), `server.address`, `server.port` and `http.response.status_code`; a status of 400
     * and more marks the span as failed, as the conventions say for clients.
     */
    public static void httpExchange(ContextView context, String method, URI url, int status) {
        Span span = context.getOrDefault(CLIENT_SPAN, null);
        if (span == null || !span.isRecording()) {
            return;
        }
        int port = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        span.setAttribute(HTTP_METHOD, method)
                .setAttribute(URL_FULL, url.getScheme() + "://" + url.getHost() + ":" + port
                        + (url.getRawPath() == null ? "" : url.getRawPath()))
                .setAttribute(SERVER_ADDRESS, url.getHost() == null ? "" : url.getHost())
                .setAttribute(SERVER_PORT, port)
                .setAttribute(STATUS_CODE, status);
        if (status >= 400) {
            span.setAttribute(ERROR_TYPE, Integer.toString(status)).setStatus(StatusCode.ERROR);
        }
    }

    /** Exports what is left and stops the SDK (at shutdown). */
    @Override
    public void close() {
        sdk.ifPresent(s -> s.shutdown().join(10, TimeUnit.SECONDS));
    }
}
