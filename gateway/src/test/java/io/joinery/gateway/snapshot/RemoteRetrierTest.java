package io.joinery.gateway.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

class RemoteRetrierTest {

    /** Runs every task at once and records the delay it was asked for: time without sleeping. */
    static final class RecordingScheduler implements Scheduler {
        final List<Duration> delays = new CopyOnWriteArrayList<>();

        @Override
        public Disposable schedule(Runnable task) {
            task.run();
            return Disposables.disposed();
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            delays.add(Duration.ofNanos(unit.toNanos(delay)));
            task.run();
            return Disposables.disposed();
        }

        @Override
        public Worker createWorker() {
            RecordingScheduler parent = this;
            return new Worker() {
                @Override
                public Disposable schedule(Runnable task) {
                    return parent.schedule(task);
                }

                @Override
                public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
                    return parent.schedule(task, delay, unit);
                }

                @Override
                public void dispose() {}
            };
        }
    }

    @Test
    void backoffDoubles_upToMax_andResetsWhenRemotesAreBack() {
        RecordingScheduler scheduler = new RecordingScheduler();
        AtomicInteger stillDownFor = new AtomicInteger(5);
        RemoteRetrier retrier = new RemoteRetrier(() -> Mono.fromCallable(() -> stillDownFor.getAndDecrement() > 0),
                Duration.ofSeconds(1), Duration.ofSeconds(8), scheduler);

        List<Boolean> stillDown = retrier.loop().take(8).collectList().block();

        assertThat(stillDown).containsExactly(true, true, true, true, true, false, false, false);
        assertThat(scheduler.delays).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 8L, 8L, 1L, 1L);
    }

    @Test
    void failedAttempt_countsAsStillDown() {
        RecordingScheduler scheduler = new RecordingScheduler();
        RemoteRetrier retrier = new RemoteRetrier(() -> Mono.error(new IllegalStateException("boom")),
                Duration.ofMillis(100), Duration.ofSeconds(1), scheduler);

        assertThat(retrier.loop().take(3).collectList().block()).containsExactly(true, true, true);
        assertThat(scheduler.delays).extracting(Duration::toMillis).containsExactly(100L, 200L, 400L);
    }
}
