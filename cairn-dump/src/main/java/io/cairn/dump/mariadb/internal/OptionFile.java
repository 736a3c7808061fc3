package io.cairn.dump.mariadb.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import io.cairn.dump.internal.TemporaryDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The password for mariadb-dump and mariadb, in a {@code [client]} option file created with
 * mode 0600 inside a private 0700 directory and deleted when closed: the tools then never see
 * it on their command line (where {@code ps} shows it to every local user) nor in MYSQL_PWD,
 * which MySQL deprecates. The file is passed as {@code --defaults-extra-file}, which must be the
 * first argument.
 */
final class OptionFile implements AutoCloseable {
    private final TemporaryDirectory directory;
    private final Path file;

    private OptionFile(TemporaryDirectory directory, Path file) {
        this.directory = directory;
        this.file = file;
    }

    static OptionFile write(DatabaseConfig config, Path parent) {
        TemporaryDirectory directory = TemporaryDirectory.create(parent, "cairn-mariadb-");
        Path file = directory.path().resolve("client.cnf");
        StringBuilder content = new StringBuilder("[client]\n");
        config.password().ifPresent(secret -> content.append("password=\"").append(escape(secret.reveal())).append("\"\n"));
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            directory.close();
            throw new CairnException(ErrorCode.STORAGE, "database '" + config.id()
                    + "': cannot write the client option file in " + parent + ": " + e.getMessage(), e);
        }
        return new OptionFile(directory, file);
    }

    /** Backslash escapes that option files understand inside double quotes. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t");
    }

    /** {@code --defaults-extra-file=…}: must be the first argument of the tool. */
    String argument() {
        return "--defaults-extra-file=" + file;
    }

    @Override
    public void close() {
        directory.close();
    }
}
