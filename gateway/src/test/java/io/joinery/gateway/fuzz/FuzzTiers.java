package io.joinery.gateway.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.ChildApp;
import io.joinery.child.ChildConfig;
import io.joinery.child.db.Database;
import io.joinery.child.testing.TestDatabase;
import io.joinery.core.auth.TestJwts;
import io.joinery.core.json.Json;
import io.joinery.gateway.Gateway;
import io.joinery.gateway.GatewayConfig;
import io.joinery.gateway.fuzz.FuzzClient.Answer;
import io.joinery.gateway.fuzz.FuzzRequest.Tier;
import io.joinery.gateway.testing.TestUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Both real servers for the fuzz test: a child (admin secret, JWT mode with an unauthorized role,
 * two tables with relationships and permissions for `user`, an action whose handler is a closed
 * port) on a fresh database, and a gateway (its own admin secret, the same JWT key) with the child
 * as remote schema. {@link #check} sends one request and asserts SPEC §11.3's invariants.
 */
final class FuzzTiers implements AutoCloseable {
    private static final String SETUP_SQL = """
            CREATE TABLE author (id serial PRIMARY KEY, name text, age int);
            CREATE TABLE article (id serial PRIMARY KEY, author_id int REFERENCES author(id), title text,
                                  published boolean NOT NULL DEFAULT false, meta jsonb);
            INSERT INTO author (name, age) VALUES ('Ada', 36), ('Grace', 45);
            INSERT INTO article (author_id, title, published, meta) VALUES (1, 'Notes', true, '{"tag": "x"}'),
                                                                           (2, 'COBOL', false, null);
            """;
    /** Everything a refused request must leave as it was: the rows of both tables and the columns of `public`. */
    private static final String CHECKSUM_SQL = """
            SELECT md5(coalesce((SELECT string_agg(t::text, ',' ORDER BY t::text) FROM author t), '')
                || '|' || coalesce((SELECT string_agg(t::text, ',' ORDER BY t::text) FROM article t), '')
                || '|' || coalesce((SELECT string_agg(c.relname || '.' || a.attname || ':' || a.atttypid::regtype::text, ','
                                           ORDER BY c.relname, a.attnum)
                                    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                                    WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0
                                      AND NOT a.attisdropped), ''))
            """;

    /**
     * Refusals Netty writes itself, before a request reaches the routes, with an empty body: a
     * header block over its limit (431), a body over the front door's limit (413).
     */
    private static final Set<Integer> FRAMING_REFUSALS = Set.of(413, 431);

    private final ChildApp child;
    private final Gateway gateway;
    private final Path directory;
    private final Connection jdbc;
    private final FuzzClient client;
    private final Map<Tier, JsonNode> initialMetadata = new EnumMap<>(Tier.class);
    private final Map<Tier, JsonNode> metadataNow = new EnumMap<>(Tier.class);
    private String checksum;
    /** Requests sent, per tier, path and status: the run's figures. */
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    private FuzzTiers(ChildApp child, Gateway gateway, Path directory, Connection jdbc) {
        this.child = child;
        this.gateway = gateway;
        this.directory = directory;
        this.jdbc = jdbc;
        this.client = new FuzzClient(Map.of(Tier.CHILD, child.port(), Tier.GATEWAY, gateway.port()));
    }

    static FuzzTiers start() {
        try {
            Path directory = Files.createTempDirectory("joinery-fuzz");
            Database database = TestDatabase.fresh();
            Connection jdbc = DriverManager.getConnection(database.url().jdbcUrl(), database.url().user(), null);
            String jwtSecret = TestJwts.hs256Secret(FuzzInputs.JWT_KEY);
            ChildApp child = ChildApp.start(ChildConfig.fromEnvironment(Map.of(
                    "JOINERY_HOST", "127.0.0.1", "JOINERY_PORT", "0", "JOINERY_ADMIN_SECRET", FuzzInputs.CHILD_SECRET,
                    "JOINERY_JWT_SECRET", jwtSecret, "JOINERY_UNAUTHORIZED_ROLE", "anonymous",
                    "ACTION_BASE", "http://127.0.0.1:" + TestUpstream.freePort(), "HANDLER_KEY", "k")),
                    database, Optional.empty()).awaitReady(Duration.ofSeconds(60));
            FuzzTiers.setUpChild(child.port());
            Path metadata = directory.resolve("gateway-metadata.json");
            Files.writeString(metadata, "{\"version\": 3, \"remote_schemas\": [{\"name\": \"child\", \"definition\": {"
                    + "\"url_from_env\": \"CHILD_URL\", \"timeout_seconds\": 10, \"headers\": [{\"name\": \"X-Hasura-Admin-Secret\","
                    + " \"value_from_env\": \"CHILD_ADMIN_SECRET\"}]}}]}");
            Map<String, String> gatewayEnv = Map.of("JOINERY_HOST", "127.0.0.1", "JOINERY_PORT", "0",
                    "JOINERY_ADMIN_SECRET", FuzzInputs.GATEWAY_SECRET, "JOINERY_JWT_SECRET", jwtSecret,
                    "JOINERY_UNAUTHORIZED_ROLE", "anonymous", "JOINERY_METADATA", metadata.toString(),
                    "CHILD_URL", "http://127.0.0.1:" + child.port() + "/v1/graphql", "CHILD_ADMIN_SECRET", FuzzInputs.CHILD_SECRET);
            Gateway gateway = Gateway.start(GatewayConfig.fromEnv(gatewayEnv::get));
            FuzzTiers tiers = new FuzzTiers(child, gateway, directory, jdbc);
            for (Tier tier : Tier.values()) {
                tiers.initialMetadata.put(tier, tiers.export(tier));
                tiers.metadataNow.put(tier, tiers.initialMetadata.get(tier));
            }
            tiers.checksum = tiers.checksum();
            return tiers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setUpChild(int port) {
        FuzzClient setup = new FuzzClient(Map.of(Tier.CHILD, port));
        try {
            List<Map.Entry<String, String>> admin = List.of(Map.entry("X-Hasura-Admin-Secret", FuzzInputs.CHILD_SECRET),
                    Map.entry("Content-Type", "application/json"));
            Answer tables = setup.send(new FuzzRequest(Tier.CHILD, "POST", "/v2/query", admin,
                    "{\"type\": \"run_sql\", \"args\": {\"sql\": " + Json.write(SETUP_SQL) + "}}"));
            assertThat(tables.status()).as(tables.body()).isEqualTo(200);
            for (String command : FuzzInputs.CHILD_SETUP) {
                Answer answer = setup.send(new FuzzRequest(Tier.CHILD, "POST", "/v1/metadata", admin, command));
                assertThat(answer.status()).as(command + " -> " + answer.body()).isEqualTo(200);
            }
        } finally {
            setup.close();
        }
    }

    /**
     * Sends {@code request} and asserts: an answer within the bound (else a hang), no 5xx, a JSON
     * body; a request that was refused left the data and the catalog (and, for metadata calls, the
     * metadata) as they were.
     */
    void check(FuzzRequest request) {
        Answer answer = client.send(request);
        counts.computeIfAbsent(request.tier() + " " + request.path() + " " + answer.status()
                + (answer.encoding() == null ? "" : " " + answer.encoding()), k -> new AtomicLong()).incrementAndGet();
        assertThat(answer.status()).as("status of\n%s\nanswered %s", request, answer.body()).isLessThan(500);
        boolean refused = answer.status() >= 400;
        if (isApiCall(request) && answer.encoding() == null && !FRAMING_REFUSALS.contains(answer.status())) {
            JsonNode body;
            try {
                body = Json.parseBody(answer.body());
            } catch (RuntimeException e) {
                throw new AssertionError("not JSON: " + answer.status() + " " + answer.body() + "\nanswering\n" + request, e);
            }
            refused = isRefused(answer.status(), body);
        }
        String now = checksum();
        if (refused) {
            assertThat(now).as("data or catalog changed by the refused request\n%s\nanswered %s", request, answer.body())
                    .isEqualTo(checksum);
        }
        checksum = now;
        if (isMetadataCall(request)) {
            JsonNode metadata = export(request.tier());
            if (refused) {
                assertThat(metadata).as("metadata changed by the refused request\n%s\nanswered %s", request, answer.body())
                        .isEqualTo(metadataNow.get(request.tier()));
            }
            metadataNow.put(request.tier(), metadata);
        }
    }

    /** An error status, or GraphQL answers that all have errors and no data. */
    private static boolean isRefused(int status, JsonNode body) {
        if (status >= 400) {
            return true;
        }
        if (body.isArray()) {
            for (JsonNode one : body) {
                if (!isRefused(status, one)) {
                    return false;
                }
            }
            return true;
        }
        return body.has("errors") && (!body.has("data") || body.get("data").isNull());
    }

    /** A POST to an API endpoint: always answered with JSON. */
    private static boolean isApiCall(FuzzRequest request) {
        return request.method().equals("POST") && List.of("/v1/graphql", "/v1/graphql/explain", "/v1/metadata", "/v2/query")
                .contains(request.path());
    }

    private static boolean isMetadataCall(FuzzRequest request) {
        return request.path().startsWith("/v1/metadata") || request.path().startsWith("/v2/query");
    }

    /** Both servers answer `/healthz` 200 and serve a plain query. */
    void assertHealthy() {
        for (Tier tier : Tier.values()) {
            Answer health = client.send(new FuzzRequest(tier, "GET", "/healthz", List.of(), null));
            assertThat(health.status()).as(tier + " /healthz: " + health.body()).isEqualTo(200);
            Answer query = client.send(new FuzzRequest(tier, "POST", "/v1/graphql",
                    List.of(FuzzInputs.admin(tier).get(0), Map.entry("Content-Type", "application/json")),
                    "{\"query\": \"{ author(limit: 1) { id } }\"}"));
            assertThat(query.status()).isEqualTo(200);
            assertThat(Json.parseBody(query.body()).has("data")).as(tier + ": " + query.body()).isTrue();
        }
    }

    /**
     * Puts back the metadata both servers started with (a fuzzed `replace_metadata` may have emptied
     * it) and has the gateway read the child's schema again.
     */
    void restoreMetadata() {
        for (Tier tier : List.of(Tier.CHILD, Tier.GATEWAY)) {
            Answer answer = client.send(new FuzzRequest(tier, "POST", "/v1/metadata",
                    List.of(FuzzInputs.admin(tier).get(0), Map.entry("Content-Type", "application/json")),
                    "{\"type\": \"replace_metadata\", \"args\": " + Json.write(initialMetadata.get(tier)) + "}"));
            assertThat(answer.status()).as(tier + " restore: " + answer.body()).isEqualTo(200);
        }
        // the gateway reads the child's schema again, as the child's metadata may have changed meanwhile
        Answer reload = client.send(new FuzzRequest(Tier.GATEWAY, "POST", "/v1/metadata",
                List.of(FuzzInputs.admin(Tier.GATEWAY).get(0), Map.entry("Content-Type", "application/json")),
                "{\"type\": \"reload_remote_schema\", \"args\": {\"name\": \"child\"}}"));
        assertThat(reload.status()).as("gateway reload: " + reload.body()).isEqualTo(200);
        for (Tier tier : Tier.values()) {
            metadataNow.put(tier, export(tier));
        }
    }

    /** The figures of the run: requests per tier, path and status. */
    String figures() {
        long total = counts.values().stream().mapToLong(AtomicLong::get).sum();
        StringBuilder out = new StringBuilder("fuzz requests: " + total + "\n");
        new TreeMap<>(counts).forEach((k, v) -> out.append("  ").append(k).append(": ").append(v.get()).append('\n'));
        return out.toString();
    }

    private JsonNode export(Tier tier) {
        Answer answer = client.send(new FuzzRequest(tier, "POST", "/v1/metadata",
                List.of(FuzzInputs.admin(tier).get(0), Map.entry("Content-Type", "application/json")),
                "{\"type\": \"export_metadata\", \"args\": {}}"));
        assertThat(answer.status()).as(tier + " export: " + answer.body()).isEqualTo(200);
        return Json.parseBody(answer.body());
    }

    private String checksum() {
        try (Statement s = jdbc.createStatement(); ResultSet rs = s.executeQuery(CHECKSUM_SQL)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the data checksum", e);
        }
    }

    @Override
    public void close() {
        try {
            client.close();
            gateway.close();
            child.close();
            jdbc.close();
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
