package io.joinery.child.db;

import io.joinery.child.db.PgType;
/** A column as the Postgres catalog describes it. */
public record PgColumn(String name, int position, PgType type, boolean nullable, boolean hasDefault,
                       boolean isGenerated, String comment) {}
