package io.joinery.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Loads the demo into a running child, through its public API like any user would: the SQL with
 * `run_sql` (`POST /v2/query`), then the metadata with `replace_metadata` (`POST /v1/metadata`).
 */
public final class ChildSetup {
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String childUrl;
    private final String adminSecret;

    public ChildSetup(String childUrl, String adminSecret) {
        this.childUrl = childUrl;
        this.adminSecret = adminSecret;
    }

    public void runSql(Path sqlFile) {
        ObjectNode command = json.createObjectNode().put("type", "run_sql");
        command.putObject("args").put("sql", read(sqlFile));
        post("/v2/query", command, "loading " + sqlFile.getFileName());
    }

    public void replaceMetadata(Path metadataFile) {
        ObjectNode command = json.createObjectNode().put("type", "replace_metadata");
        try {
            command.set("args", json.readTree(read(metadataFile)));
        } catch (IOException e) {
            throw new DemoFailure(metadataFile + " is not valid JSON: " + e.getMessage());
        }
        post("/v1/metadata", command, "applying " + metadataFile.getFileName());
    }

    private void post(String path, JsonNode command, String what) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(childUrl + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("X-Hasura-Admin-Secret", adminSecret)
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(command)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new DemoFailure(what + " failed: the child answered " + response.statusCode() + " "
                        + response.body());
            }
        } catch (IOException e) {
            throw new DemoFailure(what + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted while " + what);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new DemoFailure("cannot read " + file + ": " + e.getMessage());
        }
    }
}
