package io.joinery.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.core.auth.AuthConfig;
import io.joinery.core.auth.SessionResolver;
import io.netty.channel.epoll.Epoll;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;

/** On Linux x86-64 the servers use Netty's native epoll transport (issue 16); elsewhere NIO. */
class FrontDoorTransportTest {

    @Test
    void onLinuxX8664_theServerUsesEpoll() {
        boolean linuxX8664 = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
        if (linuxX8664) {
            assertThat(Epoll.isAvailable()).as(String.valueOf(Epoll.unavailabilityCause())).isTrue();
        }
        DisposableServer server = FrontDoor.start(FrontDoorConfig.of("127.0.0.1", 0, Cors.parse("*")),
                SessionResolver.create(AuthConfig.open(), HttpClient.create(), Clock.systemUTC()),
                List.of(Route.get("/ok", call -> Mono.just(HttpAnswer.text(200, "OK")))));
        try {
            assertThat(FrontDoor.transport(server)).isEqualTo(Epoll.isAvailable() ? "epoll" : "nio");
            assertThat(new TestHttp(server.port()).get("/ok").body()).isEqualTo("OK");
        } finally {
            server.disposeNow();
        }
    }
}
