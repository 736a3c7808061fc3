package io.cairn.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists exactly the keys the code accepts, with the code's defaults. */
class ConfigurationDocTest {
    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    @Test
    void databaseKeyTableMatchesTheRecords() throws Exception {
        Map<String, String> documented = databaseTable(Files.readAllLines(DOC));

        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(DatabaseConfig.allKeys());
        assertThat(documented).containsExactlyInAnyOrderEntriesOf(DatabaseConfig.documentedDefaults());
    }

    @Test
    void topLevelKeysAreAllDocumented() throws Exception {
        String doc = Files.readString(DOC);

        for (String key : CairnConfig.TOP_LEVEL_KEYS) {
            assertThat(doc).contains("`" + key + "`");
        }
    }

    /** Rows of the table whose header is "| key | default | meaning |": key → default, backticks removed. */
    private static Map<String, String> databaseTable(List<String> lines) {
        Map<String, String> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : lines) {
            if (line.startsWith("| key | default | meaning |")) {
                inTable = true;
                continue;
            }
            if (inTable && !line.startsWith("|")) {
                break;
            }
            if (inTable && !line.startsWith("|---")) {
                String[] cells = line.split("\\|");
                rows.put(cells[1].trim().replace("`", ""), cells[2].trim().replace("`", ""));
            }
        }
        assertThat(rows).as("the key table in " + DOC).isNotEmpty();
        return rows;
    }
}
