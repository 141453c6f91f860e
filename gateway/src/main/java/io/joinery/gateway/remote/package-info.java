/**
 * The gateway's outbound HTTP: {@link io.joinery.gateway.remote.RemoteClient} (one POST to a remote
 * GraphQL server), its request and response values, and the header rules of SPEC §4.4.
 *
 * <p>Place in the pipeline: beside `core`. It depends on core only, and two stages use it:
 * `schema` (introspecting a remote when metadata changes) and `execute` (the fetches of a plan).
 */
package io.joinery.gateway.remote;
