package io.joinery.core.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.List;

/**
 * Requests a minute per client, in this server process only (replicas count apart; SPEC §11.1).
 * A sliding window approximated from two fixed one-minute windows, as is usual: the count of the
 * previous minute weighted by how much of it the sliding minute still covers, plus the count of the
 * current one. Clients idle for two minutes are forgotten; at most {@value #MAX_CLIENTS} are
 * remembered (the least recently seen go first). Time comes from the injected {@link Ticker}.
 */
final class RateCounter {
    static final int MAX_CLIENTS = 100_000;
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    /** Who is counted: the role, plus the IP address or the session variables' values. */
    record Client(String role, List<String> unique) {}

    private final Ticker ticker;
    private final Cache<Client, Window> windows;

    RateCounter(Ticker ticker) {
        this.ticker = ticker;
        this.windows = Caffeine.newBuilder().ticker(ticker).expireAfterAccess(Duration.ofMinutes(2))
                .maximumSize(MAX_CLIENTS).build();
    }

    /** Counts one request of {@code client}; the seconds to wait when it is past {@code max}, else 0. */
    long admit(Client client, int max) {
        long now = ticker.read();
        return windows.get(client, c -> new Window(now)).admit(now, max);
    }

    /** One client's counts; requests of one client may arrive on several event loops at once. */
    private static final class Window {
        private long start;
        private long current;
        private long previous;

        Window(long now) {
            this.start = now;
        }

        synchronized long admit(long now, int max) {
            long elapsed = now - start;
            if (elapsed >= 2 * MINUTE) {
                previous = 0;
                current = 0;
                start = now;
                elapsed = 0;
            } else if (elapsed >= MINUTE) {
                previous = current;
                current = 0;
                start += MINUTE;
                elapsed -= MINUTE;
            }
            double weight = (double) (MINUTE - elapsed) / MINUTE;
            double estimate = previous * weight + current;
            if (estimate + 1 > max) {
                // the window moves on at the latest when this minute ends
                return Math.max(1, (long) Math.ceil((MINUTE - elapsed) / 1e9));
            }
            current++;
            return 0;
        }
    }
}
