package io.joinery.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** JSON over HTTP for set-up, checks and the exact counting passes (never for the load itself: that is wrk). */
final class HttpJson {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpJson() {}

    /** POSTs {@code body}; the answer must be HTTP 200 with a JSON body. */
    static JsonNode post(String url, String body, String what) {
        return post(url, body, Map.of(), what);
    }

    /** POSTs {@code body} with {@code headers} besides `Content-Type`; the answer must be HTTP 200 with a JSON body. */
    static JsonNode post(String url, String body, Map<String, String> headers, String what) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json");
            headers.forEach(builder::header);
            HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new BenchFailure(what + " failed: HTTP " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new BenchFailure(what + " failed: the answer is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BenchFailure(what + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while " + what);
        }
    }

    static JsonNode post(String url, JsonNode body, String what) {
        return post(url, body.toString(), what);
    }
}
