package io.joinery.gateway.execute;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;

/**
 * The keys of the objects read before, by depth and place: the rows of a list mostly have the same
 * keys in the same order, and Jackson matches an expected key by comparing its bytes
 * ({@link JsonParser#nextFieldName(com.fasterxml.jackson.core.SerializableString)}), without looking
 * the name up in its symbol table (issue 16). A key that is not the expected one is read as usual.
 * The name read is then the expected one's instance, as the symbol table's would be the same one.
 */
final class Keys {
    private static final int DEPTHS = 8;
    private static final int PLACES = 16;

    private final SerializedString[][] expected = new SerializedString[DEPTHS][];

    /** Moves the parser to the next key of the object it is in, the {@code place}th: false at the object's end. */
    boolean next(JsonParser parser, int depth, int place) throws IOException {
        if (depth >= DEPTHS || place >= PLACES) {
            return parser.nextToken() == JsonToken.FIELD_NAME;
        }
        SerializedString[] keys = expected[depth];
        if (keys == null) {
            keys = expected[depth] = new SerializedString[PLACES];
        }
        SerializedString key = keys[place];
        if (key != null && parser.nextFieldName(key)) {
            return true;
        }
        if (key == null) {
            parser.nextToken();
        }
        if (parser.currentToken() != JsonToken.FIELD_NAME) {
            return false;
        }
        keys[place] = new SerializedString(parser.currentName());
        return true;
    }
}
