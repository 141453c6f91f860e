package io.joinery.child.schema;

import io.joinery.child.metadata.PermissionDef;
import io.joinery.child.metadata.ResolvedColumn;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.metadata.ResolvedRelationship;
import io.joinery.child.metadata.ResolvedTable;
import io.joinery.child.metadata.RoleAccess;
import io.joinery.child.metadata.TableAccess;
import java.util.ArrayList;
import java.util.List;

/**
 * The model as a role that is not admin may see it (SPEC §10.2): the tables it has a select
 * permission on, each with only the columns that permission allows and only the relationships to
 * other such tables. The schema builder then works on it as it does on admin's whole model; the
 * SQL compiler keeps the whole model (validation has already kept the role to its part).
 */
final class RoleView {
    private RoleView() {}

    static ResolvedModel of(ResolvedModel model, RoleAccess access) {
        List<ResolvedTable> visible = new ArrayList<>();
        for (ResolvedTable table : model.tables().values()) {
            PermissionDef.Select select = access.table(table.name()).select().orElse(null);
            if (select == null) {
                continue;
            }
            List<ResolvedRelationship> relationships = table.relationships().stream()
                    .filter(r -> access.canSelect(r.remoteTable())).toList();
            visible.add(new ResolvedTable(table.name(), table.isView(),
                    table.columns().stream().filter(c -> select.columns().allows(c.name()))
                            .map(c -> nullableWhenRedacted(c, access.table(table.name()))).toList(),
                    table.primaryKey(), table.uniqueConstraints(), relationships, table.comment()));
        }
        return ResolvedModel.of(visible).withActions(model.actions()).withPermissions(model.permissions());
    }

    /**
     * A column an inherited role sees in only some of its rows (SPEC §10.2) is null in the others,
     * so its type is nullable whatever the database says.
     */
    private static ResolvedColumn nullableWhenRedacted(ResolvedColumn column, TableAccess access) {
        return column.nullable() || access.columnGrants(column.name()).isEmpty() ? column
                : new ResolvedColumn(column.name(), column.type(), true, column.hasDefault(), column.isGenerated(),
                        column.comment());
    }
}
