package io.joinery.examples.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import reactor.core.publisher.Mono;

/**
 * `authorStats(author_id: Int!): AuthorStats`: counts an author's articles and their ratings with
 * one aggregate query to the child. The gateway joins it to authors (an Action → Action
 * relationship): `author.stats` calls this action with the author's id.
 */
public final class AuthorStatsAction {
    private static final String STATS = """
            query ($id: Int!) {
              article_aggregate(where: {author_id: {_eq: $id}}) {
                aggregate { count avg { rating } max { rating } }
              }
            }""";

    private final ObjectMapper json;
    private final ChildGraphqlClient child;

    public AuthorStatsAction(ObjectMapper json, ChildGraphqlClient child) {
        this.json = json;
        this.child = child;
    }

    public Mono<JsonNode> handle(JsonNode input) {
        int authorId = input.path("author_id").asInt();
        return child.send(STATS, json.createObjectNode().put("id", authorId)).map(data -> {
            JsonNode aggregate = data.path("article_aggregate").path("aggregate");
            ObjectNode stats = json.createObjectNode()
                    .put("author_id", authorId)
                    .put("article_count", aggregate.path("count").asInt());
            JsonNode average = aggregate.path("avg").path("rating");
            if (average.isNumber()) {
                stats.put("average_rating", Math.round(average.asDouble() * 100) / 100.0);
            } else {
                stats.putNull("average_rating");
            }
            stats.set("top_rating", aggregate.path("max").path("rating"));
            return stats;
        });
    }
}
