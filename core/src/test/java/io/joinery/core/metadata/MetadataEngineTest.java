package io.joinery.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The engine with a tiny command set of its own: names in a set. `add` and `remove` change it,
 * `check` reloads (names starting with `bad` are inconsistent), `list` only reads.
 */
class MetadataEngineTest {

    record Names(long version, long resourceVersion, TreeSet<String> names) implements MetadataSnapshot<Names> {
        @Override
        public List<InconsistentObject> inconsistencies() {
            return names.stream().filter(n -> n.startsWith("bad"))
                    .map(n -> InconsistentObject.of("name", n, Json.valueToTree(n), "bad name")).toList();
        }

        @Override
        public Names withVersions(long nextVersion, long nextResourceVersion) {
            return new Names(nextVersion, nextResourceVersion, names);
        }

        Names with(TreeSet<String> next) {
            return new Names(version, resourceVersion, next);
        }
    }

    sealed interface NameCommand extends MetadataCommand {
        record Add(ErrorPath at, String name) implements NameCommand {}

        record Remove(ErrorPath at, String name) implements NameCommand {}

        record Check(ErrorPath at) implements NameCommand {
            @Override
            public Effect effect() {
                return Effect.RELOAD;
            }
        }

        record ListNames(ErrorPath at) implements NameCommand {
            @Override
            public Effect effect() {
                return Effect.READ;
            }
        }

        @Override
        default Effect effect() {
            return Effect.CHANGE;
        }
    }

    static NameCommand parse(MetadataEnvelope envelope, ErrorPath at) {
        ErrorPath argsAt = at.key("args");
        return switch (envelope.type()) {
            case "add" -> new NameCommand.Add(argsAt, ArgsReader.of(envelope.args(), argsAt).string("name"));
            case "remove" -> new NameCommand.Remove(argsAt, ArgsReader.of(envelope.args(), argsAt).string("name"));
            case "check" -> new NameCommand.Check(argsAt);
            case "list" -> new NameCommand.ListNames(argsAt);
            default -> throw MetadataEnvelope.unknownCommand(envelope.type(), at);
        };
    }

    static final class NameApplier implements CommandApplier<Names, NameCommand> {
        final List<String> applied = new CopyOnWriteArrayList<>();

        @Override
        public Mono<Applied<Names>> apply(Names s, NameCommand command) {
            applied.add(command.toString());
            if (command instanceof NameCommand.Add add) {
                if (s.names().contains(add.name())) {
                    throw new JoineryException(ErrorCode.ALREADY_EXISTS, "name \"" + add.name() + "\" already exists",
                            add.at().key("name"));
                }
                TreeSet<String> next = new TreeSet<>(s.names());
                next.add(add.name());
                return Mono.just(Applied.success(s.with(next)));
            }
            if (command instanceof NameCommand.Remove remove) {
                TreeSet<String> next = new TreeSet<>(s.names());
                if (!next.remove(remove.name())) {
                    throw new JoineryException(ErrorCode.NOT_EXISTS, "no name \"" + remove.name() + "\"", remove.at());
                }
                return Mono.just(Applied.success(s.with(next)));
            }
            if (command instanceof NameCommand.Check) {
                return Mono.just(new Applied<>(s.with(new TreeSet<>(s.names())),
                        InconsistencyReport.afterReload(s.inconsistencies())));
            }
            return Mono.just(new Applied<>(s, Json.valueToTree(s.names())));
        }
    }

    static final class RecordingPersister implements SnapshotPersister<Names, NameCommand> {
        final List<Names> saved = new ArrayList<>();
        final AtomicBoolean failing = new AtomicBoolean();
        final AtomicBoolean readOnly = new AtomicBoolean();

        @Override
        public void checkWritable() {
            if (readOnly.get()) {
                throw new JoineryException(ErrorCode.NOT_SUPPORTED, "metadata is read-only", ErrorPath.root());
            }
        }

        @Override
        public Mono<Void> persist(Names previous, Names next, List<NameCommand> commands) {
            if (failing.get()) {
                return Mono.error(new JoineryException(ErrorCode.UNEXPECTED, "disk full", ErrorPath.root()));
            }
            saved.add(next);
            return Mono.empty();
        }
    }

    final NameApplier applier = new NameApplier();
    final RecordingPersister persister = new RecordingPersister();
    final MetadataEngine<Names, NameCommand> engine = new MetadataEngine<>(
            new Names(1, 1, new TreeSet<>(List.of("a"))), MetadataEngineTest::parse, applier, persister);

    static JsonNode json(String text) {
        return Json.parseBody(text.replace('\'', '"'));
    }

    JsonNode run(String body) {
        return engine.run(json(body), SessionVariables.admin()).block();
    }

    JoineryException error(String body) {
        return error(body, SessionVariables.admin());
    }

    JoineryException error(String body, SessionVariables session) {
        return catchThrowableOfType(JoineryException.class, () -> engine.run(json(body), session).block());
    }

    static void assertError(JoineryException e, int status, ErrorCode code, String path, String message) {
        assertThat(e).as("expected an error").isNotNull();
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.path()).hasToString(path);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    @Test
    void change_isPersistedWithTheNextResourceVersion_thenSwapped() {
        assertThat(run("{'type': 'add', 'args': {'name': 'b'}}")).isEqualTo(json("{'message': 'success'}"));

        Names now = engine.current();
        assertThat(now.names()).containsExactly("a", "b");
        assertThat(now.version()).isEqualTo(2);
        assertThat(now.resourceVersion()).isEqualTo(2);
        assertThat(persister.saved).containsExactly(now);
    }

    @Test
    void bulk_appliesInOrder_eachSeeingTheEarlierOnes_andAnswersAnArray() {
        JsonNode response = run("{'type': 'bulk', 'args': [{'type': 'add', 'args': {'name': 'b'}},"
                + " {'type': 'bulk', 'args': [{'type': 'remove', 'args': {'name': 'b'}},"
                + " {'type': 'list', 'args': {}}]}]}");

        assertThat(response).isEqualTo(json("[{'message': 'success'}, [{'message': 'success'}, ['a']]]"));
        assertThat(engine.current().resourceVersion()).as("one change for the whole bulk").isEqualTo(2);
        assertThat(persister.saved).hasSize(1);
    }

    @Test
    void bulk_failingOnItsFourthCommand_changesNothing_andPointsIntoTheElement() {
        Names before = engine.current();

        JoineryException e = error("{'type': 'bulk', 'args': [{'type': 'add', 'args': {'name': 'b'}},"
                + " {'type': 'add', 'args': {'name': 'c'}}, {'type': 'remove', 'args': {'name': 'a'}},"
                + " {'type': 'add', 'args': {'name': 'b'}}]}");

        assertError(e, 400, ErrorCode.ALREADY_EXISTS, "$.args[3].args.name", "name \"b\" already exists");
        assertThat(applier.applied).as("the first three were applied before the fourth failed").hasSize(4);
        assertThat(engine.current()).isSameAs(before);
        assertThat(persister.saved).isEmpty();
    }

    @Test
    void bulk_withAMalformedElement_isRefusedBeforeAnythingIsApplied() {
        JoineryException e = error("{'type': 'bulk', 'args': [{'type': 'add', 'args': {'name': 'b'}},"
                + " {'type': 'add', 'args': {'name': 'c'}}, {'type': 'add', 'args': {'name': 'd'}},"
                + " {'type': 'add', 'args': {'name': 5}}]}");

        assertError(e, 400, ErrorCode.PARSE_FAILED, "$.args[3].args.name", "expected String, but encountered Number");
        assertThat(applier.applied).isEmpty();
        assertError(error("{'type': 'bulk', 'args': [{'type': 'bulk', 'args': [{'args': {}}]}]}"), 400,
                ErrorCode.PARSE_FAILED, "$.args[0].args[0]", "key \"type\" not found");
        assertError(error("{'type': 'bulk', 'args': {}}"), 400, ErrorCode.PARSE_FAILED, "$.args",
                "expected Array, but encountered Object");
        assertError(error("{'type': 'bulk', 'args': [{'type': 'frobnicate', 'args': {}}]}"), 400,
                ErrorCode.PARSE_FAILED, "$.args[0]", "unknown metadata command \"frobnicate\"");
    }

    @Test
    void failedPersistence_swapsNothing() {
        persister.failing.set(true);
        Names before = engine.current();

        JoineryException e = error("{'type': 'add', 'args': {'name': 'b'}}");

        assertError(e, 400, ErrorCode.UNEXPECTED, "$", "disk full");
        assertThat(engine.current()).isSameAs(before);
        persister.failing.set(false);
        run("{'type': 'add', 'args': {'name': 'b'}}");
        assertThat(engine.current().resourceVersion()).as("the failed change used no resource version").isEqualTo(2);
    }

    @Test
    void staleResourceVersion_isAConflict_andTheCurrentOneIsAccepted() {
        run("{'type': 'add', 'args': {'name': 'b'}}");

        assertError(error("{'type': 'add', 'args': {'name': 'c'}, 'resource_version': 1}"), 409, ErrorCode.CONFLICT,
                "$", "metadata resource version referenced (1) did not match current version");
        assertThat(engine.current().names()).containsExactly("a", "b");
        run("{'type': 'add', 'args': {'name': 'c'}, 'resource_version': 2}");
        assertThat(engine.current().resourceVersion()).isEqualTo(3);
    }

    @Test
    void readOnlyCommands_ignoreTheResourceVersion_andSwapNothing() {
        Names before = engine.current();

        assertThat(run("{'type': 'list', 'args': {}, 'resource_version': 99}")).isEqualTo(json("['a']"));
        assertThat(engine.current()).isSameAs(before);
    }

    @Test
    void reload_swapsANewVersion_butKeepsTheResourceVersion_andStoresNothing() {
        run("{'type': 'add', 'args': {'name': 'bad_one'}}");

        JsonNode response = run("{'type': 'check', 'args': {}}");

        assertThat(response.get("is_consistent").asBoolean()).isFalse();
        assertThat(response.at("/inconsistent_objects/0/reason").asText()).isEqualTo("Inconsistent object: bad name");
        assertThat(engine.current().version()).isEqualTo(3);
        assertThat(engine.current().resourceVersion()).isEqualTo(2);
        assertThat(persister.saved).hasSize(1);
    }

    @Test
    void nonAdmin_isDenied_beforeAnyCommandIsRead() {
        SessionVariables user = new SessionVariables(Map.of(SessionVariables.ROLE, "user"));

        assertError(error("{'type': 'frobnicate'}", user), 400, ErrorCode.ACCESS_DENIED, "$.args",
                "restricted access : admin only");
        assertThat(applier.applied).isEmpty();
    }

    @Test
    void readOnlyStore_refusesChanges_butStillReloads() {
        persister.readOnly.set(true);

        assertError(error("{'type': 'add', 'args': {'name': 'b'}}"), 400, ErrorCode.NOT_SUPPORTED, "$",
                "metadata is read-only");
        assertThat(applier.applied).isEmpty();
        run("{'type': 'check', 'args': {}}");
        assertThat(engine.current().version()).isEqualTo(2);
    }

    @Test
    void requestsRunOneAtATime_inArrivalOrder() {
        Sinks.One<Boolean> release = Sinks.one();
        List<String> order = new CopyOnWriteArrayList<>();
        Mono<String> first = engine.exclusively(turn -> release.asMono().map(x -> {
            order.add("first");
            return "first";
        }));
        Mono<JsonNode> second = engine.run(json("{'type': 'add', 'args': {'name': 'b'}}"), SessionVariables.admin())
                .doOnNext(r -> order.add("second"));

        first.subscribe();
        second.subscribe();
        assertThat(order).as("the change waits for the work ahead of it").isEmpty();
        release.tryEmitValue(true);

        assertThat(order).containsExactly("first", "second");
        assertThat(engine.current().names()).containsExactly("a", "b");
    }

    @Test
    void exclusiveWork_swapsWithTheNextVersion_keepingTheResourceVersionItGives() {
        engine.exclusively(turn -> {
            TreeSet<String> next = new TreeSet<>(turn.current().names());
            next.add("z");
            turn.swap(turn.current().with(next));
            return Mono.just(true);
        }).block();

        assertThat(engine.current().names()).containsExactly("a", "z");
        assertThat(engine.current().version()).isEqualTo(2);
        assertThat(engine.current().resourceVersion()).isEqualTo(1);
    }
}
