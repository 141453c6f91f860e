package io.joinery.gateway.join;

import static io.joinery.gateway.testing.GatewayHarness.addRemote;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.json.Json;
import io.joinery.gateway.testing.GatewayFixture;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.LibraryRemote;
import io.joinery.gateway.testing.TestUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 11 items 1 and 2: joins under local fields of unions and interfaces, where a type condition
 * sits on an ancestor of the relationship field, touch exactly the objects their selection applies
 * to (Hasura's `FromRemoteSchemaSpec`, and more levels); the same response key may have different
 * shapes in fragments on different object types; what the gateway sends is valid for a spec-strict
 * upstream (the test upstream is graphql-java, which checks overlapping fields as the spec says).
 */
class TypeConditionJoinsRegression11IntegrationTest {
    @RegisterExtension
    final GatewayFixture fixture = GatewayFixture.builder().remote("library", LibraryRemote::start, null)
            .then(LibraryRemote::relate).start();
    private final GatewayHarness gateway = fixture.gateway();
    private final TestUpstream library = fixture.upstream("library");

    private JsonNode data(String query) {
        JsonNode response = gateway.graphql(query);
        assertThat(response.has("errors")).as(response.toString()).isFalse();
        return response.get("data");
    }

    private static JsonNode json(String text) {
        return Json.parseBody(text.replace('\'', '"'));
    }

    @Test
    void unionAncestorConditions_aliasedRelationshipsOfTheSameKey_eachJoinTouchesItsOwnObjects() {
        JsonNode data = data("""
                { objects(ids: [101, 201]) {
                    ... on Artist { local_articles { title foo: writer { bar: wIds baz: articles { title } } } }
                    ... on Writer { local_articles { title foo: artist { bar: aIds baz: articles { title } } } }
                } }""");

        assertThat(data).isEqualTo(json("""
                {'objects': [
                  {'local_articles': [
                    {'title': 'Article1', 'foo': {'bar': [301, 303], 'baz': [{'title': 'Article1'}, {'title': 'Article3'}]}},
                    {'title': 'Article2', 'foo': {'bar': [302, 304], 'baz': [{'title': 'Article2'}, {'title': 'Article4'}]}}]},
                  {'local_articles': [
                    {'title': 'Article1', 'foo': {'bar': [301, 302], 'baz': [{'title': 'Article1'}, {'title': 'Article2'}]}},
                    {'title': 'Article3', 'foo': {'bar': [303, 304], 'baz': [{'title': 'Article3'}, {'title': 'Article4'}]}}]}]}"""));
        assertThat(library.requests()).as("root, writer + artist joins, two articles joins").hasSize(5);
    }

    @Test
    void interfaceAncestorConditions_sameRelationshipWithDifferentSelections_notMixed() {
        JsonNode data = data("""
                { nodes(ids: [101, 201]) {
                    ... on Artist { local_articles { w: writer { name } } }
                    ... on Writer { local_articles { w: writer { id } } }
                } }""");

        assertThat(data).isEqualTo(json("""
                {'nodes': [
                  {'local_articles': [{'w': {'id': 101}}, {'w': {'id': 101}}]},
                  {'local_articles': [{'w': {'name': 'Writer1'}}, {'w': {'name': 'Writer2'}}]}]}"""));
    }

    @Test
    void conditionsOnTwoAbstractLevels_joinFollowsTheFullPath() {
        JsonNode data = data("""
                { objects(ids: [101, 201, 301]) {
                    ... on Writer { fav: favorite { ...Both } }
                    ... on Artist { fav: favorite { ...Both } }
                    ... on Node { id }
                } }
                fragment Both on Object {
                  ... on Artist { name local_articles { who: writer { name } } }
                  ... on Writer { name local_articles { who: artist { name } } }
                }""");

        assertThat(data).isEqualTo(json("""
                {'objects': [
                  {'fav': {'name': 'Artist2', 'local_articles': [{'who': {'name': 'Writer1'}}, {'who': {'name': 'Writer2'}}]},
                   'id': 101},
                  {'fav': {'name': 'Writer2', 'local_articles': [{'who': {'name': 'Artist1'}}, {'who': {'name': 'Artist2'}}]},
                   'id': 201},
                  {'id': 301}]}"""));
    }

    @Test
    void conditionsOnTheValueOfARelationship_nestedJoinTouchesItsOwnObjects() {
        JsonNode data = data("""
                { articles(ids: [301]) { rel: related {
                    __typename
                    ... on Writer { local_articles { who: artist { name } } }
                    ... on Artist { local_articles { who: writer { name } } }
                } } }""");

        assertThat(data).isEqualTo(json("""
                {'articles': [{'rel': [
                  {'__typename': 'Writer', 'local_articles': [{'who': {'name': 'Artist1'}}, {'who': {'name': 'Artist2'}}]},
                  {'__typename': 'Artist', 'local_articles': [{'who': {'name': 'Writer1'}}, {'who': {'name': 'Writer2'}}]}]}]}"""));
    }

    @Test
    void sameKeyWithDifferentShapesOnDifferentObjectTypes_isAnswered() {
        JsonNode data = data("""
                { objects(ids: [102, 202]) {
                    ... on Artist { bar: self { baz: articles { title } } }
                    ... on Writer { bar: articles { title } }
                } }""");

        assertThat(data).isEqualTo(json("""
                {'objects': [
                  {'bar': [{'title': 'Article3'}, {'title': 'Article4'}]},
                  {'bar': {'baz': [{'title': 'Article2'}, {'title': 'Article4'}]}}]}"""));
    }

    @Test
    void relationshipAndLocalFieldUnderOneKey_onDifferentObjectTypes_keepTheClientsOrder() {
        com.fasterxml.jackson.databind.node.ObjectNode variables = Json.object();
        variables.putArray("ids").add(101).add(201);
        JsonNode response = gateway.graphql("""
                query Q($ids: [Int!]!) { objects(ids: $ids) {
                    ... on Writer { id bar: articles { title } name }
                    ... on Artist { id bar: name ref }
                } }""", variables, java.util.Map.of());
        assertThat(response.has("errors")).as(response.toString()).isFalse();
        JsonNode data = response.get("data");

        assertThat(data).isEqualTo(json("""
                {'objects': [
                  {'id': 101, 'bar': [{'title': 'Article1'}, {'title': 'Article2'}], 'name': 'Writer1'},
                  {'id': 201, 'bar': 'Artist1', 'ref': 302}]}"""));
    }

    @Test
    void sameLhsFieldNameWithDifferentTypesOnTwoObjectTypes_validUpstreamRequest() {
        JsonNode data = data("""
                { objects(ids: [101, 201, 202]) {
                    ... on Writer { linked: refd { ... on Article { title } } }
                    ... on Artist { linked: refd { ... on Article { title } } }
                } }""");

        assertThat(data).isEqualTo(json("""
                {'objects': [{'linked': {'title': 'Article1'}}, {'linked': {'title': 'Article2'}}, {'linked': null}]}"""));
    }

    @Test
    void renamedTypes_conditionsUseTheRemotesOwnNames() {
        gateway.metadataOk(addRemote("lib2", library.url(), "\"customization\":{\"root_fields_namespace\":\"lib2\","
                + "\"type_names\":{\"prefix\":\"L_\"}}"));
        LibraryRemote.relate(gateway, "lib2");

        JsonNode data = data("""
                { lib2 { objects(ids: [101, 201]) {
                    __typename
                    ... on L_Artist { local_articles { foo: writer { __typename name } } }
                    ... on L_Writer { local_articles { foo: artist { __typename name } } }
                } } }""");

        assertThat(data).isEqualTo(json("""
                {'lib2': {'objects': [
                  {'__typename': 'L_Writer', 'local_articles': [
                    {'foo': {'__typename': 'L_Artist', 'name': 'Artist1'}}, {'foo': {'__typename': 'L_Artist', 'name': 'Artist2'}}]},
                  {'__typename': 'L_Artist', 'local_articles': [
                    {'foo': {'__typename': 'L_Writer', 'name': 'Writer1'}}, {'foo': {'__typename': 'L_Writer', 'name': 'Writer2'}}]}]}}"""));
    }
}
