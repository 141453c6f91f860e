package io.joinery.child.actions;

import io.joinery.child.metadata.ActionDef;
import io.joinery.child.metadata.ActionHeader;
import io.joinery.core.http.JoineryVersion;
import io.joinery.core.json.Json;
import io.joinery.core.metadata.EnvTemplate;
import io.netty.buffer.Unpooled;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * POSTs an {@link ActionPayload} to an action handler over a pooled, non-blocking Reactor Netty
 * client (SPEC §3.4) and reports what came back as an {@link ActionOutcome}. HTTP statuses are
 * never errors here; a transport failure or the action's timeout becomes
 * {@link ActionOutcome.Failed}. The only error the Mono can carry is a `not-found` for an
 * environment variable that is not set.
 *
 * <p>Headers, later ones replacing earlier ones of the same name: `Content-Type`, `User-Agent:
 * joinery/<version>`, the forwarded client headers (when enabled), then the configured headers,
 * so configured headers win a clash.
 */
public final class ActionHandlerClient {
    private final HttpClient http;
    private final Function<String, String> env;

    public ActionHandlerClient(HttpClient http, Function<String, String> env) {
        this.http = http;
        this.env = env;
    }

    /** A client with its own connection pool; `env` resolves `{{VAR}}` and `value_from_env` (`ChildConfig.env`). */
    public static ActionHandlerClient pooled(Function<String, String> env) {
        ConnectionProvider pool = ConnectionProvider.builder("joinery-actions").maxConnections(256)
                .pendingAcquireMaxCount(-1).build();
        return new ActionHandlerClient(HttpClient.create(pool), env);
    }

    public Mono<ActionOutcome> call(ActionCall call) {
        return Mono.defer(() -> send(call));
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
        ActionOutcome.SentRequest sent = new ActionOutcome.SentRequest(definition.handler(), call.payload().toJson(),
                reportedHeaders(definition.headers(), forwarded));
        byte[] body = Json.write(sent.body()).getBytes(StandardCharsets.UTF_8);
        return http
                // also on the channel: the exchange still times out if no Reactor timer thread runs
                .responseTimeout(call.timeout())
                .headers(h -> {
                    h.set("Content-Type", "application/json");
                    h.set("User-Agent", JoineryVersion.userAgent());
                    // a known length rather than chunked encoding: what simple handlers expect
                    h.set("Content-Length", body.length);
                    forwarded.forEach(e -> h.add(e.getKey(), e.getValue()));
                    configured.forEach(e -> h.remove(e.getKey()));
                    configured.forEach(e -> h.add(e.getKey(), e.getValue()));
                })
                .post()
                .uri(url)
                .send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
                .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(text -> (ActionOutcome) new ActionOutcome.Responded(sent, response.status().code(), text,
                                response.responseHeaders().entries())))
                .timeout(call.timeout())
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
