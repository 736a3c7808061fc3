package io.cairn.agent;

import io.cairn.agent.internal.CheckRunner;
import io.cairn.agent.internal.DumpRunner;
import io.cairn.agent.internal.FilesBackupRunner;
import io.cairn.agent.internal.ForgetRunner;
import io.cairn.agent.internal.PgBackupRunner;
import io.cairn.agent.internal.PgVerifyRunner;
import io.cairn.agent.internal.StatusRunner;
import java.util.List;

/**
 * The job kinds every agent knows: {@code backup files}, {@code check}, {@code forget}, {@code status},
 * {@code pg backup}, {@code pg verify}, {@code dump}.
 */
public final class JobRunners {
    private JobRunners() {
    }

    public static List<JobRunner> builtIn() {
        return List.of(new FilesBackupRunner(), new CheckRunner(), new ForgetRunner(), new StatusRunner(), new PgBackupRunner(),
                new PgVerifyRunner(), new DumpRunner());
    }
}
