package io.joinery.child.sql;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.QualifiedTable;
import io.joinery.child.metadata.ResolvedColumn;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.metadata.ResolvedTable;
import io.joinery.child.metadata.RoleAccess;
import io.joinery.child.metadata.TableAccess;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.json.Json;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A role's table permissions compiled for the SQL stage (SPEC §10.2), once per (snapshot, role):
 * row filters and checks as {@link BoolExp} (session variables still unresolved, see
 * {@link BoolExp.SessionVariable}), presets as the text Postgres casts (or a session variable).
 * Admin has no filters. Everything the compiler asks about a table's rows for a role is here, so
 * the predicates of every table reference come from one place. Nothing here depends on a session:
 * its values are bound per request ({@link StatementTemplate}).
 */
public final class RolePermissions {
    private static final RolePermissions ADMIN = new RolePermissions(RoleAccess.ADMIN, Map.of());

    /** A table's compiled permissions for one role; each part null when the role lacks that permission. */
    public record Compiled(Select select, Insert insert, Update update, BoolExp deleteFilter) {}

    /**
     * @param limit      null: no cap
     * @param redactions column -> where its value is shown (elsewhere null), for the columns an
     *                   inherited role sees in only some of its rows (SPEC §10.2)
     */
    public record Select(BoolExp filter, Integer limit, Map<String, BoolExp> redactions) {
        public Select {
            redactions = Map.copyOf(redactions);
        }

        public Select(BoolExp filter, Integer limit) {
            this(filter, limit, Map.of());
        }
    }

    /** @param presets column -> text or {@link BoolExp.SessionVariable}, overwriting client values */
    public record Insert(BoolExp check, Map<String, Object> presets, boolean backendOnly) {}

    /** @param check null: the updated row is not checked */
    public record Update(BoolExp filter, BoolExp check, Map<String, Object> presets) {}

    private final RoleAccess access;
    private final Map<QualifiedTable, Compiled> tables;

    private RolePermissions(RoleAccess access, Map<QualifiedTable, Compiled> tables) {
        this.access = access;
        this.tables = Collections.unmodifiableMap(new HashMap<>(tables));
    }

    public static RolePermissions admin() {
        return ADMIN;
    }

    /** {@code role}'s permissions in {@code model} (admin: none needed), without `backend_only` ones. */
    public static RolePermissions of(ResolvedModel model, String role) {
        return of(model, role, false);
    }

    /** {@code role}'s permissions, with its `backend_only` ones when {@code backendOnly}. */
    public static RolePermissions of(ResolvedModel model, String role, boolean backendOnly) {
        RoleAccess access = model.permissions().forRole(role, backendOnly);
        if (access.isAdmin()) {
            return ADMIN;
        }
        Map<QualifiedTable, Compiled> compiled = new HashMap<>();
        for (Map.Entry<QualifiedTable, TableAccess> entry : access.tables().entrySet()) {
            ResolvedTable table = model.table(entry.getKey()).orElse(null);
            if (table != null) {
                compiled.put(entry.getKey(), compile(model, table, entry.getValue()));
            }
        }
        return new RolePermissions(access, compiled);
    }

    private static Compiled compile(ResolvedModel model, ResolvedTable table, TableAccess access) {
        ErrorPath at = ErrorPath.root();
        Select select = access.select().map(s -> new Select(PermissionExpParser.parse(model, table, s.filter(), at),
                s.limit(), redactions(model, table, access))).orElse(null);
        Insert insert = access.insert().map(i -> new Insert(PermissionExpParser.parse(model, table, i.check(), at),
                presets(table, i.set()), i.backendOnly())).orElse(null);
        Update update = access.update().map(u -> new Update(PermissionExpParser.parse(model, table, u.filter(), at),
                u.check() == null ? null : PermissionExpParser.parse(model, table, u.check(), at),
                presets(table, u.set()))).orElse(null);
        BoolExp delete = access.delete().map(d -> PermissionExpParser.parse(model, table, d.filter(), at)).orElse(null);
        return new Compiled(select, insert, update, delete);
    }

    /** Per column shown in only some rows: the OR of the filters of the grants that allow it. */
    private static Map<String, BoolExp> redactions(ResolvedModel model, ResolvedTable table, TableAccess access) {
        Map<String, BoolExp> out = new HashMap<>();
        for (ResolvedColumn column : table.columns()) {
            if (!access.select().map(s -> s.columns().allows(column.name())).orElse(false)) {
                continue;
            }
            access.columnGrants(column.name()).ifPresent(filters -> out.put(column.name(), BoolExp.or(filters.stream()
                    .map(f -> PermissionExpParser.parse(model, table, f, ErrorPath.root())).toList())));
        }
        return out;
    }

    private static Map<String, Object> presets(ResolvedTable table, Map<String, JsonNode> set) {
        Map<String, Object> out = new LinkedHashMap<>();
        set.forEach((name, value) -> {
            ResolvedColumn column = table.column(name).orElseThrow();
            BoolExp.SessionVariable variable = PermissionExpParser.sessionVariable(value);
            out.put(name, variable != null ? variable : value.isNull() ? null
                    : BoolExpParser.text(Json.MAPPER.convertValue(value, Object.class), column.type()));
        });
        return Collections.unmodifiableMap(out);
    }

    public boolean isAdmin() {
        return access.isAdmin();
    }

    public RoleAccess access() {
        return access;
    }

    /** The role's select permission on {@code table}; admin: no filter, no limit. */
    public Optional<Select> select(ResolvedTable table) {
        if (isAdmin()) {
            return Optional.of(new Select(BoolExp.TRUE, null));
        }
        return Optional.ofNullable(tables.get(table.name())).map(Compiled::select);
    }

    /**
     * The row filter of {@code table} for this role, marked as a permission's expression: TRUE for
     * admin, FALSE (no row) when the role cannot select it.
     */
    public BoolExp selectFilter(ResolvedTable table) {
        if (isAdmin()) {
            return BoolExp.TRUE;
        }
        return select(table).map(s -> BoolExp.permission(s.filter())).orElse(BoolExp.FALSE);
    }

    /**
     * Where {@code column}'s value is shown when the role sees it in only some rows of
     * {@code table} (an inherited role, SPEC §10.2), as a permission's expression; elsewhere the
     * value is null. Empty: shown in every row the role selects.
     */
    public Optional<BoolExp> redaction(ResolvedTable table, ResolvedColumn column) {
        return select(table).map(s -> s.redactions().get(column.name()))
                .filter(exp -> !exp.equals(BoolExp.TRUE)).map(BoolExp::permission);
    }

    /** The row cap of {@code table}'s select permission, or null. */
    public Integer selectLimit(ResolvedTable table) {
        return select(table).map(Select::limit).orElse(null);
    }

    public Optional<Insert> insert(ResolvedTable table) {
        return Optional.ofNullable(tables.get(table.name())).map(Compiled::insert);
    }

    public Optional<Update> update(ResolvedTable table) {
        return Optional.ofNullable(tables.get(table.name())).map(Compiled::update);
    }

    public Optional<BoolExp> deleteFilter(ResolvedTable table) {
        return Optional.ofNullable(tables.get(table.name())).map(Compiled::deleteFilter);
    }
}
