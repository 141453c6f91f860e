package io.joinery.child.metadata;

import static io.joinery.child.metadata.StoreFixture.assertError;
import static io.joinery.child.metadata.StoreFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.joinery.child.db.QualifiedTable;
import io.joinery.core.error.JoineryException;
import io.joinery.core.metadata.MetadataCall;
import io.joinery.core.metadata.MetadataRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wire names and argument shapes → typed commands, without a database. */
class ChildCommandParserTest {
    static ChildCommand parse(String body) {
        return ((MetadataCall.One<ChildCommand>) MetadataRequest.parse(json(body), ChildCommandParser::parse).call())
                .command();
    }

    static JoineryException error(String body) {
        return catchThrowableOfType(JoineryException.class,
                () -> MetadataRequest.parse(json(body), ChildCommandParser::parse));
    }

    @Test
    void prefixedAndLegacyNames_yieldTheSameCommand() {
        assertThat(parse("{'type': 'pg_track_table', 'args': {'table': 'author'}}"))
                .isEqualTo(parse("{'type': 'track_table', 'args': {'source': 'default', 'table': {'name': 'author'}}}"));
        assertThat(parse("{'type': 'pg_untrack_table', 'args': {'table': 'author', 'cascade': true}}"))
                .isEqualTo(new ChildCommand.UntrackTable(io.joinery.core.error.ErrorPath.args(),
                        QualifiedTable.publicTable("author"), true));
    }

    @Test
    void usingForms_areTyped() {
        ChildCommand.CreateRelationship c = (ChildCommand.CreateRelationship) parse(
                "{'type': 'pg_create_object_relationship', 'args': {'table': 'article', 'name': 'author',"
                        + " 'using': {'foreign_key_constraint_on': ['a', 'b']}}}");
        assertThat(c.relationship().using()).isEqualTo(new RelationshipUsing.ForeignKeyOnColumns(List.of("a", "b")));
        assertThat(c.relationship().using().toJson()).isEqualTo(json("{'foreign_key_constraint_on': ['a', 'b']}"));
        ChildCommand.CreateRelationship single = (ChildCommand.CreateRelationship) parse(
                "{'type': 'pg_create_object_relationship', 'args': {'table': 'article', 'name': 'author',"
                        + " 'using': {'foreign_key_constraint_on': ['a']}}}");
        assertThat(single.relationship().using().toJson()).isEqualTo(json("{'foreign_key_constraint_on': 'a'}"));
    }

    @Test
    void exportVersion_andReplaceVersionInference() {
        assertThat(parse("{'type': 'export_metadata', 'version': 2, 'args': {}}"))
                .isEqualTo(new ChildCommand.ExportMetadata(io.joinery.core.error.ErrorPath.args(), true));
        ChildCommand.ReplaceMetadata v2 = (ChildCommand.ReplaceMetadata) parse(
                "{'type': 'replace_metadata', 'args': {'metadata': {'version': 3, 'sources': []}}}");
        assertThat(v2.v2()).isTrue();
        assertThat(v2.allowInconsistent()).isFalse();
        ChildCommand.ReplaceMetadata legacy = (ChildCommand.ReplaceMetadata) parse(
                "{'type': 'replace_metadata', 'args': {'version': 2, 'tables': [{'table': 'author'}]}}");
        assertThat(legacy.v2()).isFalse();
        assertThat(legacy.metadata().tables()).extracting(TrackedTable::table)
                .containsExactly(QualifiedTable.publicTable("author"));
    }

    @Test
    void envelopeAndShapeErrors() {
        assertError(error("{'args': {}}"), 400, "parse-failed", "$", "key \"type\" not found");
        assertError(error("{'type': 'bulk', 'args': {}}"), 400, "parse-failed", "$.args",
                "expected Array, but encountered Object");
        assertError(error("{'type': 'pg_track_table', 'args': []}"), 400, "parse-failed", "$.args",
                "expected an object, but encountered Array");
        assertError(error("{'type': 'bulk', 'args': [{'type': 'bulk', 'args': [{'type': 'pg_untrack_table',"
                        + " 'args': {'table': 'a', 'cascade': 'yes'}}]}]}"),
                400, "parse-failed", "$.args[0].args[0].args.cascade", "expected Boolean, but encountered String");
        assertError(error("{'type': 'replace_metadata', 'args': {'version': 3, 'sources': [{'name': 'default',"
                        + " 'tables': [{'table': 'a'}, {'table': {'schema': 'public', 'name': 'a'}}]}]}}"),
                400, "parse-failed", "$.args.sources[0].tables[1]", "table \"a\" is declared more than once");
        assertError(error("{'type': 'replace_metadata', 'args': {'version': 3, 'sources': [{'name': 'default',"
                        + " 'kind': 'mssql', 'tables': []}]}}"),
                400, "not-supported", "$.args.sources[0].kind",
                "source kind \"mssql\" is not supported: the child serves postgres");
    }
}
