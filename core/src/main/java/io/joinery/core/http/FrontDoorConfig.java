package io.joinery.core.http;

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
    public FrontDoorConfig {
        if (maxBodyBytes.isPresent() && maxBodyBytes.getAsLong() < 0) {
            throw new IllegalArgumentException("the request body limit cannot be negative: " + maxBodyBytes.getAsLong());
        }
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
