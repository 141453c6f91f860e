package io.joinery.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.gateway.testing.GatewayFixture;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.GatewayHarness.Reply;
import io.joinery.gateway.testing.Remotes;
import io.joinery.gateway.testing.TestUpstream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPEC §11.2: remote schemas' `{{VAR}}` and `*_from_env` cannot read the server's own secrets; the
 * remote is inconsistent, naming the variable, and no request carrying the value is ever sent.
 */
class TemplateSecretsIntegrationTest {
    private static final Map<String, String> ADMIN = Map.of("X-Hasura-Admin-Secret", "adm");

    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.builder().adminSecret("adm")
            .env("JOINERY_ADMIN_SECRET", "adm").env("HASURA_GRAPHQL_JWT_SECRET", "jwt-key").env("OK_KEY", "fine")
            .upstream("users", () -> Remotes.users(TestUpstream.sharedLog()))
            .start();
    private final GatewayHarness gateway = fixture.gateway();
    private final TestUpstream users = fixture.upstream("users");

    private Reply addRemote(String definition) {
        return gateway.post("/v1/metadata", "{\"type\": \"add_remote_schema\", \"args\": {\"name\": \"users\","
                + " \"definition\": {" + definition + "}}}", ADMIN);
    }

    private static void assertRefused(Reply reply, String variable) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        JsonNode body = reply.json();
        assertThat(body.get("code").asText()).isEqualTo("invalid-configuration");
        assertThat(body.get("path").asText()).isEqualTo("$.args");
        assertThat(body.get("error").asText()).isEqualTo("Inconsistent object: environment variable '" + variable
                + "' is a secret of this server: metadata cannot read it");
    }

    @Test
    void headerFromAServerSecret_isRefused_andNothingIsSent() {
        assertRefused(addRemote("\"url\": \"" + users.url() + "\", \"headers\": [{\"name\": \"X-Leak\","
                + " \"value_from_env\": \"JOINERY_ADMIN_SECRET\"}]"), "JOINERY_ADMIN_SECRET");
        assertRefused(addRemote("\"url\": \"" + users.url() + "\", \"headers\": [{\"name\": \"X-Leak\","
                + " \"value\": \"Bearer {{HASURA_GRAPHQL_JWT_SECRET}}\"}]"), "HASURA_GRAPHQL_JWT_SECRET");

        assertThat(users.allRequests()).isEmpty();
        Reply exported = gateway.post("/v1/metadata", "{\"type\": \"export_metadata\", \"args\": {}}", ADMIN);
        assertThat(exported.json().has("remote_schemas")).as(exported.body()).isFalse();
    }

    @Test
    void urlTemplatesAndUrlFromEnv_cannotNameAServerSecret_evenWhenUnset() {
        assertRefused(addRemote("\"url\": \"http://127.0.0.1:1/{{ JOINERY_DATABASE_URL }}\""), "JOINERY_DATABASE_URL");
        assertRefused(addRemote("\"url_from_env\": \"HASURA_GRAPHQL_ADMIN_SECRET\""), "HASURA_GRAPHQL_ADMIN_SECRET");
    }

    @Test
    void otherVariables_stillWork() {
        Reply ok = addRemote("\"url\": \"" + users.url() + "\", \"headers\": [{\"name\": \"X-Key\","
                + " \"value_from_env\": \"OK_KEY\"}]");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(users.allRequests().get(0).headers()).containsEntry("x-key", "fine");
    }
}
