package io.cairn.migrate.internal;

import java.util.List;

/**
 * How migrations run on one kind of database: parsing a file into steps, and sessions that
 * read and write the history and run steps. One implementation per database family
 * ({@code internal.sql}, {@code internal.redis}, {@code internal.mongo}).
 */
public interface Backend {

    /** The steps of a migration, exactly as they will be sent. */
    List<Step> steps(ResolvedMigration migration, boolean undo);

    /** Whether the migration runs in one transaction with its history row. */
    boolean transactional(ResolvedMigration migration);

    /**
     * A session; with {@code lock} it first waits (up to the lock timeout) for the database's
     * migration lock, held until close, so that one migrator at a time changes the database.
     */
    Session open(boolean lock);

    /** A connection-bound unit of work; close releases the lock and connection. */
    interface Session extends AutoCloseable {
        /** The history in rank order; empty when it does not exist yet. */
        List<HistoryEntry> history();

        /** Creates the history table/collection when missing (a no-op where nothing needs creating). */
        void createHistory();

        /**
         * Runs the steps and records the entry. On failure records a failed entry when changes
         * may remain (not when a transaction rolled everything back) and throws a CairnException
         * naming the file and line.
         */
        void run(Execution execution);

        void insert(HistoryEntry entry);

        void delete(HistoryEntry entry);

        /** Rewrites the checksum and description of the entry with the same rank. */
        void update(HistoryEntry entry);

        @Override
        void close();
    }
}
