package io.joinery.gateway.fuzz;

import io.joinery.gateway.fuzz.FuzzRequest.Tier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.PropagationMode;

/**
 * SPEC §11.3: malformed and mutated requests against the GraphQL and metadata endpoints of a real
 * child and a real gateway ({@link FuzzTiers}): no 5xx, an answer to every request within
 * {@link FuzzClient#BOUND}, both servers healthy afterwards, and nothing changed by a request that
 * was refused. About {@value FuzzBudget#DEFAULT_TOTAL} requests by default;
 * `-Djoinery.fuzz.tries=200000` for a long run, `-Djoinery.fuzz.seed=...` to replay one
 * (docs/security.md#fuzz-test).
 */
@AddLifecycleHook(value = FuzzBudget.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
class HostileInputFuzzTest {
    static FuzzTiers tiers;
    static long started;

    @BeforeContainer
    static void start() {
        tiers = FuzzTiers.start();
        started = System.nanoTime();
    }

    @AfterContainer
    static void stop() {
        if (tiers == null) {
            return;
        }
        try {
            tiers.assertHealthy();
            System.out.printf("%s  in %.1f s%n", tiers.figures(), (System.nanoTime() - started) / 1e9);
        } finally {
            tiers.close();
        }
    }

    /**
     * A fuzzed metadata call may have succeeded and changed what is served (a `replace_metadata`
     * without the child): the metadata is put back first, then both servers must serve as before.
     */
    @AfterProperty
    void asBeforeAndHealthy() {
        tiers.restoreMetadata();
        tiers.assertHealthy();
    }

    @Property(tries = 600, shrinking = ShrinkingMode.BOUNDED)
    void childGraphql(@ForAll("childGraphqlRequests") FuzzRequest request) {
        tiers.check(request);
    }

    @Property(tries = 500, shrinking = ShrinkingMode.BOUNDED)
    void gatewayGraphql(@ForAll("gatewayGraphqlRequests") FuzzRequest request) {
        tiers.check(request);
    }

    @Property(tries = 450, shrinking = ShrinkingMode.BOUNDED)
    void childMetadata(@ForAll("childMetadataRequests") FuzzRequest request) {
        tiers.check(request);
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void gatewayMetadata(@ForAll("gatewayMetadataRequests") FuzzRequest request) {
        tiers.check(request);
    }

    @Property(tries = 100, shrinking = ShrinkingMode.BOUNDED)
    void oddMethodsAndPaths(@ForAll("oddRequests") FuzzRequest request) {
        tiers.check(request);
    }

    @Provide
    Arbitrary<FuzzRequest> childGraphqlRequests() {
        return graphql(Tier.CHILD);
    }

    @Provide
    Arbitrary<FuzzRequest> gatewayGraphqlRequests() {
        return graphql(Tier.GATEWAY);
    }

    private static Arbitrary<FuzzRequest> graphql(Tier tier) {
        Arbitrary<String> path = Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just("/v1/graphql")),
                Tuple.of(1, Arbitraries.just("/v1/graphql/explain")));
        return Combinators.combine(path, FuzzInputs.headers(tier, false), FuzzInputs.graphqlBody())
                .as((p, headers, body) -> new FuzzRequest(tier, "POST", p, headers,
                        p.endsWith("explain") ? "{\"query\": " + body + "}" : body));
    }

    @Provide
    Arbitrary<FuzzRequest> childMetadataRequests() {
        Arbitrary<FuzzRequest> metadata = Combinators.combine(FuzzInputs.headers(Tier.CHILD, true),
                FuzzInputs.metadataBody(FuzzInputs.CHILD_METADATA))
                .as((headers, body) -> new FuzzRequest(Tier.CHILD, "POST", "/v1/metadata", headers, body));
        Arbitrary<FuzzRequest> query = Combinators.combine(FuzzInputs.headers(Tier.CHILD, true),
                FuzzInputs.metadataBody(FuzzInputs.CHILD_QUERY))
                .as((headers, body) -> new FuzzRequest(Tier.CHILD, "POST", "/v2/query", headers, body));
        return Arbitraries.frequencyOf(Tuple.of(4, metadata), Tuple.of(1, query));
    }

    @Provide
    Arbitrary<FuzzRequest> gatewayMetadataRequests() {
        return Combinators.combine(FuzzInputs.headers(Tier.GATEWAY, true), FuzzInputs.metadataBody(FuzzInputs.GATEWAY_METADATA))
                .as((headers, body) -> new FuzzRequest(Tier.GATEWAY, "POST", "/v1/metadata", headers, body));
    }

    @Provide
    Arbitrary<FuzzRequest> oddRequests() {
        Arbitrary<String> method = Arbitraries.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "POST", "TRACE");
        Arbitrary<String> path = Arbitraries.of("/v1/graphql", "/v1/metadata", "/v2/query", "/v1/graphql/explain",
                "/healthz", "/v1/version", "/v1/graphql/", "/v1//graphql", "/V1/GRAPHQL", "/v1/graphql?query=%7Bauthor%7Bid%7D%7D",
                "/v1/metadata?x=1&x=2", "/%2e%2e/v1/graphql", "/" + "a".repeat(3000), "/healthz?strict=true", "/console",
                "/console/assets/..%2f..%2fpom.xml", "/v1/metrics");
        Arbitrary<Tier> tier = Arbitraries.of(Tier.values());
        return Combinators.combine(tier, method, path, Arbitraries.of(true, false), FuzzInputs.graphqlBody())
                .flatAs((t, m, p, withBody, body) -> FuzzInputs.headers(t, false)
                        .map(headers -> new FuzzRequest(t, m, p, headers,
                                withBody && !m.equals("GET") && !m.equals("HEAD") && !m.equals("TRACE") ? body : null)));
    }
}
