package io.joinery.examples.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import reactor.core.publisher.Mono;

/**
 * `updateAuthor(id: Int!, name: String!): UpdateAuthorOutput`: renames the author through the
 * child's own `update_author_by_pk` and answers `{"author_id": id}`. The child then follows
 * `UpdateAuthorOutput.updatedAuthor` to the `author` row in SQL, so the handler only returns the key.
 */
public final class UpdateAuthorAction {
    private static final String UPDATE = """
            mutation ($id: Int!, $name: String!) {
              update_author_by_pk(pk_columns: {id: $id}, _set: {name: $name}) { id }
            }""";

    private final ObjectMapper json;
    private final ChildGraphqlClient child;

    public UpdateAuthorAction(ObjectMapper json, ChildGraphqlClient child) {
        this.json = json;
        this.child = child;
    }

    public Mono<JsonNode> handle(JsonNode input) {
        int id = input.path("id").asInt();
        String name = input.path("name").asText("").trim();
        if (name.isEmpty()) {
            return Mono.error(new HandlerError(400, "name must not be empty", "invalid-name"));
        }
        ObjectNode variables = json.createObjectNode().put("id", id).put("name", name);
        return child.send(UPDATE, variables).map(data -> {
            if (data.path("update_author_by_pk").isNull()) {
                throw new HandlerError(404, "no author with id " + id, "author-not-found");
            }
            return json.createObjectNode().put("author_id", id);
        });
    }
}
