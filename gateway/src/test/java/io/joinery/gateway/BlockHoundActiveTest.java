package io.joinery.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joinery.gateway.testing.TestBlockHound;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The suite's integration tests rely on BlockHound being active; this proves it is. */
class BlockHoundActiveTest {
    @Test
    void blockingCallOnNonBlockingThread_isReported() {
        TestBlockHound.install();

        assertThatThrownBy(() -> Mono.fromCallable(() -> {
                    Thread.sleep(1);
                    return "slept";
                })
                .subscribeOn(Schedulers.parallel())
                .block(Duration.ofSeconds(5)))
                .hasMessageContaining("Blocking call");
        assertThat(TestBlockHound.drainViolations()).singleElement().asString().startsWith("java.lang.Thread.sleep");
    }
}
