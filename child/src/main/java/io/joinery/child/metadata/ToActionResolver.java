package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.metadata.CustomTypes.ObjectDef;
import io.joinery.core.metadata.InconsistentObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every `to_action` relationship (SPEC §12) against the consistent tables, custom types and
 * actions (pure). A relationship that does not check out is an inconsistent `remote_relationship`
 * and stays out of the model; the command that declared it fails with `invalid-configuration`
 * "Inconsistent object: <reason>". Checked: the target action exists and is a query action; every
 * `$field` is a field of the source (and in an explicit `lhs_fields`, whose fields must exist too);
 * every argument given exists and every required one is given; a `"$field"` given as a whole
 * argument has a type that fits (the same type, or `Int`/`String` into `ID`; nullability aside).
 */
final class ToActionResolver {
    private static final String SOURCE = "default";

    /** The consistent relationships and the inconsistent ones. */
    record Resolved(ToActionJoins joins, List<InconsistentObject> inconsistencies) {}

    private ToActionResolver() {}

    /** `remote_relationship stats in table public.author in source default` */
    static String tableObjectName(io.joinery.child.db.QualifiedTable table, String name) {
        return "remote_relationship " + name + " in table " + table + " in source " + SOURCE;
    }

    /** `remote_relationship stats in object UpdateAuthorOutput` */
    static String objectTypeObjectName(String type, String name) {
        return "remote_relationship " + name + " in object " + type;
    }

    /** The object names of the `to_action` relationships of {@code types}: a `set_custom_types` command's own. */
    static List<String> objectNames(CustomTypes types) {
        List<String> out = new ArrayList<>();
        types.objects().forEach(o -> o.actionRelationships().forEach(r -> out.add(objectTypeObjectName(o.name(), r.name()))));
        return out;
    }

    /** {@code types} without the `to_action` relationships named in {@code drop} (`drop_inconsistent_metadata`). */
    static CustomTypes withoutInconsistent(CustomTypes types, Set<String> drop) {
        List<ObjectDef> objects = types.objects().stream().map(o -> new ObjectDef(o.name(), o.fields(), o.description(),
                o.relationships(), o.actionRelationships().stream()
                        .filter(r -> !drop.contains(objectTypeObjectName(o.name(), r.name()))).toList())).toList();
        return new CustomTypes(types.scalars(), types.enums(), types.inputObjects(), objects);
    }

    static Resolved resolve(ChildMetadata metadata, Collection<ResolvedTable> tables, ResolvedActions actions) {
        List<ResolvedToAction> joins = new ArrayList<>();
        List<InconsistentObject> inconsistent = new ArrayList<>();
        Map<io.joinery.child.db.QualifiedTable, ResolvedTable> byName = new LinkedHashMap<>();
        tables.forEach(t -> byName.put(t.name(), t));
        for (TrackedTable table : metadata.tables()) {
            ResolvedTable resolved = byName.get(table.table());
            if (resolved == null) {
                continue;
            }
            Source source = Source.of(resolved);
            for (ToActionRelationship rel : table.remoteRelationships()) {
                Optional<String> problem = problem(rel, source, actions)
                        .or(() -> resolved.column(rel.name()).isPresent() || resolved.relationship(rel.name()).isPresent()
                                ? Optional.of(MetadataResolver.columnOrRelationshipExists(rel.name(), table.table()))
                                : Optional.empty());
                if (problem.isPresent()) {
                    inconsistent.add(InconsistentObject.of("remote_relationship", tableObjectName(table.table(), rel.name()),
                            tableDefinition(table.table(), rel), problem.get()));
                } else {
                    joins.add(resolved(source, rel, actions));
                }
            }
        }
        for (ObjectDef object : actions.customTypes().objects()) {
            Source source = Source.of(object);
            for (ToActionRelationship rel : object.actionRelationships()) {
                Optional<String> problem = problem(rel, source, actions);
                if (problem.isPresent()) {
                    inconsistent.add(InconsistentObject.of("remote_relationship",
                            objectTypeObjectName(object.name(), rel.name()), rel.toJson(), problem.get()));
                } else {
                    joins.add(resolved(source, rel, actions));
                }
            }
        }
        return new Resolved(ToActionJoins.of(joins), inconsistent);
    }

    /** The create command's args that declare {@code rel}: the definition of its inconsistent object. */
    static JsonNode tableDefinition(io.joinery.child.db.QualifiedTable table, ToActionRelationship rel) {
        var node = rel.toJson();
        node.put("source", SOURCE);
        node.set("table", table.toJson());
        return node;
    }

    private static ResolvedToAction resolved(Source source, ToActionRelationship rel, ResolvedActions actions) {
        return new ResolvedToAction(source.type, rel.name(), source.isTable, actions.action(rel.action()).orElseThrow(),
                rel.lhsFields(), rel.arguments());
    }

    /** Where a relationship starts: a GraphQL object type and its fields' types. */
    private record Source(String type, String describe, boolean isTable, Map<String, GraphqlTypeRef> fields) {
        static Source of(ResolvedTable table) {
            Map<String, GraphqlTypeRef> fields = new LinkedHashMap<>();
            table.columns().forEach(c -> fields.put(c.name(),
                    new GraphqlTypeRef.Named(safeName(c.type().graphqlScalar()), !c.nullable())));
            return new Source(table.graphqlName(), "table \"" + table.name().displayName() + "\"", true, fields);
        }

        static Source of(ObjectDef object) {
            Map<String, GraphqlTypeRef> fields = new LinkedHashMap<>();
            object.fields().forEach(f -> fields.put(f.name(), f.type()));
            return new Source(object.name(), "object type \"" + object.name() + "\"", false, fields);
        }

        private static String safeName(String scalar) {
            return scalar.matches("[_A-Za-z][_0-9A-Za-z]*") ? scalar : "_unsupported";
        }
    }

    private static Optional<String> problem(ToActionRelationship rel, Source source, ResolvedActions actions) {
        String of = " of relationship \"" + rel.name() + "\" on " + source.describe;
        Optional<ActionDef> target = actions.action(rel.action());
        if (target.isEmpty()) {
            return Optional.of("the action \"" + rel.action() + "\"" + of + " does not exist");
        }
        ActionDef.Definition definition = target.get().definition();
        if (definition.type() != ActionDef.Type.QUERY) {
            return Optional.of("the action \"" + rel.action() + "\"" + of
                    + " is a mutation; a relationship can only target a query action");
        }
        for (String field : rel.lhsFields()) {
            if (!source.fields.containsKey(field)) {
                return Optional.of("the field \"" + field + "\"" + of + " does not exist");
            }
        }
        for (String field : ToActionRelationship.references(rel.arguments())) {
            if (!source.fields.containsKey(field)) {
                return Optional.of("the field \"" + field + "\"" + of + " does not exist");
            }
            if (!rel.lhsFields().contains(field)) {
                return Optional.of("the field \"" + field + "\" used in the arguments" + of
                        + " is missing from its lhs_fields");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = rel.arguments().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> given = it.next();
            Optional<ActionDef.Argument> argument = definition.arguments().stream()
                    .filter(a -> a.name().equals(given.getKey())).findFirst();
            if (argument.isEmpty()) {
                return Optional.of("the action \"" + rel.action() + "\"" + of + " has no argument \"" + given.getKey() + "\"");
            }
            String whole = wholeReference(given.getValue());
            if (whole != null && !fits(source.fields.get(whole), argument.get().type())) {
                return Optional.of("the field \"" + whole + "\" (" + source.fields.get(whole).withNonNull(false)
                        + ") does not fit the argument \"" + given.getKey() + "\" (" + argument.get().type()
                        + ") of action \"" + rel.action() + "\"" + of);
            }
        }
        for (ActionDef.Argument argument : definition.arguments()) {
            if (argument.type().isNonNull() && !rel.arguments().has(argument.name())) {
                return Optional.of("the required argument \"" + argument.name() + "\" of action \"" + rel.action()
                        + "\" is not given by relationship \"" + rel.name() + "\" on " + source.describe);
            }
        }
        return Optional.empty();
    }

    /** `id` for `"$id"`, else null. */
    private static String wholeReference(JsonNode value) {
        return value.isTextual() && value.asText().startsWith("$") && value.asText().length() > 1
                ? value.asText().substring(1) : null;
    }

    /** Same type, or `Int`/`String` into `ID`, nullability aside; lists element by element. */
    static boolean fits(GraphqlTypeRef field, GraphqlTypeRef argument) {
        if (field.isList() != argument.isList()) {
            return false;
        }
        if (field instanceof GraphqlTypeRef.ListOf f && argument instanceof GraphqlTypeRef.ListOf a) {
            return fits(f.element(), a.element());
        }
        String from = field.baseName();
        String to = argument.baseName();
        return from.equals(to) || to.equals("ID") && (from.equals("Int") || from.equals("String"));
    }
}
