package io.joinery.core.upstream;

import static io.joinery.core.upstream.Idempotency.IDEMPOTENT;
import static io.joinery.core.upstream.Idempotency.NON_IDEMPOTENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

/** The resend rule, case by case (issue 11, item 6). */
class StaleConnectionRetryTest {
    private static final StaleConnectionRetry.Attempt STALE = new StaleConnectionRetry.Attempt(true, true, false);
    private static final PrematureCloseException BEFORE_RESPONSE = PrematureCloseException.TEST_EXCEPTION;

    @Test
    void idempotentRequest_writtenOnAReusedConnection_closedBeforeTheResponse_isSentAgain() {
        assertThat(StaleConnectionRetry.allows(IDEMPOTENT, STALE, BEFORE_RESPONSE)).isTrue();
        assertThat(StaleConnectionRetry.allows(IDEMPOTENT, STALE, new IOException("Connection reset by peer"))).isTrue();
        assertThat(StaleConnectionRetry.allows(IDEMPOTENT, STALE, new ClosedChannelException())).isTrue();
    }

    @Test
    void nonIdempotentRequest_thatWasWritten_isNeverSentAgain() {
        assertThat(StaleConnectionRetry.allows(NON_IDEMPOTENT, STALE, BEFORE_RESPONSE)).isFalse();
        assertThat(StaleConnectionRetry.allows(NON_IDEMPOTENT, STALE, new IOException("Connection reset by peer")))
                .isFalse();
    }

    @Test
    void freshConnection_isNotAStaleOne_noResend() {
        assertThat(StaleConnectionRetry.allows(IDEMPOTENT, new StaleConnectionRetry.Attempt(false, true, false),
                BEFORE_RESPONSE)).isFalse();
    }

    @Test
    void nothingWritten_isReactorNettysOwnResend_notASecondOne() {
        assertThat(StaleConnectionRetry.allows(IDEMPOTENT, new StaleConnectionRetry.Attempt(true, false, false),
                AbortedException.beforeSend())).isFalse();
    }

    @Test
    void responseStarted_serverHasTheRequest_noResend() {
        assertThat(StaleConnectionRetry.allows(IDEMPOTENT, new StaleConnectionRetry.Attempt(true, true, true),
                BEFORE_RESPONSE)).isFalse();
    }

    @Test
    void timeoutsAndRefusedConnections_areNotStaleConnections() {
        assertThat(StaleConnectionRetry.allows(IDEMPOTENT, STALE, new TimeoutException())).isFalse();
        assertThat(StaleConnectionRetry.allows(IDEMPOTENT, STALE, ReadTimeoutException.INSTANCE)).isFalse();
        assertThat(StaleConnectionRetry.allows(IDEMPOTENT, STALE, new ConnectException("Connection refused")))
                .isFalse();
        assertThat(StaleConnectionRetry.allows(IDEMPOTENT, STALE, new IllegalStateException("boom"))).isFalse();
    }
}
