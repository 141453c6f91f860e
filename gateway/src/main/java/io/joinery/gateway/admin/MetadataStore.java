package io.joinery.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import io.joinery.gateway.metadata.GatewayCommand;
import io.joinery.gateway.metadata.GatewayMetadata;
import io.joinery.gateway.metadata.MetadataFile;
import io.joinery.gateway.metadata.RemoteRelationshipDef;
import io.joinery.gateway.metadata.RemoteSchemaDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.pool.InstrumentedPool;
import reactor.pool.PoolBuilder;

/**
 * Holds the current {@link GatewaySnapshot} and applies metadata commands to it.
 *
 * <p>A mutating command runs alone (a one-slot non-blocking pool serializes them): it is applied
 * to the current snapshot (introspecting remotes where needed), the result is checked, written to
 * the metadata file on a worker thread, and swapped in. If any step fails nothing changes; a
 * `bulk` applies its commands to a working copy and commits once (all-or-nothing).
 */
public final class MetadataStore {
    private static final ObjectNode SUCCESS = (ObjectNode) Json.object().put("message", "success");

    private final AtomicReference<GatewaySnapshot> current;
    private final MetadataFile file;
    private final RemoteLoader loader;
    private final AtomicLong versions;
    private final InstrumentedPool<Object> turn = PoolBuilder.from(Mono.just(new Object())).sizeBetween(0, 1).buildPool();

    private MetadataStore(GatewaySnapshot initial, MetadataFile file, RemoteLoader loader, AtomicLong versions) {
        this.current = new AtomicReference<>(initial);
        this.file = file;
        this.loader = loader;
        this.versions = versions;
    }

    /** Loads every remote of {@code metadata} concurrently; remotes that fail are inconsistent. */
    public static Mono<MetadataStore> start(GatewayMetadata metadata, MetadataFile file, RemoteLoader loader) {
        AtomicLong versions = new AtomicLong();
        return Flux.fromIterable(metadata.remoteSchemas())
                .flatMap(loader::load, 16)
                .collectList()
                .map(loads -> {
                    Map<String, RemoteLoad> byName = new LinkedHashMap<>();
                    loads.forEach(l -> byName.put(l.def().name(), l));
                    GatewaySnapshot snapshot = SnapshotBuilder.build(versions.incrementAndGet(), 1, metadata, byName,
                            Set.of(), Map.of());
                    return new MetadataStore(snapshot, file, loader, versions);
                });
    }

    public GatewaySnapshot current() {
        return current.get();
    }

    public MetadataFile file() {
        return file;
    }

    /** Runs one command; the Mono fails with a {@link JoineryException} carrying the request path. */
    public Mono<JsonNode> run(GatewayCommand command, Long resourceVersion) {
        if (command instanceof GatewayCommand.ExportMetadata || command instanceof GatewayCommand.GetInconsistentMetadata) {
            return Mono.fromCallable(() -> readOnly(command, current.get()));
        }
        return turn.withPoolable(token -> Mono.defer(() -> {
            GatewaySnapshot before = current.get();
            if (resourceVersion != null && resourceVersion != before.resourceVersion()) {
                throw new JoineryException(ErrorCode.CONFLICT, "metadata resource version referenced ("
                        + resourceVersion + ") did not match current version", ErrorPath.root(), null, 409);
            }
            if (command.changesMetadata() && !file.isWritable()) {
                throw file.readOnlyError();
            }
            return apply(command, before).flatMap(step -> commit(before, step));
        })).single();
    }

    /**
     * Introspects the remotes that failed to load and swaps in the result (background retry).
     * Emits whether some remote is still unreachable.
     */
    public Mono<Boolean> retryFailedRemotes() {
        if (!current.get().hasRetryableRemotes()) {
            return Mono.just(false);
        }
        return turn.withPoolable(token -> Mono.defer(() -> {
            GatewaySnapshot before = current.get();
            List<String> failed = before.inconsistencies().stream().filter(InconsistentObject::retryable)
                    .map(InconsistentObject::remote).toList();
            return reload(before, failed).map(next -> {
                current.set(next);
                return next.hasRetryableRemotes();
            });
        })).single();
    }

    private record Step(GatewaySnapshot snapshot, JsonNode response, boolean changesMetadata) {}

    private Mono<JsonNode> commit(GatewaySnapshot before, Step step) {
        if (!step.changesMetadata()) {
            current.set(step.snapshot());
            return Mono.just(step.response());
        }
        GatewaySnapshot next = withResourceVersion(step.snapshot(), before.resourceVersion() + 1);
        return Mono.fromRunnable(() -> file.write(next.metadata()))
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.fromCallable(() -> {
                    current.set(next);
                    return step.response();
                }));
    }

    private Mono<Step> apply(GatewayCommand command, GatewaySnapshot s) {
        if (command instanceof GatewayCommand.AddRemoteSchema add) {
            if (s.metadata().remoteSchema(add.def().name()).isPresent()) {
                throw new JoineryException(ErrorCode.ALREADY_EXISTS,
                        "remote schema with name \"" + add.def().name() + "\" already exists", add.path());
            }
            return introduce(s, add.def(), add.path(), false);
        }
        if (command instanceof GatewayCommand.UpdateRemoteSchema update) {
            if (s.metadata().remoteSchema(update.def().name()).isEmpty()) {
                throw new JoineryException(ErrorCode.NOT_EXISTS,
                        "remote schema with name \"" + update.def().name() + "\" doesn't exist", update.path());
            }
            return introduce(s, update.def(), update.path(), true);
        }
        if (command instanceof GatewayCommand.RemoveRemoteSchema remove) {
            if (s.metadata().remoteSchema(remove.name()).isEmpty()) {
                throw new JoineryException(ErrorCode.NOT_EXISTS, "no such remote schema", remove.path());
            }
            List<RemoteRelationshipDef> dependents = s.metadata().relationshipsTargeting(remove.name());
            if (!dependents.isEmpty()) {
                throw new JoineryException(ErrorCode.DEPENDENCY_ERROR, "cannot drop due to the following dependent objects: "
                        + String.join(", ", dependents.stream().map(RemoteRelationshipDef::objectName).toList()),
                        remove.path());
            }
            Map<String, RemoteLoad> loads = new LinkedHashMap<>(s.loads());
            loads.remove(remove.name());
            return Mono.just(new Step(rebuild(s, s.metadata().withoutRemoteSchema(remove.name()), loads,
                    s.unsupported()), SUCCESS, true));
        }
        if (command instanceof GatewayCommand.CreateRemoteRelationship create) {
            RemoteRelationshipDef def = create.def();
            requireRemote(s, def.remoteSchema(), create.path());
            if (s.metadata().relationship(def.remoteSchema(), def.typeName(), def.name()).isPresent()) {
                throw new JoineryException(ErrorCode.ALREADY_EXISTS, "remote relationship with name \"" + def.name()
                        + "\" already exists on type \"" + def.typeName() + "\" of remote schema \""
                        + def.remoteSchema() + "\"", create.path());
            }
            return Mono.just(relationshipStep(s, def, create.path()));
        }
        if (command instanceof GatewayCommand.UpdateRemoteRelationship update) {
            RemoteRelationshipDef def = update.def();
            requireRelationship(s, def.remoteSchema(), def.typeName(), def.name(), update.path());
            return Mono.just(relationshipStep(s, def, update.path()));
        }
        if (command instanceof GatewayCommand.DeleteRemoteRelationship delete) {
            requireRelationship(s, delete.remoteSchema(), delete.typeName(), delete.name(), delete.path());
            GatewayMetadata metadata = s.metadata().withoutRelationship(delete.remoteSchema(), delete.typeName(),
                    delete.name());
            return Mono.just(new Step(rebuild(s, metadata, s.loads(), s.unsupported()), SUCCESS, true));
        }
        if (command instanceof GatewayCommand.ReloadRemoteSchema reload) {
            if (s.metadata().remoteSchema(reload.name()).isEmpty()) {
                throw new JoineryException(ErrorCode.NOT_EXISTS,
                        "remote schema with name \"" + reload.name() + "\" does not exist", reload.path());
            }
            return reload(s, List.of(reload.name())).map(next -> {
                List<InconsistentObject> broken = next.inconsistencies().stream()
                        .filter(o -> reload.name().equals(o.remote()) || !wasInconsistent(s, o)).toList();
                if (!broken.isEmpty()) {
                    throw new JoineryException(ErrorCode.UNEXPECTED,
                            "cannot continue due to newly found inconsistent metadata", reload.path(),
                            GatewaySnapshot.toJson(broken));
                }
                return new Step(next, SUCCESS, false);
            });
        }
        if (command instanceof GatewayCommand.ReloadMetadata reload) {
            List<String> names = reload.remoteSchemas() == null
                    ? s.metadata().remoteSchemas().stream().map(RemoteSchemaDef::name).toList()
                    : reload.remoteSchemas().stream().filter(n -> s.metadata().remoteSchema(n).isPresent()).toList();
            return reload(s, names).map(next -> {
                ObjectNode response = Json.object();
                response.put("message", "success");
                response.put("is_consistent", next.isConsistent());
                if (!next.isConsistent()) {
                    response.set("inconsistent_objects", GatewaySnapshot.toJson(next.inconsistencies()));
                }
                return new Step(next, response, false);
            });
        }
        if (command instanceof GatewayCommand.ReplaceMetadata replace) {
            return replace(s, replace);
        }
        if (command instanceof GatewayCommand.ClearMetadata) {
            return Mono.just(new Step(rebuild(s, GatewayMetadata.EMPTY, Map.of(), Map.of()), SUCCESS, true));
        }
        if (command instanceof GatewayCommand.DropInconsistentMetadata) {
            GatewayMetadata metadata = s.metadata();
            Map<String, RemoteLoad> loads = new LinkedHashMap<>(s.loads());
            for (InconsistentObject object : s.inconsistencies()) {
                if (object.remote() != null) {
                    metadata = metadata.withoutRemoteSchema(object.remote());
                    loads.remove(object.remote());
                }
                if (SnapshotBuilder.RELATIONSHIP.equals(object.type())) {
                    for (RemoteRelationshipDef rel : metadata.relationships()) {
                        if (rel.objectName().equals(object.name())) {
                            metadata = metadata.withoutRelationship(rel.remoteSchema(), rel.typeName(), rel.name());
                            break;
                        }
                    }
                }
            }
            return Mono.just(new Step(rebuild(s, metadata, loads, Map.of()), SUCCESS, true));
        }
        if (command instanceof GatewayCommand.Bulk bulk) {
            return bulk(bulk.commands(), 0, new Step(s, Json.array(), false));
        }
        return Mono.just(new Step(s, readOnly(command, s), false));
    }

    private Mono<Step> bulk(List<GatewayCommand> commands, int index, Step done) {
        if (index == commands.size()) {
            return Mono.just(done);
        }
        return Mono.defer(() -> apply(commands.get(index), done.snapshot())).flatMap(step -> {
            ArrayNode responses = ((ArrayNode) done.response()).deepCopy();
            responses.add(step.response());
            return bulk(commands, index + 1, new Step(step.snapshot(), responses,
                    done.changesMetadata() || step.changesMetadata()));
        });
    }

    private JsonNode readOnly(GatewayCommand command, GatewaySnapshot s) {
        if (command instanceof GatewayCommand.ExportMetadata export) {
            if (!export.version2()) {
                return s.metadata().toJson();
            }
            ObjectNode out = Json.object();
            out.put("resource_version", s.resourceVersion());
            out.set("metadata", s.metadata().toJson());
            return out;
        }
        return s.inconsistencyReport();
    }

    private static void requireRemote(GatewaySnapshot s, String remote, ErrorPath path) {
        if (s.metadata().remoteSchema(remote).isEmpty()) {
            throw new JoineryException(ErrorCode.NOT_EXISTS, "remote schema with name \"" + remote + "\" does not exist",
                    path);
        }
    }

    private static void requireRelationship(GatewaySnapshot s, String remote, String type, String name, ErrorPath path) {
        if (s.metadata().relationship(remote, type, name).isEmpty()) {
            throw new JoineryException(ErrorCode.NOT_EXISTS, "no relationship defined on remote schema \"" + remote
                    + "\" with name \"" + name + "\"", path);
        }
    }

    /** Create or update a relationship: it must validate (SPEC §5.1), else nothing changes. */
    private Step relationshipStep(GatewaySnapshot s, RemoteRelationshipDef def, ErrorPath path) {
        GatewaySnapshot next = rebuild(s, s.metadata().withRelationship(def), s.loads(), s.unsupported());
        for (InconsistentObject object : next.inconsistencies()) {
            if (object.name().equals(def.objectName())) {
                throw new JoineryException(ErrorCode.INVALID_CONFIGURATION, object.toJson().get("reason").asText(), path);
            }
        }
        return new Step(next, SUCCESS, true);
    }

    /**
     * Add or update: introspect the new definition now; refuse if it cannot be served. An update
     * keeps the remote's relationships; ones that no longer validate become inconsistent (SPEC §0.5).
     */
    private Mono<Step> introduce(GatewaySnapshot s, RemoteSchemaDef def, ErrorPath path, boolean update) {
        return loader.load(def).map(load -> {
            if (!load.isLoaded()) {
                JoineryException failure = load.failure();
                throw new JoineryException(failure.code(), failure.getMessage(), path, failure.internal());
            }
            Map<String, RemoteLoad> loads = new LinkedHashMap<>(s.loads());
            loads.put(def.name(), load);
            GatewaySnapshot next = rebuild(s, s.metadata().withRemoteSchema(def), loads, s.unsupported());
            refuseNewInconsistencies(s, next, def.name(), path, update);
            return new Step(next, SUCCESS, true);
        });
    }

    private Mono<Step> replace(GatewaySnapshot s, GatewayCommand.ReplaceMetadata replace) {
        return Flux.fromIterable(replace.metadata().remoteSchemas())
                .flatMapSequential(def -> {
                    RemoteLoad previous = s.loads().get(def.name());
                    return previous != null && previous.isLoaded() && previous.def().equals(def)
                            ? Mono.just(previous) : loader.load(def);
                }, 16)
                .collectList()
                .map(list -> {
                    Map<String, RemoteLoad> loads = new LinkedHashMap<>();
                    list.forEach(l -> loads.put(l.def().name(), l));
                    GatewaySnapshot next = rebuild(s, replace.metadata(), loads, replace.unsupported());
                    if (!next.isConsistent() && !replace.allowInconsistent()) {
                        throw new JoineryException(ErrorCode.UNEXPECTED, "cannot continue due to inconsistent metadata",
                                replace.path(), GatewaySnapshot.toJson(next.inconsistencies()));
                    }
                    JsonNode response = SUCCESS;
                    if (replace.version2()) {
                        response = next.inconsistencyReport();
                    }
                    return new Step(next, response, true);
                });
    }

    private Mono<GatewaySnapshot> reload(GatewaySnapshot s, List<String> names) {
        return Flux.fromIterable(names)
                .flatMap(name -> loader.load(s.metadata().remoteSchema(name).orElseThrow()), 16)
                .collectList()
                .map(list -> {
                    Map<String, RemoteLoad> loads = new LinkedHashMap<>(s.loads());
                    list.forEach(l -> loads.put(l.def().name(), l));
                    return rebuild(s, s.metadata(), loads, s.unsupported());
                });
    }

    private GatewaySnapshot rebuild(GatewaySnapshot s, GatewayMetadata metadata, Map<String, RemoteLoad> loads,
                                    Map<String, JsonNode> unsupported) {
        return SnapshotBuilder.build(versions.incrementAndGet(), s.resourceVersion(), metadata, loads,
                s.supergraph().remotes().keySet(), unsupported);
    }

    private static GatewaySnapshot withResourceVersion(GatewaySnapshot s, long resourceVersion) {
        return new GatewaySnapshot(s.version(), resourceVersion, s.metadata(), s.loads(), s.supergraph(),
                s.inconsistencies(), s.unsupported());
    }

    private static void refuseNewInconsistencies(GatewaySnapshot before, GatewaySnapshot after, String target,
                                                 ErrorPath path, boolean relationshipsMayBreak) {
        List<InconsistentObject> own = after.inconsistencies().stream().filter(o -> target.equals(o.remote())).toList();
        if (!own.isEmpty()) {
            throw new JoineryException(ErrorCode.INVALID_CONFIGURATION,
                    String.join(", ", own.stream().map(o -> o.toJson().get("reason").asText()).toList())
                            .replace(", Inconsistent object: ", ", "),
                    path, GatewaySnapshot.toJson(own));
        }
        List<InconsistentObject> others = new ArrayList<>();
        for (InconsistentObject object : after.inconsistencies()) {
            boolean tolerated = relationshipsMayBreak && SnapshotBuilder.RELATIONSHIP.equals(object.type());
            if (!wasInconsistent(before, object) && !tolerated) {
                others.add(object);
            }
        }
        if (!others.isEmpty()) {
            throw new JoineryException(ErrorCode.UNEXPECTED, "cannot continue due to new inconsistent metadata", path,
                    GatewaySnapshot.toJson(others));
        }
    }

    private static boolean wasInconsistent(GatewaySnapshot before, InconsistentObject object) {
        return before.inconsistencies().stream().anyMatch(o -> o.name().equals(object.name()));
    }
}
