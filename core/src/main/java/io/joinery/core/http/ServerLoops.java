package io.joinery.core.http;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.Optional;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.HttpResources;
import reactor.netty.resources.LoopResources;

/**
 * The event loops both servers answer on (Reactor Netty's default ones, shared with its default
 * clients), as seen from the current thread: which loop it is, and that loop as a Reactor timer.
 *
 * <p>Design note: a request is answered on one loop from its first byte to its last, upstream
 * calls included ({@code UpstreamClient}'s pools are per loop). A timeout set and cancelled on
 * that loop's own timer queue costs no lock and no other thread; Reactor's default timer is a
 * shared thread pool, whose queue every loop locks twice per timeout (issue 16).
 */
public final class ServerLoops {
    /** One of the loops, with itself as a Reactor {@link Scheduler} (delays on its timer queue). */
    public record Loop(EventLoop eventLoop, Scheduler timer) {}

    /** The current thread's loop, looked up once per thread. */
    private static final FastThreadLocal<Optional<Loop>> CURRENT = new FastThreadLocal<>() {
        @Override
        protected Optional<Loop> initialValue() {
            for (EventExecutor executor : group()) {
                if (executor instanceof EventLoop loop && loop.inEventLoop()) {
                    // never disposed: that would shut the loop down
                    return Optional.of(new Loop(loop, Schedulers.fromExecutorService(loop, "joinery-loop-timer")));
                }
            }
            return Optional.empty();
        }
    };

    private ServerLoops() {}

    /** The loop this runs on, or empty on any other thread (start-up, tests, a database driver's threads). */
    public static Optional<Loop> current() {
        return CURRENT.get();
    }

    /** The current loop's timer, or Reactor's shared one (the default of its timeouts) off the loops. */
    public static Scheduler timer() {
        Optional<Loop> loop = CURRENT.get();
        return loop.isPresent() ? loop.get().timer() : Schedulers.parallel();
    }

    /** How many loops there are. */
    public static int count() {
        int n = 0;
        for (EventExecutor ignored : group()) {
            n++;
        }
        return n;
    }

    private static EventLoopGroup group() {
        return HttpResources.get().onClient(LoopResources.hasNativeSupport());
    }
}
