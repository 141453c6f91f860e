package io.joinery.gateway.schema;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.gateway.metadata.RemoteSchemaDef;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/** Resolves, introspects and reads one remote; the Mono always succeeds with a {@link RemoteLoad}. */
public final class RemoteLoader {
    private final RemoteSchemaIntrospector introspector;
    private final Function<String, String> env;

    public RemoteLoader(RemoteSchemaIntrospector introspector, Function<String, String> env) {
        this.introspector = introspector;
        this.env = env;
    }

    public Mono<RemoteLoad> load(RemoteSchemaDef def) {
        return Mono.defer(() -> {
                    RemoteEndpoint endpoint = RemoteEndpoint.resolve(def, env);
                    return introspector.introspect(endpoint)
                            .map(introspection -> RemoteLoad.loaded(RemoteSchemaReader.read(def, endpoint, introspection)));
                })
                .onErrorResume(e -> Mono.just(RemoteLoad.failed(def, e instanceof JoineryException j ? j
                        : new JoineryException(ErrorCode.UNEXPECTED, "cannot load remote schema \"" + def.name()
                                + "\": " + e, ErrorPath.args()))));
    }
}
