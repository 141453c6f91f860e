package io.joinery.child.metadata;

import io.joinery.child.db.QualifiedTable;
import io.joinery.child.metadata.CustomTypes.EnumDef;
import io.joinery.child.metadata.CustomTypes.EnumValueDef;
import io.joinery.child.metadata.CustomTypes.FieldDef;
import io.joinery.child.metadata.CustomTypes.InputObjectDef;
import io.joinery.child.metadata.CustomTypes.ObjectDef;
import io.joinery.child.metadata.CustomTypes.ScalarDef;
import io.joinery.child.metadata.CustomTypes.TypeRelationshipDef;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks that a set of custom types makes sense on its own and against the tracked tables
 * (SPEC §3.1), with Hasura's reasons. Pure: the tables and the Postgres scalars come in through a
 * {@link Catalog}. Unlike Hasura, which stops at some problems, every problem is reported.
 */
public final class CustomTypesValidator {
    private final Catalog catalog;

    /** What validation needs to know about the database. */
    public interface Catalog {
        /** The column names of a tracked table in `source`; empty when the table is not tracked there. */
        Optional<Set<String>> trackedColumns(String source, QualifiedTable table);

        /** Whether `name` is a Postgres scalar the child knows (`uuid`, `jsonb`, `timestamptz`, `bigint`, ...). */
        boolean isPostgresScalar(String name);

        /** A catalog of the `default` source's tracked tables and the given Postgres scalar names. */
        static Catalog of(Map<QualifiedTable, ? extends Collection<String>> tables, Set<String> postgresScalars) {
            Map<QualifiedTable, Set<String>> copy = new LinkedHashMap<>();
            tables.forEach((table, columns) -> copy.put(table, Set.copyOf(columns)));
            Set<String> scalars = Set.copyOf(postgresScalars);
            return new Catalog() {
                @Override
                public Optional<Set<String>> trackedColumns(String source, QualifiedTable table) {
                    return source.equals("default") ? Optional.ofNullable(copy.get(table)) : Optional.empty();
                }

                @Override
                public boolean isPostgresScalar(String name) {
                    return scalars.contains(name);
                }
            };
        }
    }

    public CustomTypesValidator(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Every problem, in Hasura's order: duplicate names, enums, input objects, objects. Empty = valid. */
    public List<String> problems(CustomTypes types) {
        List<String> problems = new ArrayList<>();
        Set<String> duplicates = duplicates(Stream.of(
                types.scalars().stream().map(ScalarDef::name),
                types.enums().stream().map(EnumDef::name),
                types.inputObjects().stream().map(InputObjectDef::name),
                types.objects().stream().map(ObjectDef::name)).flatMap(s -> s).toList());
        if (!duplicates.isEmpty()) {
            problems.add("duplicate type names: " + quotedList(duplicates));
        }
        for (EnumDef enumDef : types.enums()) {
            Set<String> values = duplicates(enumDef.values().stream().map(EnumValueDef::value).toList());
            if (!values.isEmpty()) {
                problems.add("the enum type " + quote(enumDef.name()) + " has duplicate values: " + quotedList(values));
            }
        }
        for (InputObjectDef input : types.inputObjects()) {
            checkInputObject(types, input, problems);
        }
        for (ObjectDef object : types.objects()) {
            checkObject(types, object, problems);
        }
        return problems;
    }

    /**
     * Throws the `set_custom_types` failure when there are problems (SPEC §3.1):
     * `invalid-configuration` at `$.args`, `Inconsistent object: ` + {@link #failureReason}.
     */
    public void requireValid(CustomTypes types) {
        List<String> problems = problems(types);
        if (!problems.isEmpty()) {
            throw new JoineryException(ErrorCode.INVALID_CONFIGURATION, "Inconsistent object: " + failureReason(problems),
                    ErrorPath.args());
        }
    }

    /** `validation for the given custom types failed because <reason>`, or the bulleted list for several. */
    public static String failureReason(List<String> problems) {
        if (problems.size() == 1) {
            return "validation for the given custom types failed because " + problems.get(0);
        }
        StringBuilder text = new StringBuilder("validation for the given custom types failed for the following reasons:\n");
        problems.forEach(p -> text.append("  • ").append(p).append('\n'));
        return text.toString();
    }

    private void checkInputObject(CustomTypes types, InputObjectDef input, List<String> problems) {
        Set<String> duplicateFields = duplicates(input.fields().stream().map(FieldDef::name).toList());
        if (!duplicateFields.isEmpty()) {
            problems.add("the input object " + quote(input.name()) + " has duplicate fields: " + quotedList(duplicateFields));
        }
        for (FieldDef field : input.fields()) {
            String base = field.type().baseName();
            boolean known = CustomTypes.isBuiltInScalar(base) || types.isCustomScalar(base)
                    || types.enumType(base).isPresent() || types.inputObject(base).isPresent()
                    || catalog.isPostgresScalar(base);
            if (!known) {
                // Hasura's text, including its double space before "input object type"
                problems.add("the type " + quote(base) + " for field " + quote(field.name())
                        + " in  input object type " + quote(input.name()) + " does not exist");
            }
        }
    }

    private void checkObject(CustomTypes types, ObjectDef object, List<String> problems) {
        List<String> names = new ArrayList<>(object.fields().stream().map(FieldDef::name).toList());
        object.relationships().forEach(r -> names.add(r.name()));
        object.actionRelationships().forEach(r -> names.add(r.name()));
        Set<String> duplicateFields = duplicates(names);
        if (!duplicateFields.isEmpty()) {
            problems.add("the object " + quote(object.name()) + " has duplicate fields: " + quotedList(duplicateFields));
        }
        for (FieldDef field : object.fields()) {
            if (field.hasArguments()) {
                problems.add("the object " + quote(object.name()) + " can't have arguments");
            }
            String base = field.type().baseName();
            boolean known = CustomTypes.isBuiltInScalar(base) || types.isCustomScalar(base)
                    || types.enumType(base).isPresent() || types.object(base).isPresent()
                    || catalog.isPostgresScalar(base);
            if (!known) {
                problems.add("the type " + quote(base) + " for field " + quote(field.name())
                        + " in  object type " + quote(object.name()) + " does not exist");
            }
        }
        for (TypeRelationshipDef relationship : object.relationships()) {
            checkRelationship(types, object, relationship, problems);
        }
    }

    private void checkRelationship(CustomTypes types, ObjectDef object, TypeRelationshipDef relationship, List<String> problems) {
        String table = quote(displayName(relationship.remoteTable()));
        Optional<Set<String>> columns = catalog.trackedColumns(relationship.source(), relationship.remoteTable());
        if (columns.isEmpty()) {
            problems.add("the remote table " + table + " for relationship " + quote(relationship.name())
                    + " of object type " + quote(object.name()) + " does not exist");
            return;
        }
        relationship.fieldMapping().forEach((fieldName, column) -> {
            Optional<FieldDef> field = object.field(fieldName);
            if (field.isEmpty()) {
                problems.add("the field " + quote(fieldName) + " for relationship " + quote(relationship.name())
                        + " in object type " + quote(object.name()) + " does not exist");
            } else if (field.get().type().isList()) {
                problems.add("the type of the field " + quote(fieldName) + " for relationship "
                        + quote(relationship.name()) + " in object type " + quote(object.name()) + " is a list type");
            } else if (types.object(field.get().type().baseName()).isPresent()) {
                // Joinery's wording; Hasura rejects this when an action uses the type
                problems.add("the type of the field " + quote(fieldName) + " for relationship "
                        + quote(relationship.name()) + " in object type " + quote(object.name()) + " is an object type");
            }
            if (!columns.get().contains(column)) {
                problems.add("the column " + quote(column) + " of remote table " + table + " for relationship "
                        + quote(relationship.name()) + " of object type " + quote(object.name()) + " does not exist");
            }
        });
    }

    /** How Hasura names a table in messages: `author` in `public`, otherwise `other.author`. */
    static String displayName(QualifiedTable table) {
        return table.schema().equals("public") ? table.name() : table.schema() + "." + table.name();
    }

    static String quote(String text) {
        return "\"" + text + "\"";
    }

    private static String quotedList(Set<String> names) {
        return names.stream().map(CustomTypesValidator::quote).collect(Collectors.joining(", "));
    }

    /** The names that occur more than once, sorted (Hasura's order is a hash set's). */
    private static Set<String> duplicates(List<String> names) {
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new TreeSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                duplicates.add(name);
            }
        }
        return duplicates;
    }
}
