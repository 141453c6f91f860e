package io.joinery.child.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.child.db.SqlRunner;
import io.joinery.child.db.SqlStatement;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import io.joinery.core.observe.Telemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * The asynchronous action invocations in `joinery_catalog.action_invocations` (SPEC §3.9; the table is
 * created by `db.CatalogMigrations`). One row per submission; its status moves
 * <pre>
 *   created ─claim→ processing ─→ completed (output) | error (errors)
 *                   processing ─graceful stop→ created
 *                   processing, lease expired (its owner died) ─claim by any worker→ processing
 * </pre>
 * A claim is a lease (SPEC §14): `claimed_by` is the owning worker, `lease_expires_at` when its
 * claim lapses unless renewed. Lease times are the database's clock (`now()`), the one clock every
 * replica shares. JSON columns are `json`, not `jsonb`, so stored values keep their text (key
 * order, numbers as the handler wrote them). Every transition out of `processing` is conditional
 * on the worker that claimed the row still holding it, so a late answer (from an owner whose lease
 * was taken over) never overwrites a row another worker holds.
 */
public final class InvocationRows {
    /** A row claimed for a handler call. */
    public record Claimed(UUID id, String actionName, ObjectNode input, SessionVariables session,
                          List<Map.Entry<String, String>> clientHeaders) {
        public Claimed {
            input = input.deepCopy();
            clientHeaders = List.copyOf(clientHeaders);
        }
    }

    /**
     * A row as the result query reads it.
     *
     * @param createdAt as Postgres writes a `timestamptz` in JSON
     * @param output    the validated handler value when completed (a JSON null for a null answer)
     * @param errors    the SPEC §3.9 error form when failed
     */
    public record Stored(String id, String createdAt, String status, SessionVariables session, JsonNode output,
                         JsonNode errors) {
        public boolean isCompleted() {
            return "completed".equals(status);
        }

        public boolean isFailed() {
            return "error".equals(status);
        }
    }

    private final SqlRunner sql;
    private final Telemetry telemetry;

    public InvocationRows(SqlRunner sql) {
        this(sql, Telemetry.noop());
    }

    /** @param telemetry counts the invocations that reach each status (`joinery_async_action_invocations_total`) */
    public InvocationRows(SqlRunner sql, Telemetry telemetry) {
        this.sql = sql;
        this.telemetry = telemetry;
        telemetry.asyncInvocationStates("created", "processing", "completed", "error");
    }

    /**
     * Stores a new invocation with status `created`; its random id (made by Postgres's
     * `gen_random_uuid()`: Java's would read the OS entropy source, blocking, on an event loop).
     */
    public Mono<UUID> insert(String actionName, ObjectNode input, SessionVariables session,
                             List<Map.Entry<String, String>> clientHeaders) {
        ArrayNode headers = Json.array();
        clientHeaders.forEach(h -> headers.add(Json.array().add(h.getKey()).add(h.getValue())));
        return sql.query(SqlStatement.of("INSERT INTO joinery_catalog.action_invocations "
                        + "(id, action_name, input, session_variables, client_headers, status) "
                        + "VALUES (gen_random_uuid(), $1, $2::json, $3::json, $4::json, 'created') RETURNING id::text AS id",
                actionName, Json.write(input), Json.write(session.toJson()), Json.write(headers)))
                .map(rows -> UUID.fromString((String) rows.get(0).get("id")))
                .doOnNext(id -> telemetry.asyncInvocations("created", 1));
    }

    /**
     * Leases up to {@code limit} of the oldest invocations of {@code actions} that are `created`, or
     * `processing` under an expired lease (their owner died), to {@code worker} for {@code lease},
     * and returns them. `SKIP LOCKED`: concurrent claimers never get the same row.
     */
    public Mono<List<Claimed>> claim(List<String> actions, int limit, UUID worker, Duration lease) {
        return sql.query(SqlStatement.of("""
                        UPDATE joinery_catalog.action_invocations SET status = 'processing', claimed_by = $1::uuid,
                          attempts = attempts + 1, updated_at = now(),
                          lease_expires_at = now() + $4::bigint * interval '1 millisecond'
                        WHERE id IN (SELECT id FROM joinery_catalog.action_invocations
                                     WHERE action_name = ANY($2::text[])
                                       AND (status = 'created' OR (status = 'processing' AND lease_expires_at < now()))
                                     ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
                        RETURNING id::text AS id, action_name, input::text AS input,
                          session_variables::text AS session_variables, client_headers::text AS client_headers""",
                        worker.toString(), List.copyOf(actions), limit, lease.toMillis()))
                .map(rows -> rows.stream().map(InvocationRows::claimed).toList())
                .doOnNext(claimed -> telemetry.asyncInvocations("processing", claimed.size()));
    }

    /** Extends the lease of every call {@code worker} holds by {@code lease} from now; how many. */
    public Mono<Long> renew(UUID worker, Duration lease) {
        return sql.execute(SqlStatement.of("""
                UPDATE joinery_catalog.action_invocations
                SET lease_expires_at = now() + $2::bigint * interval '1 millisecond'
                WHERE status = 'processing' AND claimed_by = $1::uuid""", worker.toString(), lease.toMillis()));
    }

    /** Stores the validated handler value; false when {@code worker} no longer holds the row. */
    public Mono<Boolean> complete(UUID id, UUID worker, JsonNode output) {
        return finish("status = 'completed', output = $1::json", id, worker, output)
                .doOnNext(stored -> telemetry.asyncInvocations("completed", stored ? 1 : 0));
    }

    /** Stores the error form of a failed call; false when {@code worker} no longer holds the row. */
    public Mono<Boolean> fail(UUID id, UUID worker, JsonNode errors) {
        return finish("status = 'error', errors = $1::json", id, worker, errors)
                .doOnNext(stored -> telemetry.asyncInvocations("error", stored ? 1 : 0));
    }

    /** Ends a call {@code worker} holds: {@code set} (a constant, with `$1` the value) and the claim released. */
    private Mono<Boolean> finish(String set, UUID id, UUID worker, JsonNode value) {
        return sql.execute(SqlStatement.of("UPDATE joinery_catalog.action_invocations SET " + set
                        + ", claimed_by = NULL, updated_at = now() "
                        + "WHERE id = $2::uuid AND status = 'processing' AND claimed_by = $3::uuid",
                Json.write(value), id.toString(), worker.toString()))
                .map(updated -> updated == 1);
    }

    /**
     * Graceful stop: every invocation {@code worker} holds goes back to `created` (the interrupted
     * call does not count as an attempt). How many were released.
     */
    public Mono<Long> release(UUID worker) {
        return sql.execute(SqlStatement.of("UPDATE joinery_catalog.action_invocations SET status = 'created', "
                + "claimed_by = NULL, lease_expires_at = NULL, attempts = greatest(attempts - 1, 0), updated_at = now() "
                + "WHERE status = 'processing' AND claimed_by = $1::uuid", worker.toString()));
    }

    /** One claimed invocation back to `created` (its action is gone or no longer asynchronous). */
    public Mono<Long> release(UUID id, UUID worker) {
        return sql.execute(SqlStatement.of("UPDATE joinery_catalog.action_invocations SET status = 'created', "
                + "claimed_by = NULL, lease_expires_at = NULL, attempts = greatest(attempts - 1, 0), updated_at = now() "
                + "WHERE id = $1::uuid AND status = 'processing' AND claimed_by = $2::uuid",
                id.toString(), worker.toString()));
    }

    /**
     * Invocations whose lease expired (their owner died without releasing them) are taken over by
     * {@link #claim} and called again (at-least-once); one interrupted {@code maxAttempts} times is
     * not: it becomes `error` with {@code giveUp}. How many gave up. A call leased by a live worker
     * is never touched.
     */
    public Mono<Long> giveUpExpired(int maxAttempts, JsonNode giveUp) {
        return sql.execute(SqlStatement.of("""
                UPDATE joinery_catalog.action_invocations
                SET status = 'error', errors = $2::json, claimed_by = NULL, updated_at = now()
                WHERE status = 'processing' AND lease_expires_at < now() AND attempts >= $1""",
                maxAttempts, Json.write(giveUp)))
                .doOnNext(gaveUp -> telemetry.asyncInvocations("error", gaveUp));
    }

    /**
     * The invocation of {@code actionName} with id {@code id} (any text; Postgres rejects one that
     * is not a uuid with a `data-exception`).
     */
    public Mono<Optional<Stored>> find(String actionName, String id) {
        return sql.query(SqlStatement.of("""
                        SELECT id::text AS id, to_json(created_at) #>> '{}' AS created_at, status,
                          session_variables::text AS session_variables, output::text AS output, errors::text AS errors
                        FROM joinery_catalog.action_invocations WHERE id = $1::uuid AND action_name = $2""", id, actionName))
                .map(rows -> rows.stream().findFirst().map(row -> new Stored((String) row.get("id"),
                        (String) row.get("created_at"), (String) row.get("status"),
                        session((String) row.get("session_variables")), json((String) row.get("output")),
                        json((String) row.get("errors")))));
    }

    private static Claimed claimed(Map<String, Object> row) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (JsonNode pair : json((String) row.get("client_headers"))) {
            headers.add(Map.entry(pair.get(0).asText(), pair.get(1).asText()));
        }
        return new Claimed(UUID.fromString((String) row.get("id")), (String) row.get("action_name"),
                (ObjectNode) json((String) row.get("input")), session((String) row.get("session_variables")),
                headers);
    }

    private static SessionVariables session(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        json(text).fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return new SessionVariables(values);
    }

    /** Stored JSON text, numbers kept as written; null for SQL NULL. */
    private static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ActionResponseInterpreter.parseBody(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("joinery_catalog.action_invocations holds invalid JSON", e);
        }
    }
}
