package io.cairn.backup.postgres;

import java.util.Optional;

/**
 * What {@code cairn pg wal fetch} did: {@code found} false means the archive has no such file
 * (restore_command then exits 1, which PostgreSQL reads as "end of archive").
 *
 * @param source {@code spool} (staged by the restore) or {@code repository}
 */
public record WalFetchResult(String db, String file, boolean found, long bytes, Optional<String> source) {
}
