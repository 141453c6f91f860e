package io.joinery.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The child's admin API as the benchmark uses it: `run_sql` (`POST /v2/query`) and `replace_metadata`. */
final class ChildAdmin {
    private final String childUrl;

    ChildAdmin(String childUrl) {
        this.childUrl = childUrl;
    }

    /** Runs SQL in one transaction; the rows of the last statement, header row first (Hasura's `result`). */
    JsonNode runSql(String sql, String what) {
        ObjectNode command = HttpJson.JSON.createObjectNode().put("type", "run_sql");
        command.putObject("args").put("sql", sql);
        return HttpJson.post(childUrl + "/v2/query", command, what).path("result");
    }

    void replaceMetadata(JsonNode metadata) {
        ObjectNode command = HttpJson.JSON.createObjectNode().put("type", "replace_metadata");
        command.set("args", metadata);
        HttpJson.post(childUrl + "/v1/metadata", command, "applying the child's metadata");
    }
}
