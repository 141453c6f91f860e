package io.joinery.core.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSON kind of a value, as error messages name it. Two spellings, because two wire formats
 * quote them: Hasura's metadata and handler-response errors use Aeson's type names
 * (`expected String, but encountered Number`), GraphQL-over-HTTP body errors use the article form
 * (`expected a string, but found a number`).
 */
public enum JsonKind {
    STRING("String", "a string"),
    NUMBER("Number", "a number"),
    BOOLEAN("Boolean", "a boolean"),
    ARRAY("Array", "an array"),
    OBJECT("Object", "an object"),
    NULL("Null", "null"),
    /** No value at all (a missing key), or a node kind JSON text never produces. */
    NOTHING("nothing", "nothing");

    private final String typeName;
    private final String withArticle;

    JsonKind(String typeName, String withArticle) {
        this.typeName = typeName;
        this.withArticle = withArticle;
    }

    public static JsonKind of(JsonNode value) {
        if (value == null) {
            return NOTHING;
        }
        switch (value.getNodeType()) {
            case STRING:
                return STRING;
            case NUMBER:
                return NUMBER;
            case BOOLEAN:
                return BOOLEAN;
            case ARRAY:
                return ARRAY;
            case OBJECT:
                return OBJECT;
            case NULL:
                return NULL;
            default:
                return NOTHING;
        }
    }

    /** Aeson's name: `String`, `Number`, `Boolean`, `Array`, `Object`, `Null`. */
    public String typeName() {
        return typeName;
    }

    /** `a string`, `a number`, `a boolean`, `an array`, `an object`, `null`. */
    public String withArticle() {
        return withArticle;
    }
}
