package io.joinery.core.observe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.joinery.core.graphql.OperationKind;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * What is observed of one HTTP request while it is answered: its id, when it started, and what the
 * stages learn on the way (the GraphQL operation's type and name). The front door creates it,
 * puts it in the Reactor context of the request's pipeline ({@link #into}), and records it when the
 * answer is written; a stage deep in the pipeline (an upstream call, a SQL statement) finds it
 * with {@link #in}.
 *
 * <p>Written by the request's own pipeline, which runs one signal at a time; read when it ends.
 */
public final class RequestObservation {
    /** The request id's header: read from the client, echoed to it, sent to remotes and handlers. */
    public static final String REQUEST_ID_HEADER = "x-request-id";
    private static final Class<RequestObservation> KEY = RequestObservation.class;

    private final String requestId;
    private final Telemetry telemetry;
    private final long startedNanos;
    private volatile OperationKind operationKind;
    private volatile String operationName;
    private volatile String document;
    private final io.opentelemetry.context.Context trace;
    private volatile int status;
    private volatile int responseBytes;
    private volatile String errorCode;

    public RequestObservation(String requestId, Telemetry telemetry, long startedNanos) {
        this(requestId, telemetry, startedNanos, io.opentelemetry.context.Context.root());
    }

    /** @param trace the request's trace context ({@link Tracing#startRequest}) */
    public RequestObservation(String requestId, Telemetry telemetry, long startedNanos,
                              io.opentelemetry.context.Context trace) {
        this.requestId = requestId;
        this.telemetry = telemetry;
        this.startedNanos = startedNanos;
        this.trace = trace;
    }

    /**
     * Starts observing a request that arrived at {@code startedNanos}, whose headers {@code headers}
     * reads: its trace continued (or begun), its span (when exporting) named {@code name}.
     */
    public static RequestObservation start(String requestId, Telemetry telemetry, long startedNanos,
                                           Function<String, String> headers, String name) {
        return new RequestObservation(requestId, telemetry, startedNanos,
                telemetry.tracing().startRequest(headers, name));
    }

    /**
     * Once the answer is written (or the client went away): the request timed in {@code meters}, its
     * `http-log` line, its span ended (when tracing exports).
     */
    public void end(Telemetry.RequestMeters meters, String method, String path) {
        long nanos = System.nanoTime() - startedNanos;
        meters.record(operationKind, nanos);
        if (Logs.HTTP.isInfoEnabled()) {
            org.slf4j.spi.LoggingEventBuilder line = Logs.HTTP.atInfo().addKeyValue("request_id", requestId);
            String traceId = Tracing.traceId(trace);
            if (traceId != null) {
                line.addKeyValue("trace_id", traceId);
            }
            line.addKeyValue("http_info", new HttpLogInfo(status, method, path))
                    .addKeyValue("operation", new HttpLogOperation(requestId, operationName,
                            operationKind == null ? null : operationKind.name().toLowerCase(Locale.ROOT),
                            nanos / 1e9, responseBytes, errorCode == null ? null : new HttpLogError(errorCode),
                            operationName == null ? null : new HttpLogQuery(operationName)))
                    .log("{} {} {}", method, path, status);
        }
        telemetry.tracing().endRequest(trace, status, path, this);
    }

    /** `http_info` of an `http-log` line (Hasura's names). */
    record HttpLogInfo(int status, String method, String url) {}

    /**
     * `operation` of an `http-log` line: the GraphQL operation, if any, the time to answer, in
     * seconds, and, when GraphQL errors were answered, the first one's code (as Hasura's `error`,
     * without the message, which may quote the request's values). `request_id` and
     * `query.operationName` repeat what is elsewhere on the line, where Hasura's lines have them,
     * for tools written for those.
     */
    record HttpLogOperation(@JsonProperty("request_id") String requestId,
                            @JsonProperty("operation_name") String operationName,
                            @JsonProperty("operation_type") String operationType,
                            @JsonProperty("query_execution_time") double seconds,
                            @JsonProperty("response_size") int responseSize,
                            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("error") HttpLogError error,
                            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("query") HttpLogQuery query) {}

    /** `operation.error` of an `http-log` line. */
    record HttpLogError(@JsonProperty("code") String code) {}

    /** `operation.query` of an `http-log` line: where Hasura's lines name the operation (never the document). */
    record HttpLogQuery(@JsonProperty("operationName") String operationName) {}

    /** The request's observation in a pipeline's context, if the pipeline serves a request. */
    public static Optional<RequestObservation> in(ContextView context) {
        return context.getOrEmpty(KEY);
    }

    /** {@code context} carrying this observation, and the request's trace context ({@link Tracing#current}). */
    public Context into(Context context) {
        return context.put(KEY, this).put(Tracing.KEY, trace);
    }

    public String requestId() {
        return requestId;
    }

    public Telemetry telemetry() {
        return telemetry;
    }

    public long startedNanos() {
        return startedNanos;
    }

    /**
     * The GraphQL operation the request runs, once it is parsed; in a batch the first one is kept.
     * {@code name} is the name in the document (what `operationName` selected), or null.
     */
    public void operation(OperationKind kind, String name, String document) {
        if (operationKind == null) {
            operationKind = kind;
            operationName = name;
            this.document = document;
        }
    }

    /** The GraphQL document of {@link #operation}, or null. */
    public String document() {
        return document;
    }

    /**
     * One GraphQL error answered to this request (a request error or a field error), with its
     * `extensions.code`: counted in `joinery_graphql_errors_total`, and the first one's code marks
     * the request's span as failed ({@link Tracing#endRequest}).
     */
    public void graphqlError(String code) {
        telemetry.graphqlError(code);
        if (errorCode == null) {
            errorCode = code;
        }
    }

    /** The `extensions.code` of the first GraphQL error answered, or null. */
    public String errorCode() {
        return errorCode;
    }

    /** The answer's status and size in bytes, as written. */
    public void answered(int status, int responseBytes) {
        this.status = status;
        this.responseBytes = responseBytes;
    }

    public int status() {
        return status;
    }

    public int responseBytes() {
        return responseBytes;
    }

    /** The operation type, or null when the request ran no GraphQL operation (or failed before parsing). */
    public OperationKind operationKind() {
        return operationKind;
    }

    public String operationName() {
        return operationName;
    }
}
