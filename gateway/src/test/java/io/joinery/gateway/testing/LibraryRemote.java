package io.joinery.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A remote with abstract types for join tests, after Hasura's `FromRemoteSchemaSpec`: writers,
 * artists and articles, the union `Object` and the interface `Node` over all three, and
 * relationships from the remote to itself.
 *
 * <pre>
 * writer 101: articles 301, 302   favorite artist 202   ref 301
 * writer 102: articles 303, 304   favorite artist 201   ref 303
 * artist 201: articles 301, 303   favorite writer 102   ref 302
 * artist 202: articles 302, 304   favorite writer 101   ref null
 * article 30n: artist 201 (n odd) or 202, writer 101 (n &lt;= 2) or 102; related: [its writer, its artist]
 * </pre>
 */
public final class LibraryRemote {
    /** The same schema the planner's golden files are written against. */
    public static final String SDL = sdl("/golden/plan/_supergraph/library.graphql");

    private LibraryRemote() {}

    private static String sdl(String resource) {
        try (InputStream in = LibraryRemote.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, Object> object(int id) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (id == 101 || id == 102) {
            out.put("__typename", "Writer");
            out.put("id", id);
            out.put("name", "Writer" + (id - 100));
            out.put("wIds", id == 101 ? List.of(301, 302) : List.of(303, 304));
            out.put("ref", id == 101 ? 301 : 303);
        } else if (id == 201 || id == 202) {
            out.put("__typename", "Artist");
            out.put("id", id);
            out.put("name", "Artist" + (id - 200));
            out.put("aIds", id == 201 ? List.of(301, 303) : List.of(302, 304));
            out.put("ref", id == 201 ? 302 : null);
        } else if (id >= 301 && id <= 304) {
            out.put("__typename", "Article");
            out.put("id", id);
            out.put("title", "Article" + (id - 300));
            out.put("aId", id % 2 == 1 ? 201 : 202);
            out.put("wId", id <= 302 ? 101 : 102);
        } else {
            return null;
        }
        return out;
    }

    private static Map<String, Object> ofType(int id, String type) {
        Map<String, Object> out = object(id);
        return out != null && type.equals(out.get("__typename")) ? out : null;
    }

    private static List<Map<String, Object>> all(List<Integer> ids) {
        List<Map<String, Object>> out = new ArrayList<>();
        ids.forEach(id -> out.add(object(id)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> ids(Object source, String key) {
        return (List<Integer>) ((Map<String, Object>) source).get(key);
    }

    private static int id(Object source) {
        return (Integer) ((Map<?, ?>) source).get("id");
    }

    public static TestUpstream start() {
        return TestUpstream.builder("library", SDL)
                .field("Query", "object", env -> object(env.<Integer>getArgument("id")))
                .field("Query", "objects", env -> all(env.getArgument("ids")))
                .field("Query", "nodes", env -> all(env.getArgument("ids")))
                .field("Query", "writer", env -> ofType(env.<Integer>getArgument("id"), "Writer"))
                .field("Query", "artist", env -> ofType(env.<Integer>getArgument("id"), "Artist"))
                .field("Query", "articles", env -> all(env.getArgument("ids")))
                .field("Query", "related", env -> {
                    Map<String, Object> article = ofType(env.<Integer>getArgument("id"), "Article");
                    return article == null ? List.of()
                            : List.of(object((Integer) article.get("wId")), object((Integer) article.get("aId")));
                })
                .field("Writer", "local_articles", env -> all(ids(env.getSource(), "wIds")))
                .field("Artist", "local_articles", env -> all(ids(env.getSource(), "aIds")))
                .field("Artist", "self", env -> env.getSource())
                .field("Writer", "favorite", env -> object(id(env.getSource()) == 101 ? 202 : 201))
                .field("Artist", "favorite", env -> object(id(env.getSource()) == 201 ? 102 : 101))
                .start();
    }

    /**
     * Writer.articles, Artist.articles, Article.artist, Article.writer, Article.related (a list of
     * the union), Writer.refd and Artist.refd (the same lhs field name, `Int!` on one type and `Int`
     * on the other).
     */
    public static void relate(GatewayHarness gateway) {
        relate(gateway, "library");
    }

    /** The relationships, for the remote added as {@code remote} (e.g. a second time, customized). */
    public static void relate(GatewayHarness gateway, String remote) {
        relate(gateway, remote, "Writer", "articles", "wIds", "{\"articles\":{\"arguments\":{\"ids\":\"$wIds\"}}}");
        relate(gateway, remote, "Artist", "articles", "aIds", "{\"articles\":{\"arguments\":{\"ids\":\"$aIds\"}}}");
        relate(gateway, remote, "Article", "artist", "aId", "{\"artist\":{\"arguments\":{\"id\":\"$aId\"}}}");
        relate(gateway, remote, "Article", "writer", "wId", "{\"writer\":{\"arguments\":{\"id\":\"$wId\"}}}");
        relate(gateway, remote, "Article", "related", "id", "{\"related\":{\"arguments\":{\"id\":\"$id\"}}}");
        relate(gateway, remote, "Writer", "refd", "ref", "{\"object\":{\"arguments\":{\"id\":\"$ref\"}}}");
        relate(gateway, remote, "Artist", "refd", "ref", "{\"object\":{\"arguments\":{\"id\":\"$ref\"}}}");
    }

    private static void relate(GatewayHarness gateway, String remote, String type, String name, String lhsField,
                               String remoteField) {
        gateway.metadataOk(JoinRemotes.relationship(remote, type, name, remote, "[\"" + lhsField + "\"]",
                remoteField));
    }
}
