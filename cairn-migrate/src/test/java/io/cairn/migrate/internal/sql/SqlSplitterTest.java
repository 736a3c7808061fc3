package io.cairn.migrate.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlSplitterTest {

    private static List<SqlStatement> pg(String sql) {
        return SqlSplitter.split(sql, SqlDialect.POSTGRES);
    }

    private static List<SqlStatement> maria(String sql) {
        return SqlSplitter.split(sql, SqlDialect.MARIADB);
    }

    private static List<String> texts(List<SqlStatement> statements) {
        return statements.stream().map(SqlStatement::text).toList();
    }

    @Test
    void splitsOnSemicolonsAndKeepsStartLines() {
        List<SqlStatement> statements = pg("CREATE TABLE a (id int);\n\n-- note\nINSERT INTO a VALUES (1);\n  SELECT 1");
        assertThat(statements).containsExactly(new SqlStatement(1, "CREATE TABLE a (id int)"),
                new SqlStatement(4, "INSERT INTO a VALUES (1)"), new SqlStatement(5, "SELECT 1"));
    }

    @Test
    void emptyStatementsAndCommentOnlyFilesAreDropped() {
        assertThat(pg(";;\n-- only a comment\n/* and a block */\n")).isEmpty();
        assertThat(pg("")).isEmpty();
        assertThat(maria("# hash comment\n;\n")).isEmpty();
    }

    @Test
    void semicolonsInStringsAndIdentifiersDoNotSplit() {
        assertThat(texts(pg("INSERT INTO \"we;ird\" VALUES ('a;b', 'it''s;');SELECT 2;")))
                .containsExactly("INSERT INTO \"we;ird\" VALUES ('a;b', 'it''s;')", "SELECT 2");
        assertThat(texts(pg("SELECT \"a\"\"b;\" FROM t;"))).containsExactly("SELECT \"a\"\"b;\" FROM t");
    }

    @Test
    void postgresBackslashIsPlainInStandardStringsButEscapesInEStrings() {
        // standard_conforming_strings: 'C:\' is a complete string
        assertThat(texts(pg("SELECT 'C:\\';SELECT 2;"))).containsExactly("SELECT 'C:\\'", "SELECT 2");
        assertThat(texts(pg("SELECT E'it\\'s; fine';SELECT e'\\\\';SELECT 3;")))
                .containsExactly("SELECT E'it\\'s; fine'", "SELECT e'\\\\'", "SELECT 3");
    }

    @Test
    void dollarQuotedBodiesKeepTheirSemicolons() {
        String sql = """
                CREATE FUNCTION f() RETURNS int AS $$
                BEGIN
                  RETURN 1;
                END;
                $$ LANGUAGE plpgsql;
                CREATE FUNCTION g() RETURNS text AS $body$
                  SELECT 'x;' || $$inner;$$;
                $body$ LANGUAGE sql;
                SELECT 3;
                """;
        List<SqlStatement> statements = pg(sql);
        assertThat(statements).hasSize(3);
        assertThat(statements.get(0).text()).startsWith("CREATE FUNCTION f()").endsWith("LANGUAGE plpgsql");
        assertThat(statements.get(1).line()).isEqualTo(6);
        assertThat(statements.get(1).text()).contains("$$inner;$$").endsWith("LANGUAGE sql");
        assertThat(statements.get(2)).isEqualTo(new SqlStatement(9, "SELECT 3"));
    }

    @Test
    void dollarSignsThatAreNotQuotes() {
        // positional parameters and identifiers containing $ are not dollar quotes
        assertThat(texts(pg("PREPARE p AS SELECT $1;SELECT a$b$ FROM t;SELECT 4;")))
                .containsExactly("PREPARE p AS SELECT $1", "SELECT a$b$ FROM t", "SELECT 4");
    }

    @Test
    void nestedBlockCommentsInPostgres() {
        List<SqlStatement> statements = pg("/* outer /* inner; */ still comment; */\nSELECT 1; /* x; */ SELECT 2;");
        assertThat(statements).containsExactly(new SqlStatement(2, "SELECT 1"), new SqlStatement(2, "SELECT 2"));
    }

    @Test
    void lineCommentsHideSemicolonsAndQuotes() {
        assertThat(texts(pg("SELECT 1 -- it's; here\n, 2;\nSELECT 3;")))
                .containsExactly("SELECT 1 -- it's; here\n, 2", "SELECT 3");
    }

    @Test
    void beginAtomicBodiesAreOneStatement() {
        String sql = """
                CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN a IS NULL THEN 0 ELSE a END + b;
                  SELECT 1;
                END;
                SELECT 2;
                """;
        List<SqlStatement> statements = pg(sql);
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).text()).endsWith("END");
        assertThat(statements.get(1)).isEqualTo(new SqlStatement(6, "SELECT 2"));
    }

    @Test
    void semicolonsInsideParenthesesBelongToTheStatement() {
        assertThat(texts(pg("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));SELECT 1;")))
                .containsExactly("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))",
                        "SELECT 1");
    }

    @Test
    void multiLineStringsCountLines() {
        List<SqlStatement> statements = pg("INSERT INTO t VALUES ('line1\nline2\nline3');\nSELECT 1;");
        assertThat(statements.get(1).line()).isEqualTo(4);
    }

    @Test
    void mariaDbBackslashEscapesInBothQuoteKinds() {
        assertThat(texts(maria("INSERT INTO t VALUES ('it\\'s; ok', \"say \\\"hi;\\\"\");SELECT 2;")))
                .containsExactly("INSERT INTO t VALUES ('it\\'s; ok', \"say \\\"hi;\\\"\")", "SELECT 2");
        assertThat(texts(maria("SELECT 'a''b;';SELECT '\\\\';SELECT 3;")))
                .containsExactly("SELECT 'a''b;'", "SELECT '\\\\'", "SELECT 3");
    }

    @Test
    void mariaDbBacktickIdentifiers() {
        assertThat(texts(maria("CREATE TABLE `we;ird``x` (id int);SELECT 1;")))
                .containsExactly("CREATE TABLE `we;ird``x` (id int)", "SELECT 1");
    }

    @Test
    void mariaDbCommentsHashAndDoubleDashNeedingASpace() {
        assertThat(texts(maria("SELECT 1 # c; x\n;SELECT 5--3;\nSELECT 2 -- c;\n;")))
                .containsExactly("SELECT 1 # c; x", "SELECT 5--3", "SELECT 2 -- c;");
    }

    @Test
    void mariaDbBlockCommentsDoNotNest() {
        assertThat(texts(maria("/* a /* b */ SELECT 1;"))).containsExactly("SELECT 1");
    }

    @Test
    void mariaDbExecutableCommentsAreSent() {
        assertThat(texts(maria("/*!40101 SET NAMES utf8 */;SELECT 1;")))
                .containsExactly("/*!40101 SET NAMES utf8 */", "SELECT 1");
    }

    @Test
    void mariaDbDelimiterBlocks() {
        String sql = """
                CREATE TABLE t (id INT);
                DELIMITER $$
                CREATE PROCEDURE p()
                BEGIN
                  INSERT INTO t VALUES (1);
                  SELECT ';' ;
                END$$
                CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW
                BEGIN
                  SET NEW.id = NEW.id + 1;
                END $$
                delimiter ;
                INSERT INTO t VALUES (2);
                DELIMITER //
                SELECT 1 //
                DELIMITER ;
                """;
        List<SqlStatement> statements = maria(sql);
        assertThat(texts(statements)).hasSize(5);
        assertThat(statements.get(0)).isEqualTo(new SqlStatement(1, "CREATE TABLE t (id INT)"));
        assertThat(statements.get(1).line()).isEqualTo(3);
        assertThat(statements.get(1).text()).startsWith("CREATE PROCEDURE p()").endsWith("END")
                .contains("INSERT INTO t VALUES (1);");
        assertThat(statements.get(2).line()).isEqualTo(8);
        assertThat(statements.get(2).text()).endsWith("END");
        assertThat(statements.get(3)).isEqualTo(new SqlStatement(13, "INSERT INTO t VALUES (2)"));
        assertThat(statements.get(4)).isEqualTo(new SqlStatement(15, "SELECT 1"));
    }

    @Test
    void delimiterIsOnlyAClientCommandInMariaDb() {
        assertThat(texts(pg("DELIMITER //\nSELECT 1;"))).containsExactly("DELIMITER //\nSELECT 1");
    }

    @Test
    void windowsLineEndingsAndByteOrderMark() {
        List<SqlStatement> statements = pg("\uFEFFSELECT 1;\r\nSELECT 2;\r\n");
        assertThat(statements).containsExactly(new SqlStatement(1, "SELECT 1"), new SqlStatement(2, "SELECT 2"));
    }

    @Test
    void lastStatementWithoutTerminator() {
        assertThat(texts(maria("SELECT 1;\nSELECT 2"))).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void unterminatedStringSwallowsTheRest() {
        assertThat(pg("SELECT 'oops;\nSELECT 2;")).hasSize(1);
    }
}
