package io.cairn.backup.postgres.internal;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Builds the default restore_command: copy the requested file from the spool the restore
 * filled; when a passphrase file and a WAL fetch entry point ({@code PostgresBackupOptions.walFetchMain},
 * set by the facade) are known and the repository is a local directory (a restored server has no S3
 * credentials in its environment), fall back to that entry point in a JVM with this process's class
 * path, which reads the repository. The command exits 1 when neither has the file, which
 * PostgreSQL reads as "not in the archive".
 */
public final class RestoreCommands {
    private RestoreCommands() {
    }

    public static String defaultCommand(String db, Path spool, String repositoryLocation, Optional<Path> passwordFile,
            Optional<Class<?>> walFetchMain) {
        String spoolFile = quote(spool + "/") + "%f";
        String command = "test -f " + spoolFile + " && cp " + spoolFile + " %p";
        if (passwordFile.isPresent() && walFetchMain.isPresent() && repositoryLocation.startsWith("/")) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            command += " || " + quote(java) + " -cp " + quote(System.getProperty("java.class.path")) + " "
                    + walFetchMain.get().getName() + " --repo " + quote(repositoryLocation) + " --password-file "
                    + quote(passwordFile.get().toString()) + " --db " + quote(db) + " %f %p";
        }
        return command;
    }

    /** Single-quotes for /bin/sh. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
