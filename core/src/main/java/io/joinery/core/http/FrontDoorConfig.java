package io.joinery.core.http;

import io.joinery.core.auth.AuthConfig;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The settings of the front door ({@link FrontDoor}) that each service fills from its own config.
 *
 * @param host         the address to bind
 * @param port         the port to bind; 0 = any free port (tests)
 * @param cors         the browser origins allowed to call the server
 * @param compress     gzip responses when the client asks for it (`Accept-Encoding`)
 * @param maxBodyBytes the largest request body accepted; empty = no limit. This is where SPEC §11.2's
 *                     body limit plugs in; no service sets it yet.
 */
public record FrontDoorConfig(String host, int port, Cors cors, boolean compress, OptionalLong maxBodyBytes) {
    /** Where a server without an admin secret listens unless told otherwise (SPEC §9.2). */
    public static final String LOOPBACK = "127.0.0.1";
    /** Where a server with an admin secret listens unless told otherwise. */
    public static final String ANY = "0.0.0.0";

    public FrontDoorConfig {
        if (maxBodyBytes.isPresent() && maxBodyBytes.getAsLong() < 0) {
            throw new IllegalArgumentException("the request body limit cannot be negative: " + maxBodyBytes.getAsLong());
        }
    }

    /**
     * The address to bind: `JOINERY_HOST` when set; otherwise every interface when an admin secret
     * is configured, and loopback only when none is (every request would be admin; SPEC §9.2).
     */
    public static String host(Optional<String> explicit, AuthConfig auth) {
        return explicit.filter(h -> !h.isBlank()).map(String::trim).orElse(auth.isOpen() ? LOOPBACK : ANY);
    }

    /** No body limit, no compression. */
    public static FrontDoorConfig of(String host, int port, Cors cors) {
        return new FrontDoorConfig(host, port, cors, false, OptionalLong.empty());
    }

    public FrontDoorConfig withCompression(boolean on) {
        return new FrontDoorConfig(host, port, cors, on, maxBodyBytes);
    }

    public FrontDoorConfig withMaxBodyBytes(long max) {
        return new FrontDoorConfig(host, port, cors, compress, OptionalLong.of(max));
    }
}
