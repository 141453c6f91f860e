package io.joinery.child.actions;

import io.joinery.child.metadata.ActionDef;
import io.joinery.child.metadata.ActionHeader;
import io.joinery.core.http.JoineryVersion;
import io.joinery.core.json.Json;
import io.joinery.core.metadata.EnvTemplate;
import io.joinery.core.observe.Telemetry;
import io.joinery.core.upstream.Idempotency;
import io.joinery.core.upstream.UpstreamClient;
import io.joinery.core.upstream.UpstreamRequest;
import io.joinery.core.upstream.UpstreamSettings;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * POSTs an {@link ActionPayload} to an action handler through core's pooled, non-blocking
 * {@link UpstreamClient} (SPEC §3.4) and reports what came back as an {@link ActionOutcome}. HTTP
 * statuses are never errors here; a transport failure or the action's timeout becomes
 * {@link ActionOutcome.Failed}. The only error the Mono can carry is a `not-found` for an
 * environment variable that is not set.
 *
 * <p>A handler call is {@link Idempotency#NON_IDEMPOTENT}, whatever the action's kind: a call lost
 * on a stale pooled connection is sent again only when none of it was written (core's
 * {@code StaleConnectionRetry}); the idle lifetime of pooled connections is what keeps it from
 * happening ({@code JOINERY_UPSTREAM_IDLE_TIMEOUT}).
 *
 * <p>Headers, later ones replacing earlier ones of the same name: `Content-Type`, `User-Agent:
 * joinery/<version>`, the forwarded client headers (when enabled), then the configured headers,
 * so configured headers win a clash.
 */
public final class ActionHandlerClient {
    private final UpstreamClient upstream;
    private final Function<String, String> env;
    private final Telemetry telemetry;

    /** @param env resolves `{{VAR}}` and `value_from_env` */
    public ActionHandlerClient(UpstreamClient upstream, Function<String, String> env) {
        this(upstream, env, Telemetry.noop());
    }

    /** @param telemetry times every call per action (`joinery_action_handler_calls_seconds`) */
    public ActionHandlerClient(UpstreamClient upstream, Function<String, String> env, Telemetry telemetry) {
        this.upstream = upstream;
        this.env = env;
        this.telemetry = telemetry;
    }

    /** A client with its own connection pool (`joinery-actions`, up to 256 connections per handler host); `env` resolves `{{VAR}}` and `value_from_env` (`ChildConfig.env`). */
    public static ActionHandlerClient pooled(UpstreamSettings settings, Function<String, String> env) {
        return pooled(settings, env, Telemetry.noop());
    }

    /** As above, every call timed in {@code telemetry}. */
    public static ActionHandlerClient pooled(UpstreamSettings settings, Function<String, String> env,
                                             Telemetry telemetry) {
        return new ActionHandlerClient(UpstreamClient.pooled("joinery-actions", 256, false, settings), env, telemetry);
    }

    public Mono<ActionOutcome> call(ActionCall call) {
        return telemetry.handlerCall(call.payload().actionName(), Mono.defer(() -> send(call)));
    }

    /** Closes pooled connections (shutdown and tests). */
    public void dispose() {
        upstream.dispose();
    }

    private Mono<ActionOutcome> send(ActionCall call) {
        ActionDef.Definition definition = call.definition();
        String url = EnvTemplate.expand(definition.handler(), env);
        List<Map.Entry<String, String>> forwarded = definition.forwardClientHeaders()
                ? ClientHeaderForwarder.forward(call.clientHeaders()) : List.of();
        List<Map.Entry<String, String>> configured = new ArrayList<>();
        for (ActionHeader header : definition.headers()) {
            String value = header.isFromEnv() ? EnvTemplate.lookup(header.valueFromEnv(), env)
                    : EnvTemplate.expand(header.value(), env);
            configured.add(Map.entry(header.name(), value));
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Content-Type", "application/json"));
        headers.add(Map.entry("User-Agent", JoineryVersion.userAgent()));
        headers.addAll(forwarded);
        headers.removeIf(h -> configured.stream().anyMatch(c -> c.getKey().equalsIgnoreCase(h.getKey())));
        headers.addAll(configured);
        ActionOutcome.SentRequest sent = new ActionOutcome.SentRequest(definition.handler(), call.payload().toJson(),
                reportedHeaders(definition.headers(), forwarded));
        return Mono.defer(() -> upstream.post(new UpstreamRequest(URI.create(url), headers, Json.write(sent.body()),
                        call.timeout(), Idempotency.NON_IDEMPOTENT)))
                .map(response -> (ActionOutcome) new ActionOutcome.Responded(sent, response.status(), response.body(),
                        response.headers()))
                // a transport failure is an outcome the interpreter reports (error T), not a crash
                .onErrorResume(e -> Mono.just(new ActionOutcome.Failed(sent, describe(e))));
    }

    /** Configured headers as configured, then forwarded ones a configured header does not replace. */
    private static List<ActionHeader> reportedHeaders(List<ActionHeader> configured,
                                                      List<Map.Entry<String, String>> forwarded) {
        List<ActionHeader> reported = new ArrayList<>(configured);
        for (Map.Entry<String, String> header : forwarded) {
            boolean replaced = configured.stream().anyMatch(c -> c.name().equalsIgnoreCase(header.getKey()));
            if (!replaced) {
                reported.add(ActionHeader.literal(header.getKey(), header.getValue()));
            }
        }
        return reported;
    }

    /** Hasura's texts for the common transport failures. */
    private static String describe(Throwable e) {
        if (e instanceof TimeoutException || e instanceof io.netty.handler.timeout.ReadTimeoutException) {
            return "Response timeout";
        }
        if (e instanceof ConnectTimeoutException) {
            return "Connection timeout";
        }
        if (e instanceof ConnectException) {
            return "Connection failure";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
