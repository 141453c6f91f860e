package io.joinery.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.Remotes;
import io.joinery.gateway.testing.TestUpstream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remote down at start-up is inconsistent, and served without a restart once it is back. */
class RemoteDownAtStartIntegrationTest {
    @TempDir
    Path dir;
    private final List<String> log = TestUpstream.sharedLog();
    private TestUpstream users;
    private TestUpstream orders;
    private GatewayHarness gateway;

    @AfterEach
    void stop() {
        gateway.close();
        users.close();
        orders.close();
    }

    @Test
    void remoteDownAtStart_isInconsistent_thenServedWhenBack() {
        users = Remotes.users(log);
        orders = Remotes.ordersBuilder(log).build(TestUpstream.freePort());
        GatewayHarness.writeMetadata(dir.resolve("metadata.json"), """
                {"version": 3, "sources": [], "remote_schemas": [
                  {"name": "orders", "definition": {"url": "%s", "timeout_seconds": 5}},
                  {"name": "users", "definition": {"url": "%s"}}]}""".formatted(orders.url(), users.url()));

        gateway = GatewayHarness.start(dir);

        JsonNode report = gateway.metadataOk("{\"type\":\"get_inconsistent_metadata\",\"args\":{}}");
        assertThat(report.get("is_consistent").asBoolean()).isFalse();
        assertThat(report.get("inconsistent_objects")).singleElement().satisfies(o -> {
            assertThat(o.get("type").asText()).isEqualTo("remote_schema");
            assertThat(o.get("name").asText()).isEqualTo("remote_schema orders");
            assertThat(o.at("/definition/definition/url").asText()).isEqualTo(orders.url());
            assertThat(o.get("reason").asText()).isEqualTo(
                    "Inconsistent object: HTTP exception occurred while sending the request to \"" + orders.url() + "\"");
        });
        assertThat(gateway.get("/healthz?strict=true").status()).isEqualTo(500);
        assertThat(gateway.get("/healthz?strict=true").body()).isEqualTo("ERROR: inconsistent objects in schema");
        assertThat(gateway.get("/healthz").status()).isEqualTo(200);
        assertThat(gateway.get("/healthz").body()).isEqualTo("WARN: inconsistent objects in schema");
        assertThat(gateway.graphql("{ user(id: 1) { name } }").toString())
                .isEqualTo("{\"data\":{\"user\":{\"name\":\"Ada\"}}}");
        assertThat(gateway.graphql("{ order(id: 1) { id } }").at("/errors/0/extensions/code").asText())
                .isEqualTo("validation-failed");

        orders.start();
        GatewayHarness.await(Duration.ofSeconds(10), () -> gateway.get("/healthz?strict=true").status() == 200);

        assertThat(gateway.get("/healthz?strict=true").body()).isEqualTo("OK");
        assertThat(gateway.graphql("{ order(id: 1) { id total } user(id: 2) { name } }").toString()).isEqualTo(
                "{\"data\":{\"order\":{\"id\":\"1\",\"total\":100},\"user\":{\"name\":\"Grace\"}}}");
        assertThat(gateway.metadataOk("{\"type\":\"get_inconsistent_metadata\",\"args\":{}}").toString())
                .isEqualTo("{\"is_consistent\":true,\"inconsistent_objects\":[]}");
    }

    @Test
    void reloadMetadata_reportsRemoteThatWentDown_andRecoversIt() {
        users = Remotes.users(log);
        orders = Remotes.orders(log);
        gateway = GatewayHarness.start(dir);
        gateway.metadataOk(GatewayHarness.addRemote("orders", orders.url(), null));
        gateway.metadataOk(GatewayHarness.addRemote("users", users.url(), null));
        orders.stop();

        JsonNode reload = gateway.metadataOk("{\"type\":\"reload_metadata\",\"args\":{}}");

        assertThat(reload.get("message").asText()).isEqualTo("success");
        assertThat(reload.get("is_consistent").asBoolean()).isFalse();
        assertThat(reload.get("inconsistent_objects").get(0).get("name").asText()).isEqualTo("remote_schema orders");
        assertThat(gateway.graphql("{ users { id } }").at("/data/users").size()).isEqualTo(2);

        orders.start();
        GatewayHarness.await(Duration.ofSeconds(10), () -> gateway.get("/healthz?strict=true").status() == 200);
        assertThat(gateway.graphql("{ order(id: 2) { total } }").toString())
                .isEqualTo("{\"data\":{\"order\":{\"total\":200}}}");
    }
}
