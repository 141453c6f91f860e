package io.joinery.core.observe;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.graphql.OperationKind;
import io.joinery.core.limits.RateLimitListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The one facade through which the stages of both servers record what they do (STYLE §11): each
 * stage records its own work here, and a stage test runs with {@link #noop()}. Every metric is
 * listed in docs/observability.md; names follow Prometheus conventions (Micrometer adds the unit
 * and `_total`: {@code joinery.sql.statements} becomes {@code joinery_sql_statements_seconds}).
 *
 * <p>The hot path stays cheap: meters are resolved once (per endpoint and operation type at start,
 * per remote, action or error code at first use, then found in a map by the name alone), so
 * recording allocates no tag list.
 */
public final class Telemetry implements AutoCloseable {
    /** The latency histogram buckets of every timer: 1 ms to 10 s. */
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)};

    /** The `operation_type` of a request that is not a GraphQL operation (metadata, health, ...). */
    public static final String NO_OPERATION = "none";

    private final MeterRegistry registry;
    private final Optional<PrometheusMeterRegistry> prometheus;
    private final Optional<JvmGcMetrics> gc;
    private final Map<String, Counter> errorsByCode = new ConcurrentHashMap<>();
    private final Map<String, Timer> upstreamByRemote = new ConcurrentHashMap<>();
    private final Map<String, Timer> handlerByAction = new ConcurrentHashMap<>();
    private final Map<String, Counter> asyncByState = new ConcurrentHashMap<>();
    private final Map<String, Counter> refusalsByLimit = new ConcurrentHashMap<>();
    /** Registered at the first statement: the gateway sends none, and so shows no SQL metric. */
    private volatile Timer sqlStatements;
    private final Counter jwksRefreshed;
    private final Counter jwksFailed;
    private final Tracing tracing;

    private Telemetry(MeterRegistry registry, Optional<PrometheusMeterRegistry> prometheus,
                      Optional<JvmGcMetrics> gc, Tracing tracing) {
        this.registry = registry;
        this.tracing = tracing;
        this.prometheus = prometheus;
        this.gc = gc;
        this.jwksRefreshed = jwksCounter("success");
        this.jwksFailed = jwksCounter("failure");
        for (ErrorCode code : ErrorCode.values()) {
            graphqlErrorCounter(code.wire());
        }
        // both servers enforce every API limit: each refusal counter shows (at 0) from the start
        for (String limit : RateLimitListener.LIMITS) {
            refusalCounter(limit);
        }
    }

    /** A Prometheus registry with the JVM and process metrics, and propagation-only tracing. */
    public static Telemetry create() {
        return create(Tracing.propagationOnly());
    }

    /** What a server runs with: a Prometheus registry with the JVM and process metrics bound, and {@code tracing}. */
    public static Telemetry create(Tracing tracing) {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(prometheus);
        new JvmMemoryMetrics().bindTo(prometheus);
        new JvmThreadMetrics().bindTo(prometheus);
        new JvmInfoMetrics().bindTo(prometheus);
        new ProcessorMetrics().bindTo(prometheus);
        new UptimeMetrics().bindTo(prometheus);
        new FileDescriptorMetrics().bindTo(prometheus);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(prometheus);
        return new Telemetry(prometheus, Optional.of(prometheus), Optional.of(gc), tracing);
    }

    /**
     * What a server runs with, as {@code config} says: {@link #create(Tracing)}, or, with
     * `JOINERY_METRICS_ENABLED=false`, {@link #withoutMetrics}.
     */
    public static Telemetry create(ObservabilityConfig config, Tracing tracing) {
        return config.metricsEnabled() ? create(tracing) : withoutMetrics(tracing);
    }

    /**
     * No metric at all, {@code tracing} as given: every meter is refused by the registry (Micrometer
     * then hands out no-op meters, and keeps none), and plan caches count nothing.
     */
    public static Telemetry withoutMetrics(Tracing tracing) {
        MeterRegistry none = new CompositeMeterRegistry();
        none.config().meterFilter(MeterFilter.deny());
        return new Telemetry(none, Optional.empty(), Optional.empty(), tracing);
    }

    /** Records nothing and exports nothing: for stage tests and tools. */
    public static Telemetry noop() {
        return withoutMetrics(Tracing.propagationOnly());
    }

    /** Whether metrics are recorded and scraped (false for {@link #withoutMetrics} and {@link #noop()}). */
    public boolean hasMetrics() {
        return prometheus.isPresent();
    }

    /** The registry's metrics in the Prometheus text format; empty without metrics. */
    public Optional<String> scrape() {
        return prometheus.map(PrometheusMeterRegistry::scrape);
    }

    /**
     * The registry's metrics in the format of {@code contentType} (the Prometheus text format
     * 0.0.4, or OpenMetrics 1.0.0: `application/openmetrics-text; version=1.0.0`); empty without metrics.
     */
    public Optional<String> scrape(String contentType) {
        return prometheus.map(p -> p.scrape(contentType));
    }

    public Tracing tracing() {
        return tracing;
    }

    /** For tests and binders of a service's own: the registry every meter here lives in. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The request timers of one endpoint (a route's path), one per operation type; resolve once, at start. */
    public RequestMeters endpoint(String endpoint) {
        Timer[] byKind = new Timer[OperationKind.values().length];
        for (OperationKind kind : OperationKind.values()) {
            byKind[kind.ordinal()] = requestTimer(endpoint, kind.name().toLowerCase(java.util.Locale.ROOT));
        }
        return new RequestMeters(byKind, requestTimer(endpoint, NO_OPERATION));
    }

    private Timer requestTimer(String endpoint, String operationType) {
        return timer("joinery.http.requests", "HTTP requests answered, by endpoint and GraphQL operation type")
                .tags("endpoint", endpoint, "operation_type", operationType).register(registry);
    }

    /** One GraphQL error (a request error or a field error) with its `extensions.code`. */
    public void graphqlError(String code) {
        graphqlErrorCounter(code).increment();
    }

    private Counter graphqlErrorCounter(String code) {
        return meter(errorsByCode, code, c -> Counter.builder("joinery.graphql.errors")
                .description("GraphQL errors answered, by extensions.code").tag("code", c).register(registry));
    }

    /**
     * The meter of {@code label} in {@code meters}, registered by {@code register} the first time:
     * a plain read on the hot path afterwards (computeIfAbsent locks its bin even on a hit).
     */
    private static <M> M meter(Map<String, M> meters, String label, Function<String, M> register) {
        M meter = meters.get(label);
        return meter != null ? meter : meters.computeIfAbsent(label, register);
    }

    /**
     * {@code call} (one request to remote schema {@code remote}) timed in
     * `joinery_upstream_requests_seconds`, in a CLIENT span when tracing exports.
     */
    public <T> Mono<T> upstreamRequest(String remote, Mono<T> call) {
        return timed(meter(upstreamByRemote, remote, r ->
                        timer("joinery.upstream.requests", "requests to remote schemas, by remote schema")
                                .tag("remote", r).register(registry)),
                tracing.clientSpan("remote schema " + remote, call, "joinery.remote_schema", remote));
    }

    /**
     * {@code call} (one call of the handler of {@code action}) timed in
     * `joinery_action_handler_calls_seconds`, in a CLIENT span when tracing exports.
     */
    public <T> Mono<T> handlerCall(String action, Mono<T> call) {
        return timed(meter(handlerByAction, action, a ->
                        timer("joinery.action.handler.calls", "action handler calls, by action")
                                .tag("action", a).register(registry)),
                tracing.clientSpan("action " + action, call, "joinery.action", action));
    }

    /** {@code statement} (one SQL statement) timed in `joinery_sql_statements_seconds`. */
    public <T> Mono<T> sqlStatement(Mono<T> statement) {
        return timed(sqlTimer(), statement);
    }

    /**
     * {@code statement} timed in `joinery_sql_statements_seconds`, in a CLIENT span (`db.system.name`
     * and `db.system`, `db.operation.name`, `db.query.text`: the text is parameterised, it holds no
     * values) when tracing exports.
     */
    public <T> Mono<T> sqlStatement(String text, Mono<T> statement) {
        if (!tracing.isExporting()) {
            return timed(sqlTimer(), statement);
        }
        int space = text.indexOf(' ');
        String name = (space > 0 ? text.substring(0, space) : text).strip().toUpperCase(java.util.Locale.ROOT);
        // db.system: the name before semantic conventions 1.26, which many backends still show
        return timed(sqlTimer(), tracing.clientSpan(name, statement, "db.system.name", "postgresql",
                "db.system", "postgresql", "db.operation.name", name, "db.query.text", text));
    }

    private Timer sqlTimer() {
        Timer timer = sqlStatements;
        if (timer == null) {
            // registering twice (two first statements at once) yields the same timer
            timer = timer("joinery.sql.statements", "SQL statements sent to Postgres").register(registry);
            sqlStatements = timer;
        }
        return timer;
    }

    /**
     * A Caffeine cache of plans (or prepared operations, compiled statements) whose hits and misses
     * are counted: `cache_gets_total{cache=name, result="hit"|"miss"}`, with its size and evictions.
     */
    public <K, V> Cache<K, V> planCache(String name, long maximumSize) {
        if (!hasMetrics()) {
            return Caffeine.newBuilder().maximumSize(maximumSize).build();
        }
        Cache<K, V> cache = Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build();
        return CaffeineCacheMetrics.monitor(registry, cache, name);
    }

    /** Asynchronous action invocations that reached {@code state} (`created`, `processing`, `completed`, `error`). */
    public void asyncInvocations(String state, long count) {
        if (count > 0) {
            asyncCounter(state).increment(count);
        }
    }

    /**
     * Registers `joinery_async_action_invocations_total` at 0 for each of {@code states}: the server
     * that runs asynchronous actions shows them from the start, not from their first invocation.
     */
    public void asyncInvocationStates(String... states) {
        for (String state : states) {
            asyncCounter(state);
        }
    }

    private Counter asyncCounter(String state) {
        return meter(asyncByState, state, s -> Counter.builder("joinery.async.action.invocations")
                .description("asynchronous action invocations that reached a state").tag("state", s)
                .register(registry));
    }

    /** One fetch of a JWKS (`jwk_url`), whether it brought keys. */
    public void jwksRefresh(boolean succeeded) {
        (succeeded ? jwksRefreshed : jwksFailed).increment();
    }

    private Counter jwksCounter(String outcome) {
        return Counter.builder("joinery.jwks.refreshes").description("JWKS fetches, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    /**
     * One request refused by an API limit; {@code limit} names which one (`rate_limit`,
     * `batch_limit`, `depth_limit`, `node_limit`, `time_limit`: a small fixed set, it is a label).
     * The servers' {@code ApiLimiter} reports each refusal here.
     */
    public void rateLimitRefused(String limit) {
        refusalCounter(limit).increment();
    }

    private Counter refusalCounter(String limit) {
        return meter(refusalsByLimit, limit, l -> Counter.builder("joinery.rate.limit.refusals")
                .description("requests refused by an API limit, by limit").tag("limit", l).register(registry));
    }

    /** {@code call} timed in {@code timer}; just {@code call} without metrics (no wrapping, no clock read). */
    private <T> Mono<T> timed(Timer timer, Mono<T> call) {
        if (!hasMetrics()) {
            return call;
        }
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return call.doFinally(signal -> timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
        });
    }

    private static Timer.Builder timer(String name, String description) {
        return Timer.builder(name).description(description).serviceLevelObjectives(LATENCY_BUCKETS);
    }

    @Override
    public void close() {
        tracing.close();
        gc.ifPresent(JvmGcMetrics::close);
        registry.close();
    }

    /** The request timers of one endpoint: by operation type, and for requests that are no GraphQL operation. */
    public static final class RequestMeters {
        private final Timer[] byKind;
        private final Timer none;

        RequestMeters(Timer[] byKind, Timer none) {
            this.byKind = byKind;
            this.none = none;
        }

        /** Records one request of {@code kind} (null: not a GraphQL operation). */
        public void record(OperationKind kind, long nanos) {
            (kind == null ? none : byKind[kind.ordinal()]).record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
