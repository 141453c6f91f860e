package io.joinery.child.metadata;

import io.joinery.core.metadata.ArgsReader;

/**
 * A GraphQL type as metadata writes it: `Int`, `Int!`, `[Line!]`, `[[String]!]!`. Parsed once when
 * metadata is read; {@link #toString()} prints it back in the same form.
 */
public sealed interface GraphqlTypeRef permits GraphqlTypeRef.Named, GraphqlTypeRef.ListOf {

    boolean isNonNull();

    /** The innermost type name: `Line` for `[Line!]!`. */
    String baseName();

    /** This type with the outermost `!` removed (or added). */
    GraphqlTypeRef withNonNull(boolean nonNull);

    default boolean isList() {
        return this instanceof ListOf;
    }

    /** A type name, possibly non-null: `Int`, `OrderResult!`. */
    record Named(String name, boolean isNonNull) implements GraphqlTypeRef {
        public Named {
            if (!isName(name)) {
                throw new IllegalArgumentException("\"" + name + "\" is not a valid GraphQL name");
            }
        }

        @Override
        public String baseName() {
            return name;
        }

        @Override
        public GraphqlTypeRef withNonNull(boolean nonNull) {
            return new Named(name, nonNull);
        }

        @Override
        public String toString() {
            return isNonNull ? name + "!" : name;
        }
    }

    /** A list of `element`, possibly non-null: `[Line!]!`. */
    record ListOf(GraphqlTypeRef element, boolean isNonNull) implements GraphqlTypeRef {
        @Override
        public String baseName() {
            return element.baseName();
        }

        @Override
        public GraphqlTypeRef withNonNull(boolean nonNull) {
            return new ListOf(element, nonNull);
        }

        @Override
        public String toString() {
            return "[" + element + "]" + (isNonNull ? "!" : "");
        }
    }

    /**
     * Parses a type string. Whitespace around the parts is allowed (`[ Int ! ]`); anything else
     * that is not a GraphQL type is an {@link IllegalArgumentException} naming the text.
     */
    static GraphqlTypeRef parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a GraphQL type is required");
        }
        String compact = text.strip();
        try {
            int[] position = {0};
            GraphqlTypeRef type = parseAt(compact, position);
            skipSpaces(compact, position);
            if (position[0] != compact.length()) {
                throw new IllegalArgumentException();
            }
            return type;
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a valid GraphQL type");
        }
    }

    private static GraphqlTypeRef parseAt(String text, int[] position) {
        skipSpaces(text, position);
        GraphqlTypeRef type;
        if (text.charAt(position[0]) == '[') {
            position[0]++;
            GraphqlTypeRef element = parseAt(text, position);
            skipSpaces(text, position);
            if (text.charAt(position[0]) != ']') {
                throw new IllegalArgumentException();
            }
            position[0]++;
            type = new ListOf(element, nonNullMark(text, position));
        } else {
            int start = position[0];
            while (position[0] < text.length() && isNameChar(text.charAt(position[0]))) {
                position[0]++;
            }
            String name = text.substring(start, position[0]);
            type = new Named(name, false);
            type = type.withNonNull(nonNullMark(text, position));
        }
        return type;
    }

    private static boolean nonNullMark(String text, int[] position) {
        skipSpaces(text, position);
        if (position[0] < text.length() && text.charAt(position[0]) == '!') {
            position[0]++;
            return true;
        }
        return false;
    }

    private static void skipSpaces(String text, int[] position) {
        while (position[0] < text.length() && Character.isWhitespace(text.charAt(position[0]))) {
            position[0]++;
        }
    }

    private static boolean isNameChar(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** The GraphQL name (type, field, argument or action name) at {@code key}. */
    static String readName(ArgsReader args, String key) {
        String name = args.string(key);
        if (!isName(name)) {
            throw ArgsReader.parseFailed("\"" + name + "\" is not a valid GraphQL name", args.at(key));
        }
        return name;
    }

    /** The type reference (`[Int!]!`) at {@code key}. */
    static GraphqlTypeRef read(ArgsReader args, String key) {
        String text = args.string(key);
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw ArgsReader.parseFailed(e.getMessage(), args.at(key));
        }
    }

    /** Whether `name` is a GraphQL name: `[_A-Za-z][_0-9A-Za-z]*`. */
    static boolean isName(String name) {
        if (name == null || name.isEmpty() || Character.isDigit(name.charAt(0))) {
            return false;
        }
        return name.chars().allMatch(c -> isNameChar((char) c));
    }
}
