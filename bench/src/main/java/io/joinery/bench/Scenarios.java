package io.joinery.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scenarios of issue 16, in the order they run: the gateway in front of the upstream stub
 * (pass-through, and joins from "shop" orders to "crm" customers), then the child on its seeded
 * database (1,000 authors with 10 articles each). Two gateway scenarios have a twin sent to a
 * gateway with observability off (issue 18), and two child scenarios a twin sent as role `reader`
 * (issue 14); each pair is measured in alternating rounds.
 */
public final class Scenarios {
    /**
     * Role `reader` (child-metadata.json): its select permissions keep the rows whose author id is at
     * most `X-Hasura-User-Id`; with 1,000 it sees every row, so its answers equal admin's and only the
     * cost of the permission differs (issue 14: no extra statement, under 10% more time).
     */
    private static final Map<String, String> READER = Map.of("X-Hasura-Role", "reader", "X-Hasura-User-Id", "1000");

    private Scenarios() {}

    /** The GraphQL query of scenario {@code name} (the JMH benchmarks use the same ones). */
    public static String query(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scenario " + name)).query();
    }

    static List<Scenario> all() {
        Scenario passThrough = new Scenario("gateway-pass-through-50", Scenario.Tier.GATEWAY,
                "50 rows from one remote, no join",
                "{ orders(count: 50, keys: 50) { id customerId total status note } }",
                data -> rows(data.path("orders"), 50));
        Scenario join = new Scenario("gateway-join-50", Scenario.Tier.GATEWAY,
                "50 rows, each joined to another remote (50 distinct keys)",
                "{ orders(count: 50, keys: 50) { id total status customer { id name email } } }",
                data -> joined(data.path("orders"), 50, 50));
        return List.of(
                passThrough,
                passThrough.withObservabilityOff(),
                join,
                join.withObservabilityOff(),
                new Scenario("gateway-join-500-400-keys", Scenario.Tier.GATEWAY,
                        "500 rows joined to another remote, 400 distinct keys",
                        "{ orders(count: 500, keys: 400) { id total status customer { id name email } } }",
                        data -> joined(data.path("orders"), 500, 400)),
                new Scenario("child-20-rows", Scenario.Tier.CHILD,
                        "20 rows of one table",
                        "{ article(limit: 20, order_by: {id: asc}) { id title rating published } }",
                        data -> rows(data.path("article"), 20)),
                new Scenario("child-20-rows-role-filter", Scenario.Tier.CHILD,
                        "child-20-rows as role reader, whose select permission filters rows by a session variable",
                        "{ article(limit: 20, order_by: {id: asc}) { id title rating published } }", READER,
                        data -> rows(data.path("article"), 20)).against("child-20-rows"),
                new Scenario("child-50-authors-x-10-articles", Scenario.Tier.CHILD,
                        "50 authors with their 10 articles each (array relationship)",
                        "{ author(limit: 50, order_by: {id: asc}) { id name articles(order_by: {id: asc}) "
                                + "{ id title rating } } }",
                        Scenarios::authorsWithArticles),
                new Scenario("child-50-authors-x-10-articles-role-filter", Scenario.Tier.CHILD,
                        "child-50-authors-x-10-articles as role reader: a row filter on both tables",
                        "{ author(limit: 50, order_by: {id: asc}) { id name articles(order_by: {id: asc}) "
                                + "{ id title rating } } }", READER,
                        Scenarios::authorsWithArticles).against("child-50-authors-x-10-articles"),
                new Scenario("child-nested-filters", Scenario.Tier.CHILD,
                        "two nested levels (article -> author -> articles), filters at the root and below",
                        "{ article(where: {rating: {_gte: 4}, published: {_eq: true}}, order_by: {id: asc}, limit: 20) "
                                + "{ id title author { name articles(where: {rating: {_eq: 5}}, order_by: {id: asc}, "
                                + "limit: 3) { id title } } } }",
                        Scenarios::nested),
                new Scenario("child-aggregate", Scenario.Tier.CHILD,
                        "an aggregate over 500 rows (count, sum, avg, max)",
                        "{ article_aggregate(where: {author_id: {_lte: 50}}) { aggregate { count sum { rating } "
                                + "avg { rating } max { rating } } } }",
                        data -> data.at("/article_aggregate/aggregate/count").asInt() == 500 ? Optional.empty()
                                : Optional.of("expected count 500: " + data)));
    }

    private static Optional<String> rows(JsonNode rows, int expected) {
        if (!rows.isArray() || rows.size() != expected) {
            return Optional.of("expected " + expected + " rows, got " + abbreviate(rows));
        }
        return Optional.empty();
    }

    private static Optional<String> joined(JsonNode rows, int expected, int distinctKeys) {
        Optional<String> problem = rows(rows, expected);
        if (problem.isPresent()) {
            return problem;
        }
        Set<Integer> keys = new HashSet<>();
        for (JsonNode row : rows) {
            JsonNode customer = row.path("customer");
            if (!customer.path("name").isTextual()) {
                return Optional.of("a row without its joined customer: " + row);
            }
            keys.add(customer.path("id").asInt());
        }
        return keys.size() == distinctKeys ? Optional.empty()
                : Optional.of("expected " + distinctKeys + " distinct customers, got " + keys.size());
    }

    private static Optional<String> authorsWithArticles(JsonNode data) {
        JsonNode authors = data.path("author");
        Optional<String> problem = rows(authors, 50);
        for (int i = 0; problem.isEmpty() && i < authors.size(); i++) {
            problem = rows(authors.get(i).path("articles"), 10);
        }
        return problem;
    }

    private static Optional<String> nested(JsonNode data) {
        JsonNode articles = data.path("article");
        Optional<String> problem = rows(articles, 20);
        for (int i = 0; problem.isEmpty() && i < articles.size(); i++) {
            if (!articles.get(i).path("author").path("articles").isArray()) {
                problem = Optional.of("an article without its author's articles: " + articles.get(i));
            }
        }
        return problem;
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
