package io.joinery.child.metadata;

import static io.joinery.child.metadata.StoreFixture.assertError;
import static io.joinery.child.metadata.StoreFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.QualifiedTable;
import io.joinery.core.error.JoineryException;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import io.joinery.core.metadata.InconsistentObject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `/v2/query` run_sql (SPEC §1.8) and how DDL feeds back into the metadata. */
class RunSqlIntegrationTest {
    StoreFixture f;

    @BeforeEach
    void setUp() {
        f = StoreFixture.fresh(null);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    /** `author` and `article` created and tracked, with `author.articles`, then {@code moreCall} (if any) in the same bulk. */
    private void authorsWithArticles(String moreCall) {
        f.query(runSql("CREATE TABLE author (id serial PRIMARY KEY, name text);"
                + " CREATE TABLE article (id serial PRIMARY KEY, author_id int REFERENCES author(id))"));
        f.metadata("""
                {'type': 'bulk', 'args': [
                  {'type': 'pg_track_table', 'args': {'table': 'author'}},
                  {'type': 'pg_track_table', 'args': {'table': 'article'}},
                  {'type': 'pg_create_array_relationship', 'args': {'table': 'author', 'name': 'articles',
                     'using': {'foreign_key_constraint_on': {'table': 'article', 'column': 'author_id'}}}}"""
                + (moreCall.isEmpty() ? "" : ", " + moreCall) + "]}");
    }

    static String runSql(String sql) {
        return Json.write(Json.object().put("type", "run_sql").set("args", Json.object().put("sql", sql)));
    }

    @Test
    void tuplesOk_firstRowIsColumnNames_valuesInTextForm() {
        assertThat(f.query(runSql("CREATE TABLE author (id serial PRIMARY KEY, name text)")))
                .isEqualTo(json("{'result_type': 'CommandOk', 'result': null}"));
        JsonNode result = f.query(runSql("INSERT INTO author (name) VALUES ('Ada'), (null);"
                + " SELECT id, name, true AS ok FROM author ORDER BY id;"));
        assertThat(result).isEqualTo(json("{'result_type': 'TuplesOk', 'result': [['id', 'name', 'ok'],"
                + " ['1', 'Ada', 't'], ['2', null, 't']]}"));
        assertThat(f.query(runSql("SELECT id FROM author WHERE false")))
                .isEqualTo(json("{'result_type': 'TuplesOk', 'result': [['id']]}"));
    }

    @Test
    void failure_isPostgresErrorWithStatementAndErrorInInternal() {
        JoineryException e = f.queryError(runSql("SELECT * FROM no_such_table"));
        assertError(e, 400, "postgres-error", "$", "query execution failed");
        assertThat(e.internal().get("statement").asText()).isEqualTo("SELECT * FROM no_such_table");
        assertThat(e.internal().get("prepared").asBoolean()).isFalse();
        assertThat(e.internal().get("error").get("status_code").asText()).isEqualTo("42P01");
        assertThat(e.internal().get("error").get("message").asText())
                .isEqualTo("relation \"no_such_table\" does not exist");
    }

    @Test
    void failure_rollsBackEveryStatementOfTheCall() {
        f.queryError(runSql("CREATE TABLE half (x int); SELECT 1/0"));
        assertThat(f.query(runSql("SELECT count(*) FROM pg_tables WHERE tablename = 'half'")))
                .isEqualTo(json("{'result_type': 'TuplesOk', 'result': [['count'], ['0']]}"));
    }

    @Test
    void bulk_returnsArray_andErrorsPointAtTheElement() {
        JsonNode results = f.query("{\"type\": \"bulk\", \"args\": [" + runSql("CREATE TABLE t (x int)") + ", "
                + runSql("INSERT INTO t VALUES (1) RETURNING x") + "]}");
        assertThat(results).isEqualTo(json("[{'result_type': 'CommandOk', 'result': null},"
                + " {'result_type': 'TuplesOk', 'result': [['x'], ['1']]}]"));
        JoineryException e = f.queryError("{\"type\": \"bulk\", \"args\": [" + runSql("SELECT 1") + ", "
                + runSql("SELECT nope") + "]}");
        assertError(e, 400, "postgres-error", "$.args[1]", "query execution failed");
    }

    @Test
    void badRequests() {
        JoineryException denied = catchThrowableOfType(JoineryException.class, () -> f.store.query(
                Json.parseBody(runSql("SELECT 1")), new SessionVariables(Map.of("x-hasura-role", "user"))).block());
        assertError(denied, 400, "access-denied", "$.args", "restricted access : admin only");
        assertError(f.queryError("{\"type\": \"run_sql\", \"args\": {}}"),
                400, "parse-failed", "$.args", "key \"sql\" not found");
        assertError(f.queryError("{\"type\": \"pg_track_table\", \"args\": {}}"),
                400, "parse-failed", "$", "unknown metadata command \"pg_track_table\"");
        assertError(f.queryError("{\"type\": \"run_sql\", \"args\": {\"sql\": \"SELECT 1\", \"source\": \"x\"}}"),
                400, "not-exists", "$.args", "source with name \"x\" does not exist");
    }

    @Test
    void readOnly_refusesWrites() {
        JoineryException e = f.queryError("{\"type\": \"run_sql\", \"args\": {\"sql\": \"CREATE TABLE ro (x int)\","
                + " \"read_only\": true}}");
        assertError(e, 400, "postgres-error", "$", "query execution failed");
        assertThat(e.internal().get("error").get("status_code").asText()).isEqualTo("25006");
    }

    @Test
    void ddl_refreshesTheModel_tablesDroppedOutsideJoineryBecomeInconsistent_reloadRecovers() {
        authorsWithArticles("");
        long rv = f.store.current().resourceVersion();

        long version = f.store.current().version();
        f.query(runSql("ALTER TABLE author ADD COLUMN bio text"));
        assertThat(f.store.current().version()).isEqualTo(version + 1);
        assertThat(f.store.current().model().table(QualifiedTable.publicTable("author")).orElseThrow().column("bio"))
                .isPresent();
        f.query(runSql("SELECT 1"));
        assertThat(f.store.current().version()).as("no catalog change, no swap").isEqualTo(version + 1);

        // dropped behind Joinery's back (psql, a migration tool): found by the next catalog read
        f.db.sqlRunner().execute(io.joinery.child.db.SqlStatement.of("DROP TABLE article")).block();
        f.metadata("{'type': 'reload_metadata', 'args': {}}");
        ChildSnapshot broken = f.store.current();
        assertThat(broken.model().tables().keySet()).containsExactly(QualifiedTable.publicTable("author"));
        assertThat(broken.model().table(QualifiedTable.publicTable("author")).orElseThrow().relationships()).isEmpty();
        assertThat(broken.resourceVersion()).isEqualTo(rv + 1);
        assertThat(f.metadata("{'type': 'get_inconsistent_metadata', 'args': {}}")).isEqualTo(json("""
                {'is_consistent': false, 'inconsistent_objects': [
                  {'type': 'table', 'name': 'table public.article in source default',
                   'definition': {'schema': 'public', 'name': 'article'},
                   'reason': 'Inconsistent object: no such table/view exists in source: QarticleQ'},
                  {'type': 'array_relation', 'name': 'array_relation articles in table public.author in source default',
                   'definition': {'name': 'articles', 'using': {'foreign_key_constraint_on': {'column': 'author_id',
                      'table': {'schema': 'public', 'name': 'article'}}}, 'source': 'default',
                      'table': {'schema': 'public', 'name': 'author'}},
                   'reason': 'Inconsistent object: no such table/view exists in source: QarticleQ'}]}"""
                .replace("Q", "\\\"")));
        // an unrelated command still works while something else is inconsistent
        f.query(runSql("CREATE TABLE tag (id int)"));
        assertThat(f.metadata("{'type': 'pg_track_table', 'args': {'table': 'tag'}}")).isEqualTo(json("{'message': 'success'}"));

        f.query(runSql("CREATE TABLE article (id serial PRIMARY KEY, author_id int REFERENCES author(id))"));
        assertThat(f.metadata("{'type': 'reload_metadata', 'args': {}}"))
                .isEqualTo(json("{'message': 'success', 'is_consistent': true}"));
        ChildSnapshot recovered = f.store.current();
        assertThat(recovered.isConsistent()).isTrue();
        assertThat(recovered.model().table(QualifiedTable.publicTable("author")).orElseThrow().relationship("articles"))
                .isPresent();
    }

    @Test
    void ddlBreakingTrackedObjects_isRefusedWithDependencyError_andRolledBack() {
        authorsWithArticles("");
        ChildSnapshot before = f.store.current();
        JoineryException refused = f.queryError(runSql("CREATE TABLE kept (id int); DROP TABLE article"));
        assertError(refused, 400, "dependency-error", "$", "cannot drop due to the following dependent objects: "
                + "table public.article in source default, "
                + "array_relation articles in table public.author in source default");
        assertThat(f.store.current().version()).isEqualTo(before.version());
        assertThat(f.query(runSql("SELECT to_regclass('article') IS NOT NULL, to_regclass('kept') IS NULL")))
                .isEqualTo(json("{'result_type': 'TuplesOk', 'result': [['?column?', '?column?'], ['t', 't']]}"));
        // a column nothing depends on can go
        f.query(runSql("ALTER TABLE author DROP COLUMN name"));
        assertThat(f.store.current().isConsistent()).isTrue();
    }

    @Test
    void ddlWithCascade_dropsTheObjectsItBroke() {
        authorsWithArticles("""
                {'type': 'pg_create_object_relationship', 'args': {'table': 'article', 'name': 'author',
                   'using': {'foreign_key_constraint_on': 'author_id'}}}""");
        long rv = f.store.current().resourceVersion();
        f.query("{\"type\": \"run_sql\", \"args\": {\"sql\": \"DROP TABLE article\", \"cascade\": true}}");
        ChildSnapshot s = f.store.current();
        assertThat(s.isConsistent()).isTrue();
        assertThat(s.resourceVersion()).isEqualTo(rv + 1);
        assertThat(s.metadata().tables()).extracting(t -> t.table().name()).containsExactly("author");
        assertThat(s.metadata().tables().get(0).relationships()).isEmpty();
        assertThat(f.reopen().current().metadata().tables()).hasSize(1);
    }

    @Test
    void dropInconsistentMetadata_removesOnlyTheBrokenObjects() {
        f.query(runSql("CREATE TABLE author (id serial PRIMARY KEY); CREATE TABLE article (id int, author_id int)"));
        f.metadata("""
                {'type': 'bulk', 'args': [
                  {'type': 'pg_track_table', 'args': {'table': 'author'}},
                  {'type': 'pg_track_table', 'args': {'table': 'article'}},
                  {'type': 'pg_create_array_relationship', 'args': {'table': 'author', 'name': 'articles',
                     'using': {'manual_configuration': {'remote_table': 'article', 'column_mapping': {'id': 'author_id'}}}}},
                  {'type': 'pg_create_object_relationship', 'args': {'table': 'article', 'name': 'author',
                     'using': {'manual_configuration': {'remote_table': 'author', 'column_mapping': {'author_id': 'id'}}}}}]}""");
        f.db.sqlRunner().execute(io.joinery.child.db.SqlStatement.of("ALTER TABLE article DROP COLUMN author_id")).block();
        f.metadata("{'type': 'reload_metadata', 'args': {}}");
        assertThat(f.store.current().inconsistencies()).extracting(InconsistentObject::name).containsExactlyInAnyOrder(
                "array_relation articles in table public.author in source default",
                "object_relation author in table public.article in source default");
        assertThat(f.metadata("{'type': 'drop_inconsistent_metadata', 'args': {}}")).isEqualTo(json("{'message': 'success'}"));
        ChildSnapshot s = f.store.current();
        assertThat(s.isConsistent()).isTrue();
        assertThat(s.metadata().tables()).hasSize(2);
        assertThat(s.metadata().tables()).allSatisfy(t -> assertThat(t.relationships()).isEmpty());
    }

    @Test
    void commandsAndRunSql_interleavedConcurrently_areSerialized() {
        f.query(runSql("CREATE TABLE a (id int); CREATE TABLE b (id int); CREATE TABLE c (id int)"));
        reactor.core.publisher.Flux.merge(
                f.store.metadata(json("{'type': 'pg_track_table', 'args': {'table': 'a'}}"), SessionVariables.admin()),
                f.store.query(Json.parseBody(runSql("ALTER TABLE a ADD COLUMN x int")), SessionVariables.admin()),
                f.store.metadata(json("{'type': 'pg_track_table', 'args': {'table': 'b'}}"), SessionVariables.admin()),
                f.store.metadata(json("{'type': 'pg_track_table', 'args': {'table': 'c'}}"), SessionVariables.admin()))
                .collectList().block();
        ChildSnapshot s = f.store.current();
        assertThat(s.resourceVersion()).isEqualTo(4);
        assertThat(s.model().tables()).hasSize(3);
        assertThat(s.model().table(QualifiedTable.publicTable("a")).orElseThrow().column("x")).isPresent();
        assertThat(f.reopen().current().metadata().tables()).hasSize(3);
    }
}
