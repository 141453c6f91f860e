/**
 * The snapshot the gateway serves from and how it changes: {@link
 * io.joinery.gateway.snapshot.MetadataStore} holds the current {@link
 * io.joinery.gateway.snapshot.GatewaySnapshot} (declared metadata, each remote's load, the merged
 * schema, what is inconsistent); {@link io.joinery.gateway.snapshot.GatewayCommandApplier} applies
 * the metadata commands, introspecting remotes and rebuilding the schema ({@link
 * io.joinery.gateway.snapshot.SnapshotBuilder}); {@link io.joinery.gateway.snapshot.RemoteRetrier}
 * retries unreachable remotes in the background.
 *
 * <p>Place in the pipeline: right after `schema` (it needs the declared metadata AND the schema
 * built from it), before `plan`; only `http` and the composition root use it.
 */
package io.joinery.gateway.snapshot;
