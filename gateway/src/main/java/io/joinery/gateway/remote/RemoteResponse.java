package io.joinery.gateway.remote;

import java.util.List;

/** What a remote answered: HTTP status, body text and `Set-Cookie` headers to pass on. */
public record RemoteResponse(int status, String body, List<String> setCookies) {
    public RemoteResponse {
        setCookies = List.copyOf(setCookies);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
