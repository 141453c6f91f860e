package io.joinery.child.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.joinery.child.testing.TestDatabase;
import io.joinery.core.error.JoineryException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** `joinery_catalog` on a fresh database: created once, at the latest version; a newer one is refused. */
class CatalogMigrationsIntegrationTest {
    private final Database database = TestDatabase.fresh();
    private final SqlRunner sql = database.sqlRunner();

    @AfterEach
    void stop() {
        database.close();
    }

    private List<Map<String, Object>> query(String text) {
        return sql.query(SqlStatement.of(text)).block();
    }

    @Test
    void freshDatabase_getsTheLatestCatalog_andASecondRunHasNothingToDo() {
        assertThat(new CatalogMigrations(sql).migrate().block()).isZero();
        assertThat(new CatalogMigrations(sql).migrate().block()).isEqualTo(CatalogMigrations.LATEST);

        assertThat(query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'joinery_catalog' "
                + "ORDER BY 1")).extracting(row -> row.get("table_name"))
                .containsExactly("action_invocations", "catalog_version", "metadata");
        assertThat(query("SELECT version FROM joinery_catalog.catalog_version")).singleElement()
                .satisfies(row -> assertThat(row.get("version")).isEqualTo(CatalogMigrations.LATEST));
        assertThat(query("SELECT 1 FROM pg_namespace WHERE nspname = 'joinery'")).isEmpty();
    }

    @Test
    void childrenStartingTogether_migrateOnce() {
        List<Integer> before = Mono.zip(new CatalogMigrations(sql).migrate(), new CatalogMigrations(sql).migrate(),
                (a, b) -> List.of(a, b)).block();
        assertThat(before).containsExactlyInAnyOrder(0, CatalogMigrations.LATEST);
    }

    @Test
    void catalogNewerThanThisBuild_isRefused_andLeftAlone() {
        new CatalogMigrations(sql).migrate().block();
        sql.execute(SqlStatement.of("UPDATE joinery_catalog.catalog_version SET version = $1",
                CatalogMigrations.LATEST + 1)).block();

        JoineryException e = catchThrowableOfType(JoineryException.class, () -> new CatalogMigrations(sql).migrate().block());
        assertThat(e).isNotNull();
        assertThat(e.code().wire()).isEqualTo("not-supported");
        assertThat(e.getMessage()).contains("version " + (CatalogMigrations.LATEST + 1));
        assertThat(query("SELECT version FROM joinery_catalog.catalog_version")).singleElement()
                .satisfies(row -> assertThat(row.get("version")).isEqualTo(CatalogMigrations.LATEST + 1));
    }
}
