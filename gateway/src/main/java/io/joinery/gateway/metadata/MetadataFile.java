package io.joinery.gateway.metadata;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The metadata file (`JOINERY_METADATA`, DESIGN): read once at start, rewritten atomically (temp
 * file in the same directory, then rename) after every successful change. A file or directory the
 * process cannot write (a Kubernetes ConfigMap) makes the metadata read-only.
 *
 * <p>Blocking file I/O: {@link #save} writes on a bounded-elastic worker (the metadata engine
 * persists through it before every swap).
 */
public final class MetadataFile {
    private static final com.fasterxml.jackson.databind.ObjectMapper YAML =
            new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();

    private final Path path;
    private final boolean writable;

    private MetadataFile(Path path, boolean writable) {
        this.path = path.toAbsolutePath();
        this.writable = writable;
    }

    public static MetadataFile at(Path path) {
        Path absolute = path.toAbsolutePath();
        boolean writable = Files.exists(absolute)
                ? Files.isWritable(absolute) && Files.isWritable(absolute.getParent())
                : absolute.getParent() != null && Files.isDirectory(absolute.getParent())
                        && Files.isWritable(absolute.getParent());
        return new MetadataFile(absolute, writable);
    }

    /** A file the gateway must treat as read-only whatever its permissions say (a shared copy). */
    public static MetadataFile readOnly(Path path) {
        return new MetadataFile(path, false);
    }

    public Path path() {
        return path;
    }

    public boolean isWritable() {
        return writable;
    }

    /** The metadata in the file; empty when the file does not exist (a first start). */
    public Optional<GatewayMetadata> read() {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            if (text.isBlank()) {
                return Optional.of(GatewayMetadata.EMPTY);
            }
            return Optional.of(GatewayMetadata.parse(Json.parseJsonOrYaml(text), ErrorPath.root()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read metadata file " + path, e);
        }
    }

    /** Refuses a change up front while the file is read-only. */
    public void checkWritable() {
        if (!writable) {
            throw readOnlyError();
        }
    }

    /** {@link #write}, on a worker thread: what the metadata engine waits for before it swaps. */
    public Mono<Void> save(GatewayMetadata metadata) {
        return Mono.<Void>fromRunnable(() -> write(metadata)).subscribeOn(Schedulers.boundedElastic());
    }

    /** The refusal every mutating metadata command gets while the file is read-only. */
    public JoineryException readOnlyError() {
        return new JoineryException(ErrorCode.NOT_SUPPORTED,
                "metadata is read-only: the metadata file \"" + path + "\" is not writable by the gateway;"
                        + " change the file itself and restart the gateway", ErrorPath.root());
    }

    /** JSON, or YAML when the file is named `*.yaml` / `*.yml` (the format the user chose). */
    private String render(GatewayMetadata metadata) {
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            try {
                return YAML.writeValueAsString(metadata.toJson());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("metadata is not serialisable as YAML", e);
            }
        }
        return Json.pretty(metadata.toJson()) + "\n";
    }

    public void write(GatewayMetadata metadata) {
        if (!writable) {
            throw readOnlyError();
        }
        try {
            Path temp = Files.createTempFile(path.getParent(), "." + path.getFileName(), ".tmp");
            try {
                // the new file keeps the old one's permissions (createTempFile makes it 0600), and its
                // bytes reach the disk before the rename, so a crash leaves the old file or the new one
                if (Files.exists(path)) {
                    try {
                        Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(path));
                    } catch (UnsupportedOperationException notPosix) {
                        // not a POSIX file system: the default permissions are all there is
                    }
                }
                try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temp,
                        java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                    channel.write(java.nio.ByteBuffer.wrap(render(metadata).getBytes(StandardCharsets.UTF_8)));
                    channel.force(true);
                }
                try {
                    Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new JoineryException(ErrorCode.UNEXPECTED,
                    "cannot write the metadata file \"" + path + "\": " + e.getMessage(), ErrorPath.root());
        }
    }
}
