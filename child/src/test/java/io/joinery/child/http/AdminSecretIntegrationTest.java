package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.child.testing.TestDatabase;
import io.joinery.core.http.TestHttp;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SPEC §6 with `JOINERY_ADMIN_SECRET` set: where the 401 surfaces and how roles resolve. */
class AdminSecretIntegrationTest {
    static ChildTestServer child;
    static TestHttp http;

    @BeforeAll
    static void start() {
        child = new ChildTestServer(TestDatabase.fresh(), Optional.of("s3cret"));
        http = child.http;
    }

    @AfterAll
    static void stop() {
        child.close();
    }

    @Test
    void graphqlWithoutSecret_is200WithAccessDenied() {
        TestHttp.Response response = http.graphql("{ __typename }");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().at("/errors/0/extensions/code").asText()).isEqualTo("access-denied");
        assertThat(response.json().at("/errors/0/message").asText())
                .isEqualTo("x-hasura-admin-secret/x-hasura-access-key required, but not found");
    }

    @Test
    void metadataWithWrongSecret_is401() {
        TestHttp.Response response = http.post("/v1/metadata", "{\"type\":\"export_metadata\",\"args\":{}}",
                Map.of("X-Hasura-Admin-Secret", "wrong"));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").asText()).isEqualTo("invalid x-hasura-admin-secret/x-hasura-access-key");
        assertThat(response.json().get("code").asText()).isEqualTo("access-denied");
        assertThat(response.json().get("path").asText()).isEqualTo("$");
    }

    @Test
    void correctSecret_isAdmin_andAccessKeyAliasWorks() {
        assertThat(http.post("/v1/metadata", "{\"type\":\"export_metadata\",\"args\":{}}",
                Map.of("X-Hasura-Admin-Secret", "s3cret")).status()).isEqualTo(200);
        assertThat(http.graphql("{ __typename }", null, Map.of("X-Hasura-Access-Key", "s3cret")).json()
                .at("/data/__typename").asText()).isEqualTo("query_root");
    }

    @Test
    void healthAndVersion_needNoSecret() {
        assertThat(http.get("/healthz").status()).isEqualTo(200);
        assertThat(http.get("/v1/version").status()).isEqualTo(200);
    }
}
