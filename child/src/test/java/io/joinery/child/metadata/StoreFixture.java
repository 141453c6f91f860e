package io.joinery.child.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.ChildApp;
import io.joinery.child.db.Database;
import io.joinery.child.testing.TestDatabase;
import io.joinery.core.error.JoineryException;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import java.util.Optional;

/** A MetadataStore on a fresh database, with helpers that call it the way the routes do. */
final class StoreFixture implements AutoCloseable {
    final Database db;
    MetadataStore store;

    private StoreFixture(Database db) {
        this.db = db;
        this.store = open(Optional.empty());
    }

    static StoreFixture fresh(String setupSql) {
        Database db = TestDatabase.fresh();
        if (setupSql != null) {
            db.runSqlExecutor().run(setupSql, false).block();
        }
        return new StoreFixture(db);
    }

    /** As the child starts (`ChildApp`'s wiring): Joinery's tables first, then the store. */
    MetadataStore open(Optional<JsonNode> file) {
        MetadataStore opened = ChildApp.metadataStore(System::getenv, db.sqlRunner(), db, file);
        opened.load().block();
        return opened;
    }

    /** Re-opens the store on the same database, as a restarted child would. */
    MetadataStore reopen() {
        store = open(Optional.empty());
        return store;
    }

    static JsonNode json(String text) {
        return Json.parseBody(text.replace('\'', '"'));
    }

    JsonNode metadata(String body) {
        return store.metadata(json(body), SessionVariables.admin()).block();
    }

    JsonNode query(String body) {
        return store.query(Json.parseBody(body), SessionVariables.admin()).block();
    }

    JoineryException metadataError(String body) {
        return catchThrowableOfType(JoineryException.class,
                () -> store.metadata(json(body), SessionVariables.admin()).block());
    }

    JoineryException queryError(String body) {
        return catchThrowableOfType(JoineryException.class,
                () -> store.query(Json.parseBody(body), SessionVariables.admin()).block());
    }

    String export() {
        return Json.write(metadata("{'type': 'export_metadata', 'args': {}}"));
    }

    static void assertError(JoineryException e, int status, String code, String path, String message) {
        assertThat(e).as("expected an error").isNotNull();
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.code().wire()).isEqualTo(code);
        assertThat(e.path().toString()).isEqualTo(path);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    void runSql(String sql) {
        db.runSqlExecutor().run(sql, false).block();
    }

    @Override
    public void close() {
        db.close();
    }
}
