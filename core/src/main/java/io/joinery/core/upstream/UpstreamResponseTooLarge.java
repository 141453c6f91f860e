package io.joinery.core.upstream;

/**
 * An upstream's response body passed {@link UpstreamSettings#maxResponseBytes()} (counted after
 * decompression, SPEC §11.2): the exchange was abandoned as soon as it did, and its connection closed.
 */
public final class UpstreamResponseTooLarge extends RuntimeException {
    public UpstreamResponseTooLarge(long max) {
        super("the response is larger than the limit of " + max + " bytes", null, false, false);
    }
}
