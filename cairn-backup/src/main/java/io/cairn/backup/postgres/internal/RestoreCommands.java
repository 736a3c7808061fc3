package io.cairn.backup.postgres.internal;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Builds the default restore_command: copy the requested file from the spool the restore
 * filled; when a passphrase file is known and the repository is a local directory, fall back to
 * {@code WalFetchMain} in a JVM with this process's classpath, which reads the repository. The
 * command exits 1 when neither has the file, which PostgreSQL reads as "not in the archive".
 */
public final class RestoreCommands {
    public static final String FETCH_MAIN = "io.cairn.backup.postgres.WalFetchMain";

    private RestoreCommands() {
    }

    public static String defaultCommand(String db, Path spool, String repositoryLocation, Optional<Path> passwordFile) {
        String spoolFile = quote(spool + "/") + "%f";
        String command = "test -f " + spoolFile + " && cp " + spoolFile + " %p";
        if (passwordFile.isPresent() && repositoryLocation.startsWith("/")) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            command += " || " + quote(java) + " -cp " + quote(System.getProperty("java.class.path")) + " " + FETCH_MAIN
                    + " --repo " + quote(repositoryLocation) + " --password-file " + quote(passwordFile.get().toString())
                    + " --db " + quote(db) + " %f %p";
        }
        return command;
    }

    /** Single-quotes for /bin/sh. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
