package io.joinery.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.metadata.MetadataEngineTest.NameApplier;
import io.joinery.core.metadata.MetadataEngineTest.NameCommand;
import io.joinery.core.metadata.MetadataEngineTest.Names;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Two engines on one shared store, as two replicas on one Postgres (SPEC §14): each catches up
 * before a change, a write that loses a race is applied again on the winner's state, a stale
 * `resource_version` is refused, and a change signal makes a follower adopt the stored state.
 */
class SharedStoreEngineTest {
    /** The shared store: writes are conditional on the resource_version they replace. */
    final AtomicReference<Names> stored = new AtomicReference<>(new Names(1, 1, new TreeSet<>(List.of("a"))));
    final Sinks.Many<String> notifications = Sinks.many().multicast().directBestEffort();

    final class SharedPersister implements SnapshotPersister<Names, NameCommand> {
        /** How many upcoming catch-up checks answer "not behind" whatever the store says (a race). */
        final AtomicInteger blindChecks = new AtomicInteger();

        @Override
        public Mono<Void> persist(Names previous, Names next, List<NameCommand> commands) {
            Names now = stored.get();
            if (now.resourceVersion() != previous.resourceVersion() || !stored.compareAndSet(now, next)) {
                return Mono.error(new JoineryException(ErrorCode.CONFLICT, "changed by another replica",
                        ErrorPath.root(), null, 409));
            }
            notifications.tryEmitNext(Long.toString(next.resourceVersion()));
            return Mono.empty();
        }

        @Override
        public Mono<Boolean> isBehind(Names current) {
            if (blindChecks.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return Mono.just(false);
            }
            return Mono.just(stored.get().resourceVersion() != current.resourceVersion());
        }

        @Override
        public Mono<Names> reload(Names current) {
            return Mono.just(stored.get());
        }

        @Override
        public Flux<String> changes() {
            return notifications.asFlux();
        }
    }

    final SharedPersister persisterA = new SharedPersister();
    final SharedPersister persisterB = new SharedPersister();
    final MetadataEngine<Names, NameCommand> a = engine(persisterA);
    final MetadataEngine<Names, NameCommand> b = engine(persisterB);

    private MetadataEngine<Names, NameCommand> engine(SharedPersister persister) {
        return new MetadataEngine<>(stored.get(), MetadataEngineTest::parse, new NameApplier(), persister);
    }

    private static void add(MetadataEngine<Names, NameCommand> engine, String name) {
        engine.run(MetadataEngineTest.json("{'type': 'add', 'args': {'name': '" + name + "'}}"), SessionVariables.admin())
                .block();
    }

    @Test
    void aChangeOnOneReplica_isAdoptedByTheOtherOnSync() {
        add(a, "b");
        assertThat(b.sync().block()).isTrue();
        assertThat(b.current().names()).containsExactly("a", "b");
        assertThat(b.current().resourceVersion()).isEqualTo(2);
        assertThat(b.current().version()).isEqualTo(2);
        assertThat(b.sync().block()).as("nothing newer").isFalse();
    }

    @Test
    void aChangeOnAReplicaThatIsBehind_isAppliedOnTheStoredState() {
        add(a, "b");
        add(b, "c");
        assertThat(stored.get().names()).containsExactly("a", "b", "c");
        assertThat(b.current().names()).containsExactly("a", "b", "c");
        assertThat(b.current().resourceVersion()).isEqualTo(3);
    }

    @Test
    void aWriteThatLosesARace_isAppliedAgainOnTheWinnersState() {
        add(a, "b");
        persisterB.blindChecks.set(1); // b does not see a's change before writing: its write conflicts
        add(b, "c");
        assertThat(stored.get().names()).as("neither change is lost").containsExactly("a", "b", "c");
        assertThat(stored.get().resourceVersion()).isEqualTo(3);
        assertThat(b.current()).isEqualTo(stored.get().withVersions(b.current().version(), 3));
    }

    @Test
    void aWriteThatKeepsLosing_isRefusedWithConflict_andNothingIsSwapped() {
        add(a, "b");
        persisterB.blindChecks.set(100);
        JoineryException e = catchThrowableOfType(JoineryException.class, () -> add(b, "c"));
        assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(e.httpStatus()).isEqualTo(409);
        assertThat(b.current().names()).containsExactly("a");
        assertThat(stored.get().names()).containsExactly("a", "b");
    }

    @Test
    void aStaleResourceVersion_isRefusedWithHasurasConflict() {
        add(a, "b");
        JoineryException e = catchThrowableOfType(JoineryException.class, () -> b.run(MetadataEngineTest.json(
                "{'type': 'add', 'resource_version': 1, 'args': {'name': 'c'}}"), SessionVariables.admin()).block());
        MetadataEngineTest.assertError(e, 409, ErrorCode.CONFLICT, "$",
                "metadata resource version referenced (1) did not match current version");
        assertThat(stored.get().names()).containsExactly("a", "b");
    }

    @Test
    void aFollower_adoptsTheStoredStateOnAChangeSignal() {
        Disposable following = b.follow(Duration.ofHours(1), Schedulers.parallel()).subscribe();
        try {
            add(a, "b");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!b.current().names().contains("b") && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(b.current().names()).containsExactly("a", "b");
        } finally {
            following.dispose();
        }
    }
}
