package io.joinery.core.http;

import io.joinery.core.auth.AuthConfig;
import java.util.Optional;

/**
 * The settings of the front door ({@link FrontDoor}) that each service fills from its own config.
 *
 * @param host         the address to bind
 * @param port         the port to bind; 0 = any free port (tests)
 * @param cors         the browser origins allowed to call the server
 * @param compress     gzip responses when the client asks for it (`Accept-Encoding`)
 * @param limits       the hard guards on requests (SPEC §11.2): body and header size, read, idle and
 *                     request timeouts, JSON depth, batch size
 */
public record FrontDoorConfig(String host, int port, Cors cors, boolean compress, HardLimits limits) {
    /** Where a server without an admin secret listens unless told otherwise (SPEC §9.2). */
    public static final String LOOPBACK = "127.0.0.1";
    /** Where a server with an admin secret listens unless told otherwise. */
    public static final String ANY = "0.0.0.0";

    /**
     * The address to bind: `JOINERY_HOST` when set; otherwise every interface when an admin secret
     * is configured, and loopback only when none is (every request would be admin; SPEC §9.2).
     */
    public static String host(Optional<String> explicit, AuthConfig auth) {
        return explicit.filter(h -> !h.isBlank()).map(String::trim).orElse(auth.isOpen() ? LOOPBACK : ANY);
    }

    /** The default limits, no compression. */
    public static FrontDoorConfig of(String host, int port, Cors cors) {
        return new FrontDoorConfig(host, port, cors, false, HardLimits.DEFAULTS);
    }

    public FrontDoorConfig withCompression(boolean on) {
        return new FrontDoorConfig(host, port, cors, on, limits);
    }

    public FrontDoorConfig withLimits(HardLimits next) {
        return new FrontDoorConfig(host, port, cors, compress, next);
    }
}
