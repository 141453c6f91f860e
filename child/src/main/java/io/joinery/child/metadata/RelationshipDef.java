package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;

/** A table relationship as the user declared it (`object_relationships` / `array_relationships` entry). */
public record RelationshipDef(String name, Kind kind, RelationshipUsing using, String comment) {
    public enum Kind {
        OBJECT("object_relation"), ARRAY("array_relation");

        private final String inconsistencyType;

        Kind(String inconsistencyType) {
            this.inconsistencyType = inconsistencyType;
        }

        /** The `type` of an inconsistent object of this kind (SPEC §1.7). */
        public String inconsistencyType() {
            return inconsistencyType;
        }
    }

    /** The exported entry: `{"name", "using", "comment"?}`. */
    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("name", name);
        node.set("using", using.toJson());
        if (comment != null) {
            node.put("comment", comment);
        }
        return node;
    }
}
