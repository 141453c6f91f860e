package io.joinery.gateway.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.auth.TestJwts;
import io.joinery.core.json.Json;
import io.joinery.gateway.fuzz.FuzzRequest.Tier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * What the fuzz test sends (SPEC §11.3): valid requests of the fixture's schema and metadata as
 * seeds, then invalid JSON, truncated bodies, wrong types, deep and wide documents, random
 * mutations of the seeds, bad JWTs and odd headers.
 *
 * <p>Sizes stay below the HTTP hard guards (body 4 MiB, headers, JSON nesting 500, numbers, batches,
 * document tokens) that SPEC §11.2 puts at the front door: {@link #MAX_JSON_DEPTH},
 * {@link #MAX_NUMBER_DIGITS}, {@link #MAX_HEADER_BYTES} and the document generators say how far
 * each one goes.
 */
final class FuzzInputs {
    /** Deepest JSON (variables, metadata args) generated. */
    static final int MAX_JSON_DEPTH = 400;
    /** Longest number literal generated (in variables and documents). */
    static final int MAX_NUMBER_DIGITS = 400;
    /**
     * The most header bytes a request carries. Netty's default limit is 8 KiB, past which it answers
     * 431 or just closes the connection (the long run saw both); SPEC §11.2's 64 KiB header guard,
     * with a proper answer, belongs to the front door's hard guards: raise this with them.
     */
    static final int MAX_HEADER_BYTES = 6000;
    static final int MAX_HEADER_VALUE = 3000;

    static final String CHILD_SECRET = "child-secret";
    static final String GATEWAY_SECRET = "gateway-secret";
    static final String JWT_KEY = "fuzz-test-key-of-at-least-32-characters";

    /** A valid GraphQL request of the fixture's schema: the query and its variables (JSON or null). */
    record Seed(String query, String variables) {
        String body() {
            return "{\"query\":" + Json.write(query) + (variables == null ? "" : ",\"variables\":" + variables) + "}";
        }
    }

    static final List<Seed> QUERIES = List.of(
            new Seed("{ author { id name age } }", null),
            new Seed("{ author(where: {id: {_eq: 1}}, order_by: {name: asc}, limit: 2, offset: 0) { id name articles { title published } } }", null),
            new Seed("query Q($id: Int!) { author_by_pk(id: $id) { name articles(limit: 1) { title } } }", "{\"id\": 1}"),
            new Seed("{ article_aggregate(where: {published: {_eq: true}}) { aggregate { count max { id } } } }", null),
            new Seed("query A($t: String, $n: Int) { article(where: {_or: [{title: {_ilike: $t}}, {id: {_gt: $n}}]}) { id author { name } } }",
                    "{\"t\": \"%a%\", \"n\": 0}"),
            new Seed("{ article(where: {meta: {_contains: {tag: \"x\"}}}) { meta(path: \"tag\") } }", null),
            new Seed("mutation { insert_author(objects: [{name: \"fuzz\", age: 3}]) { affected_rows } }", null),
            new Seed("mutation U($n: String, $a: Int) { insert_author_one(object: {name: $n, age: $a}) { id } }",
                    "{\"n\": \"v\", \"a\": 4}"),
            new Seed("mutation { update_author(where: {id: {_eq: -1}}, _set: {name: \"x\"}, _inc: {age: 1}) { affected_rows } }", null),
            new Seed("mutation { delete_article(where: {id: {_eq: -1}}) { affected_rows returning { id } } }", null),
            new Seed("query W { whoami { ok } }", null),
            new Seed("{ __schema { queryType { name } types { name kind } } }", null),
            new Seed("{ __type(name: \"author\") { fields { name type { name ofType { name } } } } }", null),
            new Seed("query F { ...A } fragment A on query_root { author { ...B } } fragment B on author { id name }", null),
            new Seed("{ a: author { id } b: author { name } __typename }", null));

    /** The child's metadata as the fixture sets it up (and fuzz seeds: repeated, each is refused). */
    static final List<String> CHILD_SETUP = List.of(
            "{\"type\": \"pg_track_table\", \"args\": {\"source\": \"default\", \"table\": {\"schema\": \"public\", \"name\": \"author\"}}}",
            "{\"type\": \"pg_track_table\", \"args\": {\"table\": \"article\"}}",
            "{\"type\": \"pg_create_object_relationship\", \"args\": {\"table\": \"article\", \"name\": \"author\","
                    + " \"using\": {\"foreign_key_constraint_on\": \"author_id\"}}}",
            "{\"type\": \"pg_create_array_relationship\", \"args\": {\"table\": \"author\", \"name\": \"articles\","
                    + " \"using\": {\"foreign_key_constraint_on\": {\"table\": \"article\", \"column\": \"author_id\"}}}}",
            "{\"type\": \"set_custom_types\", \"args\": {\"objects\": [{\"name\": \"Who\", \"fields\": [{\"name\": \"ok\", \"type\": \"Boolean!\"}]}]}}",
            "{\"type\": \"create_action\", \"args\": {\"name\": \"whoami\", \"definition\": {\"handler\": \"{{ACTION_BASE}}/whoami\","
                    + " \"output_type\": \"Who\", \"type\": \"query\", \"headers\": [{\"name\": \"X-Key\", \"value_from_env\": \"HANDLER_KEY\"}]}}}",
            "{\"type\": \"create_action_permission\", \"args\": {\"action\": \"whoami\", \"role\": \"user\"}}");

    static final List<String> CHILD_METADATA = concat(CHILD_SETUP, List.of(
            "{\"type\": \"export_metadata\", \"args\": {}}",
            "{\"type\": \"get_inconsistent_metadata\", \"args\": {}}",
            "{\"type\": \"reload_metadata\", \"args\": {\"reload_remote_schemas\": false}}",
            "{\"type\": \"pg_create_select_permission\", \"args\": {\"table\": \"author\", \"role\": \"user\","
                    + " \"permission\": {\"columns\": [\"id\", \"name\"], \"filter\": {\"id\": {\"_eq\": \"X-Hasura-User-Id\"}}, \"limit\": 10}}}",
            "{\"type\": \"create_action\", \"args\": {\"name\": \"leak\", \"definition\": {\"handler\": \"{{ACTION_BASE}}/{{JOINERY_ADMIN_SECRET}}\","
                    + " \"output_type\": \"Who\", \"type\": \"query\"}}}",
            "{\"type\": \"bulk\", \"args\": [{\"type\": \"get_inconsistent_metadata\", \"args\": {}},"
                    + " {\"type\": \"pg_track_table\", \"args\": {\"table\": \"author\"}}]}",
            "{\"type\": \"replace_metadata\", \"args\": {\"version\": 3, \"sources\": \"not a list\"}}"));

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    static final List<String> CHILD_QUERY = List.of(
            "{\"type\": \"run_sql\", \"args\": {\"sql\": \"SELECT count(*) FROM author\", \"read_only\": true, \"timeout\": 5}}",
            "{\"type\": \"run_sql\", \"args\": {\"source\": \"default\", \"sql\": \"SELECT id, name FROM author ORDER BY id LIMIT 3\", \"read_only\": true}}",
            "{\"type\": \"bulk\", \"args\": [{\"type\": \"run_sql\", \"args\": {\"sql\": \"SELECT 1\", \"read_only\": true}}]}");

    static final List<String> GATEWAY_METADATA = List.of(
            "{\"type\": \"export_metadata\", \"args\": {}}",
            "{\"type\": \"get_inconsistent_metadata\", \"args\": {}}",
            "{\"type\": \"introspect_remote_schema\", \"args\": {\"name\": \"child\"}}",
            "{\"type\": \"reload_remote_schema\", \"args\": {\"name\": \"child\"}}",
            "{\"type\": \"add_remote_schema\", \"args\": {\"name\": \"child\", \"definition\": {\"url_from_env\": \"CHILD_URL\","
                    + " \"timeout_seconds\": 10, \"headers\": [{\"name\": \"X-Hasura-Admin-Secret\", \"value_from_env\": \"CHILD_ADMIN_SECRET\"}]}}}",
            "{\"type\": \"add_remote_schema\", \"args\": {\"name\": \"leak\", \"definition\": {\"url_from_env\": \"CHILD_URL\","
                    + " \"headers\": [{\"name\": \"X-Leak\", \"value_from_env\": \"JOINERY_ADMIN_SECRET\"}]}}}",
            "{\"type\": \"bulk\", \"args\": [{\"type\": \"get_inconsistent_metadata\", \"args\": {}},"
                    + " {\"type\": \"export_metadata\", \"args\": {}}]}",
            "{\"type\": \"replace_metadata\", \"args\": {\"version\": 3, \"remote_schemas\": 7}}");

    /** Bodies that are JSON but not the shape any endpoint expects. */
    static final List<String> WRONG_SHAPES = List.of("", " ", "null", "true", "0", "-0.0e-0", "\"query\"", "[]", "[[]]",
            "{}", "[{}]", "[null, 1]", "{\"query\": null}", "{\"query\": 5}", "{\"query\": []}", "{\"query\": {}}",
            "{\"query\": \"\"}", "{\"query\": \"{ author { id } }\", \"variables\": \"x\"}",
            "{\"query\": \"{ author { id } }\", \"variables\": []}", "{\"query\": \"{ author { id } }\", \"operationName\": 5}",
            "{\"query\": \"{ author { id } }\", \"operationName\": \"Nope\"}", "{\"query\": \"query A { author { id } } query B { author { id } }\"}",
            "{\"type\": null}", "{\"type\": 5, \"args\": {}}", "{\"type\": \"bulk\", \"args\": {}}", "{\"type\": \"bulk\", \"args\": [[]]}",
            "{\"type\": \"bulk\", \"args\": [{\"type\": \"bulk\", \"args\": [{\"type\": \"nope\"}]}]}", "{\"type\": \"run_sql\"}",
            "{\"type\": \"run_sql\", \"args\": {\"sql\": 1}}", "{\"type\": \"export_metadata\", \"args\": null}",
            "{\"type\": \"\\u0000\", \"args\": {}}", "{\"query\": \"{ author { id } }\"}{\"query\": 1}", "\ufeff{\"query\": \"{ author { id } }\"}",
            "{\"query\": \"{ author { id } }\", \"query\": \"{ nope }\"}", "{\"a\":1,\"a\":2}");

    private FuzzInputs() {}

    // ---- GraphQL -------------------------------------------------------------------------------

    /** A body for `/v1/graphql`: a seed, mutated or not, a wrong shape, or a deep or huge document. */
    static Arbitrary<String> graphqlBody() {
        Arbitrary<Seed> seeds = Arbitraries.of(QUERIES);
        return Arbitraries.frequencyOf(
                Tuple.of(1, seeds.map(Seed::body)),
                Tuple.of(5, seeds.flatMap(seed -> Arbitraries.randomValue(r -> new Seed(Mutations.text(seed.query(), r),
                        seed.variables()).body()))),
                Tuple.of(2, seeds.flatMap(seed -> Arbitraries.randomValue(r -> Json.write(Mutations.json(Json.parseBody(seed.body()), r))))),
                Tuple.of(2, seeds.flatMap(seed -> Arbitraries.randomValue(r -> Mutations.text(seed.body(), r)))),
                Tuple.of(1, seeds.flatMap(seed -> Arbitraries.randomValue(r -> seed.body().substring(0, r.nextInt(seed.body().length()))))),
                Tuple.of(1, Arbitraries.of(WRONG_SHAPES)),
                Tuple.of(1, batch()),
                Tuple.of(2, Arbitraries.randomValue(FuzzInputs::bigDocument)));
    }

    private static Arbitrary<String> batch() {
        return Arbitraries.of(QUERIES).list().ofMinSize(0).ofMaxSize(20)
                .map(list -> "[" + String.join(",", list.stream().map(Seed::body).toList()) + "]");
    }

    /** Deep, wide or long documents and values. */
    static String bigDocument(Random r) {
        int kind = r.nextInt(9);
        switch (kind) {
            case 0: { // nested relationships
                int depth = 1 + r.nextInt(40);
                StringBuilder q = new StringBuilder("{ author { id ");
                for (int i = 0; i < depth; i++) {
                    q.append(i % 2 == 0 ? "articles { id " : "author { id ");
                }
                q.append("}".repeat(depth)).append(" } }");
                return new Seed(q.toString(), null).body();
            }
            case 1: { // nested unknown fields, past the parser's depth limit
                int depth = 1 + r.nextInt(3000);
                return new Seed("{" + "a{".repeat(depth) + "b" + "}".repeat(depth + 1), null).body();
            }
            case 2: { // aliases
                int n = 1 + r.nextInt(300);
                StringBuilder q = new StringBuilder("{");
                for (int i = 0; i < n; i++) {
                    q.append(" a").append(i).append(": author(limit: 1) { id }");
                }
                return new Seed(q.append(" }").toString(), null).body();
            }
            case 3: { // fragments that double at each level (small: the expansion limit is another guard)
                int levels = 1 + r.nextInt(8);
                StringBuilder q = new StringBuilder("{ author { ...F" + levels + " } }");
                q.append(" fragment F0 on author { id name }");
                for (int i = 1; i <= levels; i++) {
                    q.append(" fragment F").append(i).append(" on author { ...F").append(i - 1).append(" ...F").append(i - 1).append(" }");
                }
                return new Seed(q.toString(), null).body();
            }
            case 4: { // directives and arguments repeated
                int n = 1 + r.nextInt(500);
                return new Seed("{ author { id" + " @include(if: true)".repeat(n) + " } }", null).body();
            }
            case 5: { // a long string value
                int n = r.nextInt(200_000);
                return new Seed("query L($s: String) { author(where: {name: {_eq: $s}}) { id } }",
                        "{\"s\": " + Json.write("x".repeat(n)) + "}").body();
            }
            case 6: { // deep boolean expressions
                int depth = 1 + r.nextInt(150);
                String where = "{_and: [".repeat(depth) + "{id: {_eq: 1}}" + "]}".repeat(depth);
                return new Seed("{ author(where: " + where + ") { id } }", null).body();
            }
            case 7: { // deep JSON in variables
                int depth = 1 + r.nextInt(MAX_JSON_DEPTH - 2);
                String open = r.nextBoolean() ? "[" : "{\"k\":";
                String close = open.equals("[") ? "]" : "}";
                return new Seed("query J($j: jsonb) { article(where: {meta: {_contains: $j}}) { id } }",
                        "{\"j\": " + open.repeat(depth) + "1" + close.repeat(depth) + "}").body();
            }
            default: { // long numbers, in variables and in the document
                String digits = "9".repeat(1 + r.nextInt(MAX_NUMBER_DIGITS));
                String number = r.nextBoolean() ? digits : "1." + digits + (r.nextBoolean() ? "e" + r.nextInt(400) : "");
                return r.nextBoolean()
                        ? new Seed("query N($id: Int!) { author_by_pk(id: $id) { id } }", "{\"id\": " + number + "}").body()
                        : new Seed("{ author(limit: " + number + ", where: {age: {_gt: " + number + "}}) { id } }", null).body();
            }
        }
    }

    // ---- metadata ------------------------------------------------------------------------------

    /** A metadata body mutated from {@code seeds}, a wrong shape, or a deep one. */
    static Arbitrary<String> metadataBody(List<String> seeds) {
        Arbitrary<String> seed = Arbitraries.of(seeds);
        return Arbitraries.frequencyOf(
                Tuple.of(1, seed),
                Tuple.of(4, seed.flatMap(s -> Arbitraries.randomValue(r -> Json.write(Mutations.json(Json.parseBody(s), r))))),
                Tuple.of(3, seed.flatMap(s -> Arbitraries.randomValue(r -> Mutations.text(s, r)))),
                Tuple.of(1, Arbitraries.of(WRONG_SHAPES)),
                Tuple.of(1, Arbitraries.randomValue(FuzzInputs::deepBulk)));
    }

    private static String deepBulk(Random r) {
        int depth = 1 + r.nextInt(MAX_JSON_DEPTH / 3);
        return "{\"type\": \"bulk\", \"args\": [".repeat(depth) + "{\"type\": \"export_metadata\", \"args\": {}}" + "]}".repeat(depth);
    }

    // ---- headers -------------------------------------------------------------------------------

    /** Headers for a request to {@code tier}: credentials (good, bad or none), a Content-Type, odd extras. */
    static Arbitrary<List<Map.Entry<String, String>>> headers(Tier tier, boolean adminMostly) {
        Arbitrary<List<Map.Entry<String, String>>> credentials = adminMostly
                ? Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(admin(tier))), Tuple.of(2, credentials(tier)))
                : credentials(tier);
        Arbitrary<List<Map.Entry<String, String>>> contentType = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(List.of(Map.entry("Content-Type", "application/json")))),
                Tuple.of(1, Arbitraries.just(List.of())),
                Tuple.of(2, Arbitraries.of("text/plain", "application/json; charset=latin1", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=x", "application/graphql", "*/*", "", ";;;", "application/json; charset=utf-16")
                        .map(v -> List.of(Map.entry("Content-Type", v)))));
        Arbitrary<List<Map.Entry<String, String>>> odd = oddHeader().list().ofMaxSize(3);
        return Combinators.combine(credentials, contentType, odd).as((a, b, c) -> {
            List<Map.Entry<String, String>> all = new ArrayList<>(a);
            all.addAll(b);
            all.addAll(c);
            return withinHeaderBudget(all);
        });
    }

    /**
     * {@code headers} cut to {@link #MAX_HEADER_BYTES}: values to {@link #MAX_HEADER_VALUE}, and
     * headers dropped from the end (credentials come first and stay).
     */
    static List<Map.Entry<String, String>> withinHeaderBudget(List<Map.Entry<String, String>> headers) {
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        int used = 0;
        for (Map.Entry<String, String> header : headers) {
            String value = header.getValue().length() > MAX_HEADER_VALUE
                    ? header.getValue().substring(0, MAX_HEADER_VALUE) : header.getValue();
            int size = header.getKey().length() + value.length() + 4;
            if (used + size <= MAX_HEADER_BYTES) {
                kept.add(Map.entry(header.getKey(), value));
                used += size;
            }
        }
        return kept;
    }

    static List<Map.Entry<String, String>> admin(Tier tier) {
        return List.of(Map.entry("X-Hasura-Admin-Secret", tier == Tier.CHILD ? CHILD_SECRET : GATEWAY_SECRET));
    }

    private static Arbitrary<List<Map.Entry<String, String>>> credentials(Tier tier) {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(List.of())),
                Tuple.of(2, Arbitraries.of("user", "admin", "anonymous", "nope", "", "USER")
                        .map(role -> List.of(Map.entry("X-Hasura-Admin-Secret", tier == Tier.CHILD ? CHILD_SECRET : GATEWAY_SECRET),
                                Map.entry("X-Hasura-Role", role), Map.entry("X-Hasura-User-Id", "1")))),
                Tuple.of(1, Arbitraries.of("wrong", "", " ", CHILD_SECRET + " ", GATEWAY_SECRET.toUpperCase(), "child-secre")
                        .map(secret -> List.of(Map.entry("X-Hasura-Admin-Secret", secret)))),
                Tuple.of(2, Arbitraries.create(() -> List.of(Map.entry("Authorization", "Bearer " + userToken())))),
                Tuple.of(5, badToken().flatMap(token -> Arbitraries.of("Bearer " + token, token, "bearer  " + token, "Basic " + token,
                        "Bearer", "Bearer " + token + " extra")).map(v -> List.of(Map.entry("Authorization", v)))));
    }

    static String userToken() {
        return TestJwts.hs256(JWT_KEY, "user", List.of("user"), Map.of("x-hasura-user-id", "1"));
    }

    /** Tokens that must not authenticate, or authenticate with odd claims. */
    static Arbitrary<String> badToken() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.strings().withCharRange('!', '~').ofMaxLength(300)),
                Tuple.of(1, Arbitraries.of("", ".", "..", "a.b", "a.b.c", "e30.e30.", "e30.e30.e30", "eyJhbGciOiJub25lIn0.e30.",
                        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.x", "%%%.%%%.%%%", "ey.ey.ey.ey")),
                Tuple.of(3, Arbitraries.randomValue(r -> TestJwts.sign(JWT_KEY, (ObjectNode) oddClaims(r)))),
                Tuple.of(1, Arbitraries.randomValue(r -> TestJwts.sign("another-key-of-at-least-32-characters!", validClaims()))),
                Tuple.of(1, Arbitraries.randomValue(r -> unsigned(r.nextBoolean() ? "none" : "HS512", validClaims()))),
                Tuple.of(2, Arbitraries.randomValue(r -> Mutations.text(userToken(), r).replaceAll("[^!-~]", "A"))));
    }

    private static ObjectNode validClaims() {
        String token = userToken();
        return (ObjectNode) Json.parseBody(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    /** Valid claims mutated (the namespace's type, roles, expiry...), still an object. */
    private static JsonNode oddClaims(Random r) {
        JsonNode mutated = Mutations.json(validClaims(), r);
        if (!mutated.isObject()) {
            ObjectNode wrapper = Json.object();
            wrapper.set("https://hasura.io/jwt/claims", mutated);
            return wrapper;
        }
        return mutated;
    }

    private static String unsigned(String alg, ObjectNode claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(("{\"alg\":\"" + alg + "\"}").getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static Arbitrary<Map.Entry<String, String>> oddHeader() {
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(100)),
                Tuple.of(1, Arbitraries.of("", "x".repeat(4000), "gzip", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                        "00-zz-zz-01", "null", "admin", "-1", "9999999999999999999999")));
        Arbitrary<String> name = Arbitraries.of("X-Hasura-Role", "X-Hasura-User-Id", "X-Hasura-Org-Id", "X-Request-Id", "Origin",
                "traceparent", "Content-Encoding", "Accept-Encoding", "Accept", "X-Hasura-Use-Backend-Only-Permissions",
                "Cookie", "X-Forwarded-For", "X-Hasura-Access-Key", "Transfer-Encoding-X", "X-Weird");
        return Combinators.combine(name, value).as(Map::entry);
    }
}
