package io.joinery.core.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;
import reactor.core.publisher.Mono;

/**
 * A service's meaning of its commands: each one applied to an immutable snapshot yields the next
 * snapshot (resolved and validated) and the command's response. Applying never changes the
 * snapshot it is given, so a failure anywhere in a `bulk` leaves nothing behind.
 */
public interface CommandApplier<S extends MetadataSnapshot<S>, C extends MetadataCommand> {

    /**
     * The snapshot a queued request starts from. Default: the current one. The child re-reads the
     * Postgres catalog here, so a change is validated against the database as it is now.
     */
    default Mono<S> begin(S current, MetadataCommand.Effect effect) {
        return Mono.just(current);
    }

    /**
     * Applies one command (never a bulk) to {@code snapshot}. Fails with a `JoineryException` at
     * the command's path when the command is refused; I/O (introspecting a remote) is allowed.
     */
    Mono<Applied<S>> apply(S snapshot, C command);

    /** The snapshot after a command and the command's response body. */
    record Applied<S>(S snapshot, JsonNode response) {

        /** The answer of most commands: `{"message": "success"}`. */
        public static <S> Applied<S> success(S snapshot) {
            ObjectNode response = Json.object();
            response.put("message", "success");
            return new Applied<>(snapshot, response);
        }
    }
}
