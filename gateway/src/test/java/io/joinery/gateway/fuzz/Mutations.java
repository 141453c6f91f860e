package io.joinery.gateway.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random damage to valid inputs, driven by the {@link Random} jqwik hands a generator (so a seed
 * replays a run): text mutations (cut, insert syntax, duplicate, swap, truncate, replace numbers
 * and strings) and JSON mutations (a node replaced by a value of another type, a key renamed or
 * dropped, an unknown key added).
 */
final class Mutations {
    /** Characters that matter to JSON or GraphQL syntax, and some that matter to neither. */
    private static final String SYNTAX = "{}[]():,\"'\\!$@#.=|&-+0123456789eE \t\n_aZ\u00e9\u4e2d\u0000\u007f\ud83d\ude00";
    private static final List<String> ODD_NUMBERS = List.of("0", "-1", "2147483648", "-2147483649",
            "9223372036854775808", "1e308", "-1e-308", "1.5", "0.0000001", "1e400", "NaN", "Infinity", "-0", "00", "1_000");
    private static final List<String> ODD_STRINGS = List.of("", " ", "null", "\\u0000", "\\ud800", "%s%n",
            "' OR 1=1 --", "\\\"", "__typename", "$id", "{{JOINERY_ADMIN_SECRET}}", "x".repeat(10_000),
            "\u00e9\u4e2d\ud83d\ude00", "admin", "public", "pg_catalog");

    private Mutations() {}

    /** {@code text} with 1 to 4 random text mutations. */
    static String text(String text, Random random) {
        String out = text;
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            out = textOnce(out, random);
        }
        return out;
    }

    private static String textOnce(String text, Random random) {
        if (text.isEmpty()) {
            return String.valueOf(SYNTAX.charAt(random.nextInt(SYNTAX.length())));
        }
        int at = random.nextInt(text.length() + 1);
        int end = Math.min(text.length(), at + 1 + random.nextInt(Math.max(1, Math.min(40, text.length()))));
        switch (random.nextInt(8)) {
            case 0: // delete a range
                return text.substring(0, Math.min(at, text.length())) + text.substring(end);
            case 1: // insert syntax characters
                StringBuilder inserted = new StringBuilder();
                for (int i = 1 + random.nextInt(3); i > 0; i--) {
                    inserted.append(SYNTAX.charAt(random.nextInt(SYNTAX.length())));
                }
                return text.substring(0, at) + inserted + text.substring(at);
            case 2: // duplicate a range, sometimes many times
                String range = text.substring(Math.min(at, text.length()), end);
                return text.substring(0, end) + range.repeat(1 + random.nextInt(random.nextBoolean() ? 3 : 200))
                        + text.substring(end);
            case 3: // truncate
                return text.substring(0, at);
            case 4: { // swap two ranges
                int other = random.nextInt(text.length());
                int lo = Math.min(at, other);
                int hi = Math.max(at, other);
                if (lo == hi || hi >= text.length()) {
                    return text;
                }
                return text.substring(0, lo) + text.charAt(hi) + text.substring(lo + 1, hi) + text.charAt(lo)
                        + text.substring(hi + 1);
            }
            case 5: // a number becomes an odd one
                return replaceToken(text, random, "-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?", ODD_NUMBERS);
            case 6: // a string's content becomes an odd one
                return replaceToken(text, random, "(?<=\")[^\"\\\\]*(?=\")", ODD_STRINGS);
            default: // flip one character's case or byte
                char c = text.charAt(Math.min(at, text.length() - 1));
                char flipped = Character.isLetter(c) ? (Character.isUpperCase(c) ? Character.toLowerCase(c)
                        : Character.toUpperCase(c)) : (char) (c ^ (1 << random.nextInt(7)));
                int pos = Math.min(at, text.length() - 1);
                return text.substring(0, pos) + flipped + text.substring(pos + 1);
        }
    }

    private static String replaceToken(String text, Random random, String regex, List<String> replacements) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return text;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return text.substring(0, span[0]) + replacements.get(random.nextInt(replacements.size())) + text.substring(span[1]);
    }

    /** A copy of {@code json} with 1 to 3 structural mutations. */
    static JsonNode json(JsonNode json, Random random) {
        JsonNode out = json.deepCopy();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            out = jsonOnce(out, random);
        }
        return out;
    }

    private static JsonNode jsonOnce(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(root, containers);
        if (containers.isEmpty()) {
            return oddValue(random);
        }
        JsonNode container = containers.get(random.nextInt(containers.size()));
        if (container instanceof ObjectNode object) {
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            int action = keys.isEmpty() ? 2 : random.nextInt(4);
            switch (action) {
                case 0 -> object.set(keys.get(random.nextInt(keys.size())), oddValue(random));
                case 1 -> object.remove(keys.get(random.nextInt(keys.size())));
                case 2 -> object.set(ODD_KEYS.get(random.nextInt(ODD_KEYS.size())), oddValue(random));
                default -> {
                    String key = keys.get(random.nextInt(keys.size()));
                    JsonNode value = object.remove(key);
                    object.set(random.nextBoolean() ? key.toUpperCase(java.util.Locale.ROOT) : key + "s", value);
                }
            }
        } else if (container instanceof ArrayNode array) {
            if (array.isEmpty() || random.nextBoolean()) {
                array.add(oddValue(random));
            } else if (random.nextBoolean()) {
                array.set(random.nextInt(array.size()), oddValue(random));
            } else {
                array.remove(random.nextInt(array.size()));
            }
        }
        return root;
    }

    private static final List<String> ODD_KEYS = List.of("type", "args", "source", "table", "name", "role",
            "query", "variables", "operationName", "extensions", "version", "resource_version", "sql", "cascade",
            "read_only", "timeout", "definition", "permission", "filter", "columns", "", "__proto__", "x");

    private static void collectContainers(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            Iterator<JsonNode> children = node.elements();
            children.forEachRemaining(child -> collectContainers(child, out));
        }
    }

    /** A value of a random JSON type, sometimes an odd one of its type. */
    static JsonNode oddValue(Random random) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (random.nextInt(10)) {
            case 0 -> f.nullNode();
            case 1 -> f.booleanNode(random.nextBoolean());
            case 2 -> f.numberNode(random.nextInt());
            case 3 -> f.numberNode(random.nextLong());
            case 4 -> f.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(300)));
            case 5 -> f.textNode(ODD_STRINGS.get(random.nextInt(ODD_STRINGS.size())));
            case 6 -> f.arrayNode();
            case 7 -> f.objectNode();
            case 8 -> Json.valueToTree(Map.of("_eq", 1));
            default -> f.arrayNode().add(f.objectNode()).add(f.nullNode());
        };
    }
}
