package io.cairn.dump;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.util.List;
import java.util.Objects;

/**
 * How a dump is loaded. A load refuses a target that already holds data unless {@code clean}
 * or {@code force} is given, and always verifies the dump's checksums before writing anything.
 *
 * @param tables  only these tables (PostgreSQL custom/directory, MariaDB), collections (MongoDB)
 *                or key patterns such as {@code user:*} (Redis); empty = everything
 * @param clean   drop what the dump is about to create first (PostgreSQL: dumped objects;
 *                MariaDB: dumped tables, which its dumps always do; MongoDB: dumped collections;
 *                Redis: FLUSHDB of the target database)
 * @param create  create the target database first if it does not exist (SQL databases)
 * @param jobs    parallel restore workers (PostgreSQL custom or directory dumps)
 * @param force   load into a non-empty target without dropping anything; conflicts (an existing
 *                table, a duplicate document id) still fail, except Redis keys, which are replaced
 * @param noOwner do not restore object ownership (PostgreSQL custom/directory), for targets
 *                that lack the source's roles
 */
public record LoadOptions(List<String> tables, boolean clean, boolean create, int jobs, boolean force,
        boolean noOwner) {

    public LoadOptions {
        tables = List.copyOf(Objects.requireNonNull(tables, "tables"));
        if (jobs < 1 || jobs > 64) {
            throw new CairnException(ErrorCode.USAGE, "jobs must be between 1 and 64, got " + jobs);
        }
        for (String table : tables) {
            if (table.isBlank()) {
                throw new CairnException(ErrorCode.USAGE, "an empty table name was given");
            }
        }
    }

    /** Everything, into an empty target that exists, one job. */
    public static LoadOptions defaults() {
        return new LoadOptions(List.of(), false, false, 1, false, false);
    }

    public LoadOptions withTables(String... values) {
        return new LoadOptions(List.of(values), clean, create, jobs, force, noOwner);
    }

    public LoadOptions withClean() {
        return new LoadOptions(tables, true, create, jobs, force, noOwner);
    }

    public LoadOptions withCreate() {
        return new LoadOptions(tables, clean, true, jobs, force, noOwner);
    }

    public LoadOptions withJobs(int value) {
        return new LoadOptions(tables, clean, create, value, force, noOwner);
    }

    public LoadOptions withForce() {
        return new LoadOptions(tables, clean, create, jobs, true, noOwner);
    }

    public LoadOptions withNoOwner() {
        return new LoadOptions(tables, clean, create, jobs, force, true);
    }
}
