package io.joinery.gateway.execute;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * Where a client's body is written before its one exact copy ({@link #toByteArray}): a buffer per
 * thread, kept between answers up to {@link #KEPT} bytes, so an answer costs its own size once,
 * not a builder that grows block by block and then a copy of it. Take it with {@link #get}, give it
 * back with {@link #release} (in a `finally`).
 */
final class AnswerBuffer extends OutputStream {
    private static final int KEPT = 256 * 1024;
    private static final ThreadLocal<AnswerBuffer> OF_THREAD = ThreadLocal.withInitial(AnswerBuffer::new);

    private byte[] buffer = new byte[8192];
    private int size;
    private boolean inUse;

    private AnswerBuffer() {}

    static AnswerBuffer get() {
        AnswerBuffer buffer = OF_THREAD.get();
        if (buffer.inUse) {
            return new AnswerBuffer(); // never shared: a write inside a write gets its own
        }
        buffer.inUse = true;
        buffer.size = 0;
        return buffer;
    }

    void release() {
        inUse = false;
        if (buffer.length > KEPT) {
            buffer = new byte[8192];
        }
    }

    @Override
    public void write(int b) {
        if (size == buffer.length) {
            grow(1);
        }
        buffer[size++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (length > buffer.length - size) {
            grow(length);
        }
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
    }

    private void grow(int more) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }

    /** Drops what was written after the first {@code size} bytes. */
    void truncate(int size) {
        this.size = Math.min(this.size, size);
    }

    /** The bytes written so far. */
    int size() {
        return size;
    }

    /** The buffer itself, its first {@link #size} bytes written; valid until the next write or {@link #release}. */
    byte[] array() {
        return buffer;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }
}
