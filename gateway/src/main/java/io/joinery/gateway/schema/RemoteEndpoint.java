package io.joinery.gateway.schema;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.metadata.EnvTemplate;
import io.joinery.core.metadata.InconsistentObject;
import io.joinery.gateway.metadata.HeaderDef;
import io.joinery.gateway.metadata.RemoteSchemaDef;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where and how to reach one remote: the URL and configured headers with `{{ENV}}` templates and
 * `*_from_env` values resolved from the environment ({@link EnvTemplate}, which refuses the
 * server's own secrets), the timeout, and
 * whether client headers go on.
 * `configuredUrl` is the URL as the user wrote it, which error messages show.
 */
public record RemoteEndpoint(String remote, URI url, String configuredUrl, List<Map.Entry<String, String>> headers,
                             Duration timeout, boolean forwardClientHeaders) {
    public RemoteEndpoint {
        headers = List.copyOf(headers);
    }

    /**
     * @throws JoineryException `invalid-configuration` when a variable is unset or one of the server's
     *                          secrets, or the URL is invalid
     */
    public static RemoteEndpoint resolve(RemoteSchemaDef def, Function<String, String> env) {
        String url = def.url() != null ? expand(def.url(), env) : required(def.urlFromEnv(), env);
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw inconsistent("invalid URL \"" + def.configuredUrl() + "\": " + e.getMessage());
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw inconsistent("invalid URL \"" + def.configuredUrl() + "\": expected an http(s) URL");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (HeaderDef header : def.headers()) {
            String value = header.value() != null ? expand(header.value(), env) : required(header.valueFromEnv(), env);
            headers.add(Map.entry(header.name(), value));
        }
        return new RemoteEndpoint(def.name(), uri, def.configuredUrl(), headers,
                Duration.ofSeconds(def.effectiveTimeoutSeconds()), def.forwardClientHeaders());
    }

    private static String expand(String template, Function<String, String> env) {
        return EnvTemplate.expand(template, env, RemoteEndpoint::unset);
    }

    private static String required(String variable, Function<String, String> env) {
        return EnvTemplate.lookup(variable, env, RemoteEndpoint::unset);
    }

    /** An unset variable makes the remote inconsistent (it is retried, and listed until it is set). */
    private static JoineryException unset(String variable) {
        return inconsistent("environment variable \"" + variable + "\" is not set");
    }

    private static JoineryException inconsistent(String reason) {
        return new JoineryException(ErrorCode.INVALID_CONFIGURATION, InconsistentObject.REASON_PREFIX + reason,
                ErrorPath.args());
    }
}
