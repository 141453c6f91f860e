package io.joinery.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.joinery.core.http.RawHttp;
import io.joinery.core.json.Json;
import io.joinery.gateway.testing.GatewayFixture;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.Remotes;
import io.joinery.gateway.testing.TestUpstream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPEC §11.2 on the gateway: a request not received whole within the read timeout, and a keep-alive
 * connection idle past the idle timeout, are disconnected (both set to 3 s here through the
 * environment); the gateway answers normally afterwards. Time bounds are hang guards only.
 */
class SlowClientsIntegrationTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.builder()
            .env("JOINERY_READ_TIMEOUT_SECONDS", "3")
            .env("JOINERY_IDLE_TIMEOUT_SECONDS", "3")
            .remote("users", () -> Remotes.users(TestUpstream.sharedLog()), null)
            .start();
    private final GatewayHarness gateway = fixture.gateway();

    private void stillServesANormalQuery() {
        assertThat(gateway.graphql("{ users { name } }"))
                .isEqualTo(Json.parseBody("{\"data\":{\"users\":[{\"name\":\"Ada\"},{\"name\":\"Grace\"}]}}"));
    }

    @Test
    void clientThatNeverFinishesItsHeaders_isDisconnectedAfterTheReadTimeout() {
        try (RawHttp raw = new RawHttp(gateway.gateway().port())) {
            raw.write("POST /v1/graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n");

            assertThat(assertTimeoutPreemptively(HANG_GUARD, raw::readUntilClosed)).isEmpty();
        }
        stillServesANormalQuery();
    }

    @Test
    void idleKeepAliveConnection_isClosedAfterTheIdleTimeout() {
        String body = "{\"query\":\"{ users { name } }\"}";
        try (RawHttp raw = new RawHttp(gateway.gateway().port())) {
            raw.write("POST /v1/graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body);
            assertThat(raw.read().status()).isEqualTo(200);

            assertThat(assertTimeoutPreemptively(HANG_GUARD, raw::readUntilClosed)).isEmpty();
        }
        stillServesANormalQuery();
    }
}
