package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.child.ChildConfig;
import io.joinery.child.ReplicaSettings;
import io.joinery.child.db.Database;
import io.joinery.child.db.SqlStatement;
import io.joinery.child.testing.TestDatabase;
import io.joinery.core.http.TestHttp;
import io.joinery.core.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two children on ONE database (SPEC §14): a metadata change, and a catalog change by `run_sql`,
 * made through one are served by the other within 2 s, without a restart. Their periodic checks
 * are a minute apart, so only the notifications can make it in time; a third child, checking every
 * second, catches a change nobody was notified of.
 */
class ChildReplicasIntegrationTest {
    private Database database;
    private ChildTestServer first;
    private ChildTestServer second;

    @BeforeEach
    void start() {
        database = TestDatabase.fresh();
        first = new ChildTestServer(database, config(Duration.ofSeconds(60)));
        second = new ChildTestServer(Database.connect(database.url(), 4), config(Duration.ofSeconds(60)));
        // both have built their first schema: what is measured below is propagation, not a cold start
        ok(first.http.graphql("{ __typename }"));
        ok(second.http.graphql("{ __typename }"));
    }

    private static ChildConfig config(Duration pollInterval) {
        return new ChildConfig(0, "127.0.0.1", Optional.empty(), Optional.empty(), Path.of("unused"), Optional.empty(),
                "*", 4).withReplicas(new ReplicaSettings(pollInterval, Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    @Test
    void trackedOnOne_isServedByTheOther_within2s() {
        ok(first.http.runSql("CREATE TABLE author (id int PRIMARY KEY); INSERT INTO author VALUES (1)"));
        ok(first.http.metadata("{\"type\": \"pg_track_table\", \"args\": {\"table\": \"author\"}}"));
        await(second, "{ author { id } }", "{\"data\":{\"author\":[{\"id\":1}]}}");
        assertThat(second.app.store().current().resourceVersion())
                .isEqualTo(first.app.store().current().resourceVersion());
    }

    @Test
    void columnAddedByRunSqlOnOne_isServedByTheOther_within2s() {
        ok(first.http.runSql("CREATE TABLE author (id int PRIMARY KEY); INSERT INTO author VALUES (1)"));
        ok(first.http.metadata("{\"type\": \"pg_track_table\", \"args\": {\"table\": \"author\"}}"));
        await(second, "{ author { id } }", "{\"data\":{\"author\":[{\"id\":1}]}}");
        ok(second.http.runSql("ALTER TABLE author ADD COLUMN name text"));
        await(first, "{ author { name } }", "{\"data\":{\"author\":[{\"name\":null}]}}");
    }

    @Test
    void concurrentChangesOnBoth_areAllKept() {
        ok(first.http.runSql("CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY);"
                + " CREATE TABLE c (id int PRIMARY KEY); CREATE TABLE d (id int PRIMARY KEY)"));
        var calls = java.util.stream.Stream.of("a", "b", "c", "d")
                .map(t -> java.util.concurrent.CompletableFuture.supplyAsync(() -> ("a".equals(t) || "c".equals(t)
                        ? first : second).http.metadata("{\"type\": \"pg_track_table\", \"args\": {\"table\": \"" + t
                        + "\"}}")))
                .toList();
        calls.forEach(call -> ok(call.join()));
        for (ChildTestServer child : new ChildTestServer[] {first, second}) {
            await(child, "{ a { id } b { id } c { id } d { id } }", "{\"data\":{\"a\":[],\"b\":[],\"c\":[],\"d\":[]}}");
        }
    }

    @Test
    void aChangeWithoutNotification_isCaughtByThePeriodicCheck() {
        ok(first.http.runSql("CREATE TABLE author (id int PRIMARY KEY); INSERT INTO author VALUES (1)"));
        ok(first.http.metadata("{\"type\": \"pg_track_table\", \"args\": {\"table\": \"author\"}}"));
        String tracked = (String) database.sqlRunner().query(SqlStatement.of(
                "SELECT metadata FROM joinery_catalog.metadata")).block().get(0).get("metadata");
        ok(first.http.metadata("{\"type\": \"pg_untrack_table\", \"args\": {\"table\": \"author\"}}"));
        try (ChildTestServer polling = new ChildTestServer(Database.connect(database.url(), 4),
                config(Duration.ofSeconds(1)))) {
            ok(polling.http.graphql("{ __typename }"));
            // as if a notification were lost: the row changes, nobody is told
            database.sqlRunner().execute(SqlStatement.of("UPDATE joinery_catalog.metadata SET metadata = $1, "
                    + "resource_version = resource_version + 1, generation = generation + 1", tracked)).block();
            // the next check (a second) finds it; a cold first query through the new schema may add a bit
            await(polling, "{ author { id } }", "{\"data\":{\"author\":[{\"id\":1}]}}", Duration.ofSeconds(5));
        }
    }

    private static void ok(TestHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /** Waits up to 2 s until {@code child} answers {@code query} with {@code expected}. */
    private static void await(ChildTestServer child, String query, String expected) {
        await(child, query, expected, Duration.ofSeconds(2));
    }

    private static void await(ChildTestServer child, String query, String expected, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        String body;
        while (!Json.parseBody(body = child.http.graphql(query).body()).equals(Json.parseBody(expected))) {
            assertThat(System.nanoTime()).as("not within " + within + "; last answer: " + body).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
