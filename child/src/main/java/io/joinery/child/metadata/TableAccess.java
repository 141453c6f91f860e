package io.joinery.child.metadata;

import java.util.Optional;

/** What one role may do with one table: its permission of each kind, when it has one. */
public record TableAccess(PermissionDef.Select selectDef, PermissionDef.Insert insertDef, PermissionDef.Update updateDef,
                          PermissionDef.Delete deleteDef) {
    public static final TableAccess NONE = new TableAccess(null, null, null, null);

    public Optional<PermissionDef.Select> select() {
        return Optional.ofNullable(selectDef);
    }

    public Optional<PermissionDef.Insert> insert() {
        return Optional.ofNullable(insertDef);
    }

    public Optional<PermissionDef.Update> update() {
        return Optional.ofNullable(updateDef);
    }

    public Optional<PermissionDef.Delete> delete() {
        return Optional.ofNullable(deleteDef);
    }

    public boolean isNone() {
        return selectDef == null && insertDef == null && updateDef == null && deleteDef == null;
    }

    /** This access with {@code def} as its permission of that kind. */
    TableAccess with(PermissionDef def) {
        if (def instanceof PermissionDef.Select s) {
            return new TableAccess(s, insertDef, updateDef, deleteDef);
        } else if (def instanceof PermissionDef.Insert i) {
            return new TableAccess(selectDef, i, updateDef, deleteDef);
        } else if (def instanceof PermissionDef.Update u) {
            return new TableAccess(selectDef, insertDef, u, deleteDef);
        }
        return new TableAccess(selectDef, insertDef, updateDef, (PermissionDef.Delete) def);
    }
}
