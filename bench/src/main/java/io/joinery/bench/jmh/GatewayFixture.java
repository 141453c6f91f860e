package io.joinery.bench.jmh;

import io.joinery.bench.Scenarios;
import io.joinery.bench.StubRemote;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.graphql.OperationPreparer;
import io.joinery.core.graphql.PreparedOperation;
import io.joinery.gateway.metadata.GatewayMetadata;
import io.joinery.gateway.snapshot.GatewaySnapshot;
import io.joinery.gateway.metadata.MetadataFile;
import io.joinery.gateway.snapshot.MetadataStore;
import io.joinery.gateway.schema.RemoteLoader;
import io.joinery.gateway.remote.RemoteClient;
import io.joinery.gateway.remote.RemoteResponse;
import io.joinery.gateway.schema.RemoteSchemaIntrospector;
import io.joinery.gateway.schema.Supergraph;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * The load benchmark's gateway set-up without any network: the stub's remotes answer in memory
 * (introspection at start-up, then every distinct upstream body once, remembered), and the
 * supergraph is built through the gateway's own metadata path, as at start-up.
 */
public final class GatewayFixture {
    public static final String USER_AGENT = "joinery-bench";

    private final Supergraph supergraph;
    private final RemoteClient client;

    private GatewayFixture(Supergraph supergraph, RemoteClient client) {
        this.supergraph = supergraph;
        this.client = client;
    }

    public static GatewayFixture start() {
        Map<String, StubRemote> remotes = Map.of("shop", StubRemote.shop(), "crm", StubRemote.crm());
        Map<String, RemoteResponse> answers = new ConcurrentHashMap<>();
        RemoteClient client = request -> Mono.just(answers.computeIfAbsent(request.remote() + "\n" + request.body(),
                key -> new RemoteResponse(200, new String(remotes.get(request.remote()).answer(request.body()),
                        StandardCharsets.UTF_8), List.of())));
        GatewayMetadata metadata = GatewayMetadata.parse(
                StubRemote.gatewayMetadata("http://127.0.0.1:9/shop", "http://127.0.0.1:9/crm"), ErrorPath.root());
        RemoteLoader loader = new RemoteLoader(new RemoteSchemaIntrospector(client, USER_AGENT), name -> null);
        MetadataStore store = MetadataStore.start(metadata, MetadataFile.readOnly(Path.of("bench-jmh-metadata.json")),
                loader).block();
        GatewaySnapshot snapshot = store.current();
        if (!snapshot.inconsistencies().isEmpty()) {
            throw new IllegalStateException("the benchmark's gateway metadata is inconsistent: "
                    + snapshot.inconsistencies());
        }
        return new GatewayFixture(snapshot.supergraph(), client);
    }

    public Supergraph supergraph() {
        return supergraph;
    }

    /** Answers upstream requests from memory. */
    public RemoteClient client() {
        return client;
    }

    /** The parsed and validated operation of a load-benchmark scenario (e.g. `gateway-join-50`). */
    public PreparedOperation operation(String scenario) {
        String query = Scenarios.query(scenario);
        return new OperationPreparer(0).prepare(query, supergraph.schema(), query, null);
    }
}
