package io.joinery.core.http;

import io.joinery.core.config.Environment;
import java.time.Duration;

/**
 * The hard guards of both servers against hostile or broken clients and upstreams (SPEC §11.2):
 * always on, each adjustable by one environment variable (docs/configuration.md, docs/security.md).
 * Each is checked where the thing it bounds is first known: bytes and time at the front door, JSON
 * while parsing the body, the batch size right after parsing, upstream answers while receiving.
 *
 * @param maxBodyBytes          `JOINERY_MAX_BODY_BYTES`: the largest request body; larger: 413 before it is read
 * @param maxHeaderBytes        `JOINERY_MAX_HEADER_BYTES`: the largest header block (and request line); larger: 431
 * @param readTimeout           `JOINERY_READ_TIMEOUT_SECONDS`: time from a request's first byte to its last;
 *                              a slower client is disconnected
 * @param idleTimeout           `JOINERY_IDLE_TIMEOUT_SECONDS`: how long a keep-alive connection may wait for
 *                              its next request
 * @param requestTimeout        `JOINERY_REQUEST_TIMEOUT_SECONDS`: the most time one request may take from its
 *                              last byte to its answer; then `unexpected` (504 on the API endpoints). A
 *                              backstop: above the 60 s defaults of statement_timeout, run_sql and
 *                              remote schema timeouts, so that their own, clearer errors come first
 * @param maxJsonDepth          `JOINERY_MAX_JSON_DEPTH`: nesting of arrays and objects in a request body
 * @param maxBatch              `JOINERY_MAX_BATCH`: operations in one batched `/v1/graphql` request
 * @param upstreamMaxResponseBytes `JOINERY_UPSTREAM_MAX_RESPONSE_BYTES`: the largest answer of a remote schema or
 *                              action handler, counted after decompression
 * @param upstreamMaxPending    `JOINERY_UPSTREAM_MAX_PENDING`: calls that may wait for a pooled upstream
 *                              connection when all are busy; one more fails at once
 */
public record HardLimits(int maxBodyBytes, int maxHeaderBytes, Duration readTimeout, Duration idleTimeout,
                         Duration requestTimeout, int maxJsonDepth, int maxBatch, int upstreamMaxResponseBytes,
                         int upstreamMaxPending) {
    public static final String MAX_BODY_BYTES = "JOINERY_MAX_BODY_BYTES";
    public static final String MAX_HEADER_BYTES = "JOINERY_MAX_HEADER_BYTES";
    public static final String READ_TIMEOUT = "JOINERY_READ_TIMEOUT_SECONDS";
    public static final String IDLE_TIMEOUT = "JOINERY_IDLE_TIMEOUT_SECONDS";
    public static final String REQUEST_TIMEOUT = "JOINERY_REQUEST_TIMEOUT_SECONDS";
    public static final String MAX_JSON_DEPTH = "JOINERY_MAX_JSON_DEPTH";
    public static final String MAX_BATCH = "JOINERY_MAX_BATCH";
    public static final String UPSTREAM_MAX_RESPONSE_BYTES = "JOINERY_UPSTREAM_MAX_RESPONSE_BYTES";
    public static final String UPSTREAM_MAX_PENDING = "JOINERY_UPSTREAM_MAX_PENDING";

    public static final HardLimits DEFAULTS = new HardLimits(4 * 1024 * 1024, 64 * 1024, Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(120), 500, 100, 64 * 1024 * 1024, 1000);

    public HardLimits {
        atLeastOne(MAX_BODY_BYTES, maxBodyBytes);
        atLeastOne(MAX_HEADER_BYTES, maxHeaderBytes);
        atLeastOne(READ_TIMEOUT, readTimeout.toMillis());
        atLeastOne(IDLE_TIMEOUT, idleTimeout.toMillis());
        atLeastOne(REQUEST_TIMEOUT, requestTimeout.toMillis());
        atLeastOne(MAX_JSON_DEPTH, maxJsonDepth);
        atLeastOne(MAX_BATCH, maxBatch);
        atLeastOne(UPSTREAM_MAX_RESPONSE_BYTES, upstreamMaxResponseBytes);
        atLeastOne(UPSTREAM_MAX_PENDING, upstreamMaxPending);
    }

    /**
     * The limits {@code env} sets, each unset one at its default.
     *
     * @throws IllegalArgumentException naming the variable when one is not a whole number of at least 1
     */
    public static HardLimits fromEnvironment(Environment env) {
        HardLimits d = DEFAULTS;
        return new HardLimits(
                env.integer(MAX_BODY_BYTES, d.maxBodyBytes),
                env.integer(MAX_HEADER_BYTES, d.maxHeaderBytes),
                Duration.ofSeconds(env.integer(READ_TIMEOUT, (int) d.readTimeout.toSeconds())),
                Duration.ofSeconds(env.integer(IDLE_TIMEOUT, (int) d.idleTimeout.toSeconds())),
                Duration.ofSeconds(env.integer(REQUEST_TIMEOUT, (int) d.requestTimeout.toSeconds())),
                env.integer(MAX_JSON_DEPTH, d.maxJsonDepth),
                env.integer(MAX_BATCH, d.maxBatch),
                env.integer(UPSTREAM_MAX_RESPONSE_BYTES, d.upstreamMaxResponseBytes),
                env.integer(UPSTREAM_MAX_PENDING, d.upstreamMaxPending));
    }

    public HardLimits withMaxBodyBytes(int max) {
        return new HardLimits(max, maxHeaderBytes, readTimeout, idleTimeout, requestTimeout, maxJsonDepth, maxBatch,
                upstreamMaxResponseBytes, upstreamMaxPending);
    }

    public HardLimits withTimeouts(Duration read, Duration idle, Duration request) {
        return new HardLimits(maxBodyBytes, maxHeaderBytes, read, idle, request, maxJsonDepth, maxBatch,
                upstreamMaxResponseBytes, upstreamMaxPending);
    }

    private static void atLeastOne(String variable, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(variable + " must be at least 1, got " + value);
        }
    }
}
