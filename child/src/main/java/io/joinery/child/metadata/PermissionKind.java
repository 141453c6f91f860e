package io.joinery.child.metadata;

/** The four kinds of table permission, with their wire names (`select`, `insert`, ...). */
public enum PermissionKind {
    SELECT, INSERT, UPDATE, DELETE;

    /** `select`, as in `pg_create_select_permission` and `select permission already defined ...`. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The metadata key of a table entry: `select_permissions`. */
    public String metadataKey() {
        return wireName() + "_permissions";
    }

    /** The `type` of an inconsistent permission (SPEC §1.7): `select_permission`. */
    public String inconsistencyType() {
        return wireName() + "_permission";
    }
}
