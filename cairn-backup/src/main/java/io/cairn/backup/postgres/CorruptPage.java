package io.cairn.backup.postgres;

/**
 * A data page whose checksum did not match while it was backed up.
 *
 * @param file     the file, relative to the data directory ({@code base/5/16384}) or tablespace
 *                 ({@code pg_tblspc/16390/PG_15_.../5/16391})
 * @param block    the block number within the relation (what PostgreSQL names in its own error)
 * @param computed the checksum computed from the page's content
 * @param stored   the checksum in the page header
 */
public record CorruptPage(String file, long block, int computed, int stored) {
}
