package io.joinery.child.db;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates and upgrades Joinery's own tables: the ONE place their DDL is written. They live in the
 * schema `joinery_catalog` (as Hasura's live in `hdb_catalog`), a name no role is likely to have:
 * with a database user `joinery`, Postgres's default search_path `"$user", public` would send
 * every unqualified `CREATE TABLE` into a schema `joinery`.
 *
 * <pre>
 * joinery_catalog.catalog_version     one row: the last version below applied to this database
 * joinery_catalog.metadata            one row: the metadata JSON and its resource_version (metadata.MetadataRow)
 * joinery_catalog.action_invocations  asynchronous action invocations (actions.InvocationRows)
 * </pre>
 *
 * Versions:
 * <ol>
 *   <li>the metadata and invocation tables. Earlier Joinery versions kept them in the schema
 *       `joinery`: they are moved, rows and indexes included, and `joinery` is dropped when nothing
 *       else is left in it (a schema that holds the user's own tables stays, as an ordinary one).</li>
 *   <li>replicas (SPEC §14): `metadata.generation`, bumped on every change of the metadata or of the
 *       catalog (`run_sql`) so other replicas know to reload; `action_invocations.lease_expires_at`,
 *       the claim's lease (its owner is `claimed_by`). Rows an earlier version left `processing`
 *       get an expired lease, so any replica takes them over.</li>
 * </ol>
 * A change to these tables is a new entry at the end of {@link #MIGRATIONS}; entries are never
 * edited once released.
 *
 * <p>Invariants: everything runs in ONE transaction under an advisory lock, so children starting
 * together migrate once and a failing step changes nothing; a database already at a version this
 * build does not know is refused rather than written to.
 */
public final class CatalogMigrations {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogMigrations.class);
    private static final long LOCK_KEY = 4242001L;

    /** One step: the statements that bring the catalog from {@code version - 1} to {@code version}. */
    private record Migration(int version, String description, List<String> statements) {
        Migration {
            statements = List.copyOf(statements);
        }
    }

    private static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "metadata and action invocations (moved from the schema `joinery` of earlier versions)",
                    List.of("""
                            DO $$
                            DECLARE moved boolean := false;
                            BEGIN
                              IF to_regclass('joinery.metadata') IS NOT NULL THEN
                                ALTER TABLE joinery.metadata SET SCHEMA joinery_catalog;
                                moved := true;
                              END IF;
                              IF to_regclass('joinery.action_invocations') IS NOT NULL THEN
                                ALTER TABLE joinery.action_invocations SET SCHEMA joinery_catalog;
                                moved := true;
                              END IF;
                              IF moved THEN
                                BEGIN
                                  DROP SCHEMA joinery;
                                EXCEPTION WHEN dependent_objects_still_exist THEN
                                  NULL; -- it holds the user's own objects: keep it
                                END;
                              END IF;
                            END $$""", """
                            CREATE TABLE IF NOT EXISTS joinery_catalog.metadata (
                              id integer PRIMARY KEY CHECK (id = 1),
                              metadata text NOT NULL,
                              resource_version bigint NOT NULL,
                              updated_at timestamptz NOT NULL DEFAULT now())""", """
                            CREATE TABLE IF NOT EXISTS joinery_catalog.action_invocations (
                              id uuid PRIMARY KEY,
                              action_name text NOT NULL,
                              input json NOT NULL,
                              session_variables json NOT NULL,
                              client_headers json NOT NULL,
                              status text NOT NULL CHECK (status IN ('created', 'processing', 'completed', 'error')),
                              output json,
                              errors json,
                              attempts integer NOT NULL DEFAULT 0,
                              claimed_by uuid,
                              created_at timestamptz NOT NULL DEFAULT now(),
                              updated_at timestamptz NOT NULL DEFAULT now())""", """
                            CREATE INDEX IF NOT EXISTS action_invocations_pending
                              ON joinery_catalog.action_invocations (created_at)
                              WHERE status IN ('created', 'processing')""")),
            new Migration(2, "replicas: metadata generation, async action leases", List.of("""
                            ALTER TABLE joinery_catalog.metadata
                              ADD COLUMN IF NOT EXISTS generation bigint NOT NULL DEFAULT 1""", """
                            ALTER TABLE joinery_catalog.action_invocations
                              ADD COLUMN IF NOT EXISTS lease_expires_at timestamptz""", """
                            UPDATE joinery_catalog.action_invocations SET lease_expires_at = now()
                            WHERE status = 'processing'""", """
                            CREATE INDEX IF NOT EXISTS action_invocations_leased
                              ON joinery_catalog.action_invocations (lease_expires_at)
                              WHERE status = 'processing'""")));

    /** The version this build brings a database to. */
    public static final int LATEST = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    private final SqlRunner sql;

    public CatalogMigrations(SqlRunner sql) {
        this.sql = sql;
    }

    /**
     * Brings `joinery_catalog` to {@link #LATEST}; emits the version the database was at (0: none).
     * Fails with `not-supported` when the database is newer than this build.
     */
    public Mono<Integer> migrate() {
        return sql.inTransaction(s -> s.execute(SqlStatement.of("SELECT pg_advisory_xact_lock($1)", LOCK_KEY))
                .then(s.execute(SqlStatement.of("CREATE SCHEMA IF NOT EXISTS joinery_catalog")))
                .then(s.execute(SqlStatement.of("""
                        CREATE TABLE IF NOT EXISTS joinery_catalog.catalog_version (
                          id integer PRIMARY KEY CHECK (id = 1),
                          version integer NOT NULL,
                          upgraded_at timestamptz NOT NULL DEFAULT now())""")))
                .then(s.query(SqlStatement.of("SELECT version FROM joinery_catalog.catalog_version WHERE id = 1")))
                .flatMap(rows -> {
                    int current = rows.isEmpty() ? 0 : ((Number) rows.get(0).get("version")).intValue();
                    if (current > LATEST) {
                        return Mono.error(new JoineryException(ErrorCode.NOT_SUPPORTED, "the database's "
                                + "joinery_catalog is at version " + current + ", newer than this child knows ("
                                + LATEST + "); run a newer Joinery", ErrorPath.root()));
                    }
                    List<Migration> pending = MIGRATIONS.stream().filter(m -> m.version() > current).toList();
                    if (pending.isEmpty()) {
                        return Mono.just(current);
                    }
                    return Flux.fromIterable(pending)
                            .concatMap(m -> Flux.fromIterable(m.statements())
                                    .concatMap(statement -> s.execute(SqlStatement.of(statement)))
                                    .doOnComplete(() -> LOG.info("joinery_catalog: version {}: {}", m.version(),
                                            m.description())))
                            .then(s.execute(SqlStatement.of("""
                                    INSERT INTO joinery_catalog.catalog_version (id, version) VALUES (1, $1)
                                    ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, upgraded_at = now()""",
                                    LATEST)))
                            .thenReturn(current);
                }));
    }
}
