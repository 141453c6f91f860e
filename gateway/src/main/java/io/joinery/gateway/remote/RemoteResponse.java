package io.joinery.gateway.remote;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a remote answered: HTTP status, body (the bytes as they arrived; {@link #body()} decodes
 * them) and `Set-Cookie` headers to pass on.
 */
public record RemoteResponse(int status, byte[] bodyBytes, List<String> setCookies) {
    public RemoteResponse {
        setCookies = List.copyOf(setCookies);
    }

    /** A response whose body is the text {@code body}. */
    public RemoteResponse(int status, String body, List<String> setCookies) {
        this(status, body.getBytes(StandardCharsets.UTF_8), setCookies);
    }

    /** The body as text (decoded on every call). */
    public String body() {
        return new String(bodyBytes, StandardCharsets.UTF_8);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
