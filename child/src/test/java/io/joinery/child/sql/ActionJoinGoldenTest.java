package io.joinery.child.sql;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import graphql.schema.GraphQLSchema;
import io.joinery.child.actions.ActionJoinPlan;
import io.joinery.child.db.SqlStatement;
import io.joinery.child.metadata.ActionDef;
import io.joinery.child.metadata.ActionDefParser;
import io.joinery.child.metadata.CustomTypes;
import io.joinery.child.metadata.CustomTypesParser;
import io.joinery.child.metadata.ResolvedActions;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.metadata.ResolvedToAction;
import io.joinery.child.metadata.ToActionJoins;
import io.joinery.child.schema.ChildSchemaBuilder;
import io.joinery.child.schema.RootField;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.json.GoldenFiles;
import io.joinery.core.json.Json;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * `to_action` relationships (SPEC §12) in golden files, `golden/action-join/`: a query -> the ONE
 * statement with the hidden join columns (`.sql`, `.params.json`) and the call plan (`.plan.json`).
 * The model: {@link LibraryFixture}'s tables, `author.stats` -> `authorStats(author_id: $id)`, and
 * the output `AuthorStats.again` -> `authorStats(author_id: $author_id)` (a cycle, bounded by the query).
 */
class ActionJoinGoldenTest {
    static final ResolvedModel MODEL = model();
    static final GraphQLSchema SCHEMA = ChildSchemaBuilder.build(MODEL, "admin");

    static ResolvedModel model() {
        CustomTypes types = CustomTypesParser.parse(Json.parseBody("""
                {"objects": [{"name": "AuthorStats", "fields": [{"name": "author_id", "type": "Int!"},
                                                                {"name": "article_count", "type": "Int"}],
                  "relationships": [{"name": "again", "definition": {"to_action": {"action": "authorStats",
                                                                 "arguments": {"author_id": "$author_id"}}}}]}]}"""),
                ErrorPath.root());
        ActionDef stats = ActionDefParser.parse(Json.parseBody("""
                {"name": "authorStats", "definition": {"handler": "http://h/stats", "output_type": "AuthorStats",
                 "type": "query", "arguments": [{"name": "author_id", "type": "Int!"}]}}"""), ErrorPath.root());
        ToActionJoins joins = ToActionJoins.of(List.of(
                new ResolvedToAction("author", "stats", true, stats, List.of("id"), Json.parseBody("{\"author_id\": \"$id\"}")),
                new ResolvedToAction("AuthorStats", "again", false, stats, List.of("author_id"),
                        Json.parseBody("{\"author_id\": \"$author_id\"}"))));
        return LibraryFixture.model().withActions(new ResolvedActions(List.of(stats), types, joins));
    }

    @TestFactory
    Stream<DynamicTest> compilesAndPlansEveryGoldenQuery() {
        SqlCompiler compiler = new SqlCompiler(MODEL);
        return GoldenFiles.cases("golden/action-join", ".graphql").map(c -> dynamicTest(c.name(), () -> {
            List<RootField> roots = NormalizedQuery.classified(SCHEMA, MODEL, c);
            List<RootField> tables = roots.stream().filter(r -> r instanceof RootField.TableSelect).toList();
            SqlStatement statement = compiler.compileQuery(tables);
            c.assertMatches(".sql", SqlFormat.pretty(statement.text()));
            c.assertMatchesJson(".params.json", statement.params());
            c.assertMatchesJson(".plan.json", ActionJoinPlan.of(roots, MODEL.actions().joins()).toJson());
        }));
    }
}
