package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.child.db.Database;
import io.joinery.child.testing.TestDatabase;
import io.joinery.core.http.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11, item 4: the child connects as a role named `joinery` (as in `docker-compose.yml`), so
 * Postgres's default search_path `"$user", public` names a schema `joinery`. Unqualified DDL sent
 * through `run_sql` must still land in `public` (unless the SQL sets its own search_path), and
 * Joinery's own tables must not live in a schema a role is likely to be named after.
 */
class JoineryRoleRunSqlRegression11IntegrationTest {
    @RegisterExtension
    final OneChildPerTest child = new OneChildPerTest();

    private static String schemaOf(TestHttp http, String table) {
        TestHttp.Response found = http.runSql("SELECT table_schema FROM information_schema.tables "
                + "WHERE table_name = '" + table + "'");
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        return found.json().at("/result/1/0").asText();
    }

    @Test
    void unqualifiedCreateTable_asRoleJoinery_landsInPublic_andCanBeTracked() {
        TestHttp http = child.start(TestDatabase.freshOwnedBy("joinery")).http;
        TestHttp.Response created = http.runSql("CREATE TABLE author (id int PRIMARY KEY, name text); "
                + "INSERT INTO author VALUES (1, 'Ada')");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(schemaOf(http, "author")).isEqualTo("public");

        TestHttp.Response tracked = http.metadata("{\"type\": \"pg_track_table\", \"args\": {\"table\": \"author\"}}");
        assertThat(tracked.status()).as(tracked.body()).isEqualTo(200);
        assertThat(http.graphql("{ author { name } }").json().at("/data/author/0/name").asText()).isEqualTo("Ada");
    }

    @Test
    void schemaNamedLikeTheRole_runSqlStillDefaultsToPublic_unlessTheSqlSetsItsOwnSearchPath() {
        Database database = TestDatabase.freshOwnedBy("joinery");
        // a schema `joinery` that holds the user's own tables, as a psql session would have made it
        database.runSqlExecutor().run("CREATE SCHEMA joinery; CREATE TABLE joinery.notes (id int PRIMARY KEY)",
                false).block();
        TestHttp http = child.start(database).http;

        assertThat(http.runSql("CREATE TABLE article (id int PRIMARY KEY)").status()).isEqualTo(200);
        assertThat(schemaOf(http, "article")).isEqualTo("public");
        assertThat(http.metadata("{\"type\": \"pg_track_table\", \"args\": {\"table\": \"article\"}}").status())
                .isEqualTo(200);

        TestHttp.Response own = http.runSql("SET search_path TO joinery; CREATE TABLE draft (id int PRIMARY KEY)");
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(schemaOf(http, "draft")).isEqualTo("joinery");
        // `joinery` is an ordinary schema now: its tables can be tracked
        TestHttp.Response tracked = http.metadata("{\"type\": \"pg_track_table\", \"args\": "
                + "{\"table\": {\"schema\": \"joinery\", \"name\": \"draft\"}}}");
        assertThat(tracked.status()).as(tracked.body()).isEqualTo(200);
        assertThat(http.graphql("{ joinery_draft { id } }").json().has("data")).isTrue();
    }
}
