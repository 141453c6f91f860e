package io.joinery.core.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/** Writing a whole response body in one go, the only way Joinery's routes answer. */
public final class HttpResponses {
    private HttpResponses() {}

    public static Publisher<Void> json(HttpServerResponse response, int status, String body) {
        return send(response, status, "application/json; charset=utf-8", body);
    }

    public static Publisher<Void> text(HttpServerResponse response, int status, String body) {
        return send(response, status, "text/plain; charset=utf-8", body);
    }

    private static Publisher<Void> send(HttpServerResponse response, int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return response.status(HttpResponseStatus.valueOf(status))
                .header(HttpHeaderNames.CONTENT_TYPE, contentType)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length))
                .sendByteArray(Mono.just(bytes))
                .then();
    }
}
