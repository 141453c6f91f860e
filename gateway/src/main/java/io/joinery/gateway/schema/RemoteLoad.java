package io.joinery.gateway.schema;

import io.joinery.core.error.JoineryException;
import io.joinery.gateway.metadata.RemoteSchemaDef;

/**
 * The result of introspecting one remote: its schema, or why it could not be used. Kept in the
 * snapshot so unchanged remotes are not introspected again until a reload.
 */
public record RemoteLoad(RemoteSchemaDef def, RemoteSchema schema, JoineryException failure) {

    public static RemoteLoad loaded(RemoteSchema schema) {
        return new RemoteLoad(schema.def(), schema, null);
    }

    public static RemoteLoad failed(RemoteSchemaDef def, JoineryException failure) {
        return new RemoteLoad(def, null, failure);
    }

    public boolean isLoaded() {
        return schema != null;
    }
}
