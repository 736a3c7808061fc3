package io.cairn.dump.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresToolsTest {
    @TempDir
    Path directory;

    private Path fakeClient(String name, String version) throws Exception {
        Path bin = Files.createDirectories(directory.resolve(version + "/bin"));
        Path tool = bin.resolve(name);
        Files.writeString(tool, "#!/bin/sh\necho '" + name + " (PostgreSQL) " + version + " (Debian " + version + "-1)'\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @Test
    void picksTheNewestClientAtLeastAsNewAsTheServer() throws Exception {
        PostgresTools tools = new PostgresTools(List.of(fakeClient("pg_dump", "14.11"), fakeClient("pg_dump", "16.2")));
        assertThat(tools.require("pg_dump", 15, "database 'main' runs PostgreSQL 15.8").version()).isEqualTo("16.2");
    }

    @Test
    void tooOldOrMissingClientNamesThePackageToInstall() throws Exception {
        PostgresTools old = new PostgresTools(List.of(fakeClient("pg_dump", "14.11")));
        assertThatThrownBy(() -> old.require("pg_dump", 16, "database 'main' runs PostgreSQL 16.1"))
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_DEPENDENCY))
                .hasMessageContaining("the newest pg_dump found is 14.11").hasMessageContaining("postgresql-client-16");
        PostgresTools none = new PostgresTools(List.of(directory.resolve("nothing")));
        assertThatThrownBy(() -> none.require("pg_restore", 15, "loading a dump"))
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_DEPENDENCY))
                .hasMessageContaining("no pg_restore was found").hasMessageContaining("CAIRN_POSTGRES_BIN");
    }
}
