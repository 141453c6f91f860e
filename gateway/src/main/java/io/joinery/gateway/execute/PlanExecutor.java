package io.joinery.gateway.execute;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;
import io.joinery.core.upstream.Idempotency;
import io.joinery.gateway.plan.QueryPlan;
import io.joinery.gateway.plan.RootEntry;
import io.joinery.gateway.plan.RootFetch;
import io.joinery.gateway.plan.UpstreamJoinRequest;
import io.joinery.gateway.remote.RemoteClient;
import io.joinery.gateway.remote.RemoteHeaders;
import io.joinery.gateway.remote.RemoteRequest;
import io.joinery.gateway.remote.RemoteResponse;
import io.joinery.gateway.schema.RemoteEndpoint;
import io.joinery.gateway.schema.RemoteSchema;
import io.joinery.gateway.schema.Supergraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Performs a {@link QueryPlan}'s I/O and assembles the client's `{data, errors}`.
 *
 * <p>Design note: a query's root fetches run concurrently (one request per remote); a mutation's
 * run one after another in plan order (SPEC §0.2). Each fetch ends as a {@link FetchOutcome}
 * value, never as an error of the Mono: a failing remote turns into field errors with client paths
 * while the other remotes' data is kept (SPEC §0.1). Timeouts are per remote, on the request. A
 * query's requests may be sent twice when a pooled connection turns out stale, a mutation's never
 * once written (core's {@code StaleConnectionRetry}), so each fetch says which it is.
 * {@link ResponseMerger} turns the root answers into the client's `data`; then {@link JoinExecutor}
 * runs the plan's join tree over it, level by level: one request per join node per level,
 * whatever the number of rows, up to {@code joinMaxKeys} distinct tuples per request. Both report
 * to the execution's one {@link FieldErrors}, which is where upstream error paths become client
 * paths. Plans whose answers are plain successes skip the trees: {@link PassThroughWriter} (one
 * fetch, no joins) and {@link StreamedJoinWriter} (joins one level deep) write the same bytes.
 */
public final class PlanExecutor {
    private static final int MAX_CONCURRENT_FETCHES = 32;
    /** The default of `JOINERY_JOIN_MAX_KEYS`: the most distinct tuples one join request asks for. */
    public static final int DEFAULT_JOIN_MAX_KEYS = 1_000;

    private final RemoteClient client;
    private final String userAgent;
    private final int joinMaxKeys;

    public PlanExecutor(RemoteClient client, String userAgent) {
        this(client, userAgent, DEFAULT_JOIN_MAX_KEYS);
    }

    /** {@code joinMaxKeys}: a join level with more distinct tuples is sent in several requests (SPEC §11.2). */
    public PlanExecutor(RemoteClient client, String userAgent, int joinMaxKeys) {
        if (joinMaxKeys < 1) {
            throw new IllegalArgumentException("joinMaxKeys must be at least 1, got " + joinMaxKeys);
        }
        this.client = client;
        this.userAgent = userAgent;
        this.joinMaxKeys = joinMaxKeys;
    }

    public Mono<ExecutionOutcome> execute(QueryPlan plan, Supergraph supergraph, ExecutionRequest request) {
        List<RootEntry.Remote> passThrough = PassThroughWriter.applies(plan);
        if (passThrough != null) {
            return Mono.defer(() -> passThrough(plan, passThrough, supergraph, request));
        }
        StreamedJoinWriter streamed = StreamedJoinWriter.applies(plan);
        if (streamed != null) {
            return Mono.defer(() -> streamedJoin(plan, streamed, supergraph, request));
        }
        List<RootFetch> roots = plan.roots();
        if (roots.size() == 1) {
            // one fetch: no operator that orders concurrent ones (and allocates their queues)
            return Mono.defer(() -> fetch(plan, roots.get(0), supergraph, request))
                    .flatMap(outcome -> assemble(plan, List.of(outcome), supergraph, request, Map.of()));
        }
        Flux<FetchOutcome> outcomes = plan.mutation()
                ? Flux.fromIterable(roots).concatMap(fetch -> fetch(plan, fetch, supergraph, request))
                : Flux.fromIterable(roots).flatMapSequential(fetch -> fetch(plan, fetch, supergraph, request),
                        MAX_CONCURRENT_FETCHES);
        return outcomes.collectList().flatMap(list -> assemble(plan, list, supergraph, request, Map.of()));
    }

    /**
     * A plan that only passes one remote's answer on: a plain success is copied to the client's
     * body as bytes ({@link PassThroughWriter}); anything else (errors, a failure, an answer that
     * does not fit the plan) goes the tree path like any other plan.
     */
    private Mono<ExecutionOutcome> passThrough(QueryPlan plan, List<RootEntry.Remote> entries, Supergraph supergraph,
                                               ExecutionRequest request) {
        RootFetch fetch = plan.roots().get(0);
        RemoteSchema remote = supergraph.remotes().get(fetch.remote());
        // two operators, not four: the answer is written (or assembled: a plan without joins) in place
        return client.send(upstreamRequest(remote, fetch.document(), fetch.operationName(), fetch.variables(),
                        plan.mutation() ? Idempotency.NON_IDEMPOTENT : Idempotency.IDEMPOTENT, request))
                .map(response -> {
                    try {
                        byte[] body = PassThroughWriter.write(entries, response.bodyBytes());
                        return body != null ? ExecutionOutcome.written(body, response.setCookies())
                                : assembled(plan, List.of(read(response)), supergraph, request, new ArrayList<>());
                    } catch (Throwable e) {
                        Exceptions.throwIfFatal(e);
                        throw new NotTransport(e);
                    }
                })
                .onErrorResume(e -> e instanceof NotTransport failure ? Mono.error(failure.getCause())
                        : Mono.fromCallable(() -> assembled(plan, List.of(transportFailure(remote.endpoint(), e)),
                                supergraph, request, new ArrayList<>())));
    }

    /** A failure of the gateway's own work on an answer: passed on as it is, never taken for a failed request. */
    private static final class NotTransport extends RuntimeException {
        NotTransport(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /**
     * A plan whose joins are one level deep ({@link StreamedJoinWriter}): the root answer and the
     * join answers are copied to the client's body as bytes; when one of them is not a plain
     * success, the tree path answers with what has been received (no request is sent twice).
     */
    private Mono<ExecutionOutcome> streamedJoin(QueryPlan plan, StreamedJoinWriter writer, Supergraph supergraph,
                                                ExecutionRequest request) {
        RootFetch fetch = plan.roots().get(0);
        RemoteSchema remote = supergraph.remotes().get(fetch.remote());
        return reply(remote, fetch.document(), fetch.operationName(), fetch.variables(),
                        plan.mutation() ? Idempotency.NON_IDEMPOTENT : Idempotency.IDEMPOTENT, request)
                .flatMap(rootReply -> {
                    StreamedJoinWriter.Root root = rootReply.response() == null ? null
                            : writer.collect(rootReply.response().bodyBytes(), joinMaxKeys, request.variables());
                    if (root == null) {
                        return assemble(plan, List.of(rootReply.outcome()), supergraph, request, Map.of());
                    }
                    List<StreamedJoinWriter.Chunk> chunks = root.chunks();
                    Mono<List<UpstreamReply>> sent = chunks.size() == 1
                            ? joinReply(chunks.get(0), supergraph, request).map(List::of)
                            : Flux.fromIterable(chunks).flatMapSequential(c -> joinReply(c, supergraph, request),
                                    MAX_CONCURRENT_FETCHES).collectList();
                    return sent.flatMap(replies -> {
                        boolean answered = replies.stream().allMatch(reply -> reply.response() != null);
                        byte[] body = !answered ? null : StreamedJoinWriter.write(root,
                                replies.stream().map(reply -> reply.response().bodyBytes()).toList());
                        if (body != null) {
                            List<String> setCookies = new ArrayList<>(rootReply.response().setCookies());
                            replies.forEach(reply -> setCookies.addAll(reply.response().setCookies()));
                            return Mono.just(ExecutionOutcome.written(body, setCookies));
                        }
                        Map<String, FetchOutcome> received = new ConcurrentHashMap<>();
                        for (int i = 0; i < chunks.size(); i++) {
                            received.put(chunks.get(i).document().text(), replies.get(i).outcome());
                        }
                        return assemble(plan, List.of(rootReply.outcome()), supergraph, request, received);
                    });
                });
    }

    private Mono<UpstreamReply> joinReply(StreamedJoinWriter.Chunk chunk, Supergraph supergraph,
                                          ExecutionRequest request) {
        return joinReply(supergraph.remotes().get(chunk.node().remote()), chunk.document(), request);
    }

    /**
     * Sends a join request: always a query, also under a mutation's result, with the variables its
     * document generated ({@link JoinExecutor} and {@link #streamedJoin} both send them so).
     */
    Mono<UpstreamReply> joinReply(RemoteSchema remote, UpstreamJoinRequest.Document document, ExecutionRequest request) {
        return reply(remote, document.text(), null, document.variables(), Idempotency.IDEMPOTENT,
                request.withVariables(document.generatedValues()));
    }

    /**
     * The tree path: the root outcomes merged into `data`, then the joins stitched in;
     * {@code received}: join answers already received, by document text (their requests are not sent again).
     */
    private Mono<ExecutionOutcome> assemble(QueryPlan plan, List<FetchOutcome> list, Supergraph supergraph,
                                            ExecutionRequest request, Map<String, FetchOutcome> received) {
        List<String> setCookies = new ArrayList<>();
        if (plan.joins().isEmpty()) {
            return Mono.fromCallable(() -> assembled(plan, list, supergraph, request, setCookies));
        }
        FieldErrors errors = new FieldErrors(request.session().isAdmin(), plan.hiddenFields());
        cookies(list, setCookies);
        JsonNode data = ResponseMerger.merge(plan, list, supergraph, request, errors);
        Mono<Void> joins = !(data instanceof ObjectNode object) ? Mono.empty()
                : new JoinExecutor(this, supergraph, request, errors, setCookies, joinMaxKeys, received)
                        .run(plan.joins(), object);
        return joins.then(Mono.fromCallable(() -> outcome(data, errors, setCookies)));
    }

    /** The tree path of a plan without joins, done at once. */
    private static ExecutionOutcome assembled(QueryPlan plan, List<FetchOutcome> list, Supergraph supergraph,
                                              ExecutionRequest request, List<String> setCookies) {
        FieldErrors errors = new FieldErrors(request.session().isAdmin(), plan.hiddenFields());
        cookies(list, setCookies);
        return outcome(ResponseMerger.merge(plan, list, supergraph, request, errors), errors, setCookies);
    }

    private static void cookies(List<FetchOutcome> list, List<String> setCookies) {
        for (FetchOutcome outcome : list) {
            if (outcome instanceof FetchOutcome.Answered answered) {
                setCookies.addAll(answered.setCookies());
            }
        }
    }

    /** The client's body: `data`, then `errors` when there are any. */
    private static ExecutionOutcome outcome(JsonNode data, FieldErrors errors, List<String> setCookies) {
        ObjectNode body = Json.object();
        body.set("data", data);
        if (!errors.isEmpty()) {
            body.set("errors", errors.toJson());
        }
        return new ExecutionOutcome(body, setCookies);
    }

    private Mono<FetchOutcome> fetch(QueryPlan plan, RootFetch fetch, Supergraph supergraph, ExecutionRequest request) {
        return send(supergraph.remotes().get(fetch.remote()), fetch.document(), fetch.operationName(),
                fetch.variables(), plan.mutation() ? Idempotency.NON_IDEMPOTENT : Idempotency.IDEMPOTENT, request);
    }

    /**
     * POSTs one GraphQL document to {@code remote} with the client variables it uses, session and
     * configured headers (SPEC §4.4); never fails: failures are {@link FetchOutcome.Failed}. A
     * mutation is {@link Idempotency#NON_IDEMPOTENT}: never sent twice.
     */
    Mono<FetchOutcome> send(RemoteSchema remote, String document, String operationName, List<String> variableNames,
                            Idempotency idempotency, ExecutionRequest request) {
        return reply(remote, document, operationName, variableNames, idempotency, request).map(UpstreamReply::outcome);
    }

    /** As {@link #send}, the answer left as the remote's response (or the failure in its place). */
    private Mono<UpstreamReply> reply(RemoteSchema remote, String document, String operationName,
                                      List<String> variableNames, Idempotency idempotency, ExecutionRequest request) {
        RemoteEndpoint endpoint = remote.endpoint();
        return client.send(upstreamRequest(remote, document, operationName, variableNames, idempotency, request))
                .map(response -> new UpstreamReply(endpoint, response, null))
                .onErrorResume(e -> Mono.just(new UpstreamReply(endpoint, null, e)));
    }

    private RemoteRequest upstreamRequest(RemoteSchema remote, String document, String operationName,
                                          List<String> variableNames, Idempotency idempotency,
                                          ExecutionRequest request) {
        RemoteEndpoint endpoint = remote.endpoint();
        return new RemoteRequest(remote.name(), endpoint.url(),
                RemoteHeaders.build(userAgent, endpoint.headers(), request.session(),
                        endpoint.forwardClientHeaders(), request.clientHeaders()),
                requestBody(document, operationName, variableNames, request.variables()), endpoint.timeout(),
                idempotency);
    }

    /**
     * `{"query", "variables"?, "operationName"?}` written straight to UTF-8 bytes; `variables` has
     * the named ones the request has, in the order named, and is left out when none are named.
     */
    static byte[] requestBody(String document, String operationName, List<String> variableNames,
                              ObjectNode values) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(document.length() + 64);
             JsonGenerator generator = Json.MAPPER.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("query", document);
            if (!variableNames.isEmpty()) {
                generator.writeObjectFieldStart("variables");
                for (String name : variableNames) {
                    JsonNode value = values.get(name);
                    if (value != null) {
                        generator.writeFieldName(name);
                        generator.writeTree(value);
                    }
                }
                generator.writeEndObject();
            }
            if (operationName != null) {
                generator.writeStringField("operationName", operationName);
            }
            generator.writeEndObject();
            generator.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Classifies a remote's answer (SPEC §4.4 "remote response not usable"). */
    static FetchOutcome read(RemoteResponse response) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(response.bodyBytes());
        } catch (JsonProcessingException e) {
            return new FetchOutcome.Failed("Remote server response is not valid JSON: " + e.getOriginalMessage(),
                    responseDetail(response));
        } catch (IOException | RuntimeException e) {
            // a RuntimeException too: a number Jackson tokenizes but cannot convert (`1e2147483648`)
            return new FetchOutcome.Failed("Remote server response is not valid JSON: " + e.getMessage(),
                    responseDetail(response));
        }
        if (json == null || !json.isObject()) {
            return new FetchOutcome.Failed("Remote server response is not a JSON object", responseDetail(response));
        }
        JsonNode errors = json.get("errors");
        if (errors != null && !errors.isNull() && !errors.isArray()) {
            return new FetchOutcome.Failed("Invalid \"errors\" field in response from remote", responseDetail(response));
        }
        JsonNode data = json.get("data");
        boolean hasErrors = errors != null && errors.isArray() && !errors.isEmpty();
        if ((data == null || data.isNull()) && !hasErrors) {
            String message = response.isSuccess() ? "Missing \"data\" field in response from remote"
                    : "Remote server responded with HTTP status " + response.status();
            return new FetchOutcome.Failed(message, responseDetail(response));
        }
        if (data != null && !data.isNull() && !data.isObject()) {
            return new FetchOutcome.Failed("Invalid \"data\" field in response from remote", responseDetail(response));
        }
        return new FetchOutcome.Answered(data != null && data.isObject() ? (ObjectNode) data : null,
                hasErrors ? (ArrayNode) errors : Json.array(), new ArrayList<>(response.setCookies()));
    }

    static FetchOutcome transportFailure(RemoteEndpoint endpoint, Throwable e) {
        ObjectNode internal = Json.object();
        internal.put("type", "http_exception");
        internal.put("message", e instanceof TimeoutException || e.getClass().getSimpleName().contains("Timeout")
                ? "Response timeout" : String.valueOf(e.getMessage()));
        return new FetchOutcome.Failed("HTTP exception occurred while sending the request to \""
                + endpoint.configuredUrl() + "\"", internal);
    }

    private static JsonNode responseDetail(RemoteResponse response) {
        ObjectNode internal = Json.object();
        internal.put("status", response.status());
        String body = response.body();
        internal.put("body", body.length() > 2000 ? body.substring(0, 2000) + "…" : body);
        return internal;
    }
}
