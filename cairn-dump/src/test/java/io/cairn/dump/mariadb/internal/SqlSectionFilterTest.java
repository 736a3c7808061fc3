package io.cairn.dump.mariadb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqlSectionFilterTest {
    private static final String DUMP = """
            /*!40101 SET NAMES utf8mb4 */;
            --
            -- Table structure for table `a`
            --
            CREATE TABLE `a` (id int);
            --
            -- Dumping data for table `a`
            --
            INSERT INTO `a` VALUES (1),(2);
            --
            -- Table structure for table `b``x`
            --
            CREATE TABLE `b``x` (id int);
            --
            -- Dumping data for table `b``x`
            --
            INSERT INTO `b``x` VALUES (3);
            CREATE TRIGGER t AFTER INSERT ON `b``x` FOR EACH ROW SET @x = 1;
            --
            -- Dumping routines for database 'cairn'
            --
            CREATE PROCEDURE p() SELECT 1;
            /*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;
            -- Dump completed""";

    private static String filter(Set<String> tables, int chunk) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SqlSectionFilter filter = new SqlSectionFilter(out, tables)) {
            byte[] bytes = DUMP.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i += chunk) {
                filter.write(bytes, i, Math.min(chunk, bytes.length - i));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void keepsSettingsAndTheChosenTableWithItsTriggers() throws Exception {
        for (int chunk : new int[] {1, 7, 4096}) {
            String kept = filter(Set.of("b`x"), chunk);
            assertThat(kept).contains("SET NAMES", "CREATE TABLE `b``x`", "VALUES (3)", "CREATE TRIGGER t", "TIME_ZONE")
                    .doesNotContain("CREATE TABLE `a`", "VALUES (1)", "PROCEDURE");
        }
    }
}
