package io.joinery.child.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.child.metadata.CustomTypes;
import io.joinery.child.metadata.CustomTypes.FieldDef;
import io.joinery.child.metadata.CustomTypes.ObjectDef;
import io.joinery.child.metadata.GraphqlTypeRef;
import io.joinery.child.metadata.ToActionRelationship;
import io.joinery.core.json.Json;
import java.util.List;
import java.util.Optional;

/**
 * Projects a validated handler value onto the client's selection (SPEC §3.6): each selected field
 * under its result key, in selection order, takes the same-named key of the body; a missing key
 * is `null`; `__typename` is the object type's name; scalar, enum and custom scalar values pass
 * through unchanged; nested objects and lists of them are projected recursively.
 *
 * <p>Relationship fields (to tables) are not the shaper's: they come out as `null` here and are
 * filled by the SQL join (SPEC §3.8). Relationships to actions (SPEC §12) come out as their hidden
 * join values, replaced by {@link ActionJoinExecutor}. A value that is not an object where an object type is
 * declared (nested values are not validated) becomes `null`.
 */
public final class ActionResultShaper {
    private final CustomTypes types;

    public ActionResultShaper(CustomTypes types) {
        this.types = types;
    }

    public JsonNode shape(JsonNode value, GraphqlTypeRef type, List<ActionSelection> selection) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return NullNode.getInstance();
        }
        if (type instanceof GraphqlTypeRef.ListOf list) {
            if (!value.isArray()) {
                return value.deepCopy();
            }
            ArrayNode out = Json.array();
            value.forEach(element -> out.add(shape(element, list.element(), selection)));
            return out;
        }
        Optional<ObjectDef> object = types.object(type.baseName());
        if (object.isEmpty()) {
            return value.deepCopy();
        }
        if (!value.isObject()) {
            return NullNode.getInstance();
        }
        return shapeObject(value, object.get(), selection);
    }

    /**
     * The hidden join values of a `to_action` relationship (SPEC §12): `{"id": 7}`, which
     * {@link ActionJoinExecutor} replaces with the target action's answer.
     */
    private static ObjectNode joinValues(JsonNode value, ToActionRelationship relationship) {
        ObjectNode values = Json.object();
        for (String field : relationship.lhsFields()) {
            JsonNode v = value.get(field);
            values.set(field, v == null ? NullNode.getInstance() : v.deepCopy());
        }
        return values;
    }

    private ObjectNode shapeObject(JsonNode value, ObjectDef object, List<ActionSelection> selection) {
        ObjectNode out = Json.object();
        for (ActionSelection field : selection) {
            if (field.fieldName().equals("__typename")) {
                out.put(field.resultKey(), object.name());
                continue;
            }
            Optional<FieldDef> declared = object.field(field.fieldName());
            Optional<ToActionRelationship> toAction = object.actionRelationship(field.fieldName());
            if (declared.isEmpty() && toAction.isPresent()) {
                out.set(field.resultKey(), joinValues(value, toAction.get()));
                continue;
            }
            JsonNode fieldValue = value.get(field.fieldName());
            if (declared.isEmpty() || fieldValue == null) {
                out.putNull(field.resultKey());
            } else {
                out.set(field.resultKey(), shape(fieldValue, declared.get().type(), field.children()));
            }
        }
        return out;
    }
}
