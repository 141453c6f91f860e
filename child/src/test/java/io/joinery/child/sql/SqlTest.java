package io.joinery.child.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joinery.child.db.PgType;
import io.joinery.child.db.SqlStatement;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTest {
    @Test
    void params_areNumberedInOrderOfAppearance_andNeverInlined() {
        Sql sql = Sql.concat(Sql.raw("SELECT "), Sql.param("O'Brien", "text"), Sql.raw(", "),
                Sql.param(List.of("1", "2"), "integer[]"), Sql.raw(" FROM "), Sql.qualified("my\"schema", "t"));
        SqlStatement statement = sql.toStatement();
        assertThat(statement.text()).isEqualTo("SELECT ($1)::text, ($2)::integer[] FROM \"my\"\"schema\".\"t\"");
        assertThat(statement.params()).containsExactly("O'Brien", List.of("1", "2"));
    }

    @Test
    void ident_doublesQuotes_andKeyAcceptsOnlyGraphqlNames() {
        assertThat(Sql.ident("we\"ird").toString()).isEqualTo("\"we\"\"ird\"");
        assertThat(Sql.key("_a1").toString()).isEqualTo("'_a1'");
        assertThatThrownBy(() -> Sql.key("a'); DROP TABLE x; --")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void castType_dropsTypeModifiers_soValuesAreNeverTruncated() {
        assertThat(SqlCompiler.castType(new PgType("varchar", "character varying(20)", 'S'))).isEqualTo("character varying");
        assertThat(SqlCompiler.castType(new PgType("numeric", "numeric(10,2)", 'N'))).isEqualTo("numeric");
        assertThat(SqlCompiler.castType(new PgType("timestamptz", "timestamp(3) with time zone", 'D')))
                .isEqualTo("timestamp with time zone");
        assertThat(SqlCompiler.castType(new PgType("bpchar", "character(3)", 'S'))).isEqualTo("bpchar");
        assertThat(SqlCompiler.castType(new PgType("_int4", "integer[]", 'A'))).isEqualTo("integer[]");
        assertThat(SqlCompiler.castType(new PgType("mood", "\"My Schema\".mood", 'E'))).isEqualTo("\"My Schema\".mood");
    }

    @Test
    void format_breaksBlocksAndClauses_butNotInsideQuotesOrInlineParens() {
        String sql = "SELECT json_build_object('a FROM b', (SELECT json_agg(x ORDER BY y) FROM \"t (SELECT \" AS t0"
                + " WHERE t0.\"x\" = ($1)::text LIMIT 1)) AS data";
        assertThat(SqlFormat.pretty(sql)).isEqualTo("""
                SELECT json_build_object('a FROM b', (
                  SELECT json_agg(x ORDER BY y)
                  FROM "t (SELECT " AS t0
                  WHERE t0."x" = ($1)::text
                  LIMIT 1
                )) AS data
                """);
    }
}
