package io.cairn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.cairn.Cairn;
import io.cairn.CairnBuilder;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.CairnConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The top-level {@code cairn} command; options declared here are inherited by every subcommand. */
@Command(name = "cairn",
        // INHERIT: every subcommand, to any depth, answers -h/--help (and -V/--version) and
        // prints its usage with exit 0, even when it has required options
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = CairnVersion.class,
        description = "Cairn: backups, point-in-time recovery, migrations and health for your databases.",
        subcommands = {
            StatusCommand.class,
            QuickstartCommand.class,
            io.cairn.cli.repo.RepoCommand.class,
            io.cairn.cli.repo.BackupCommand.class,
            io.cairn.cli.repo.SnapshotsCommand.class,
            io.cairn.cli.repo.RestoreCommand.class,
            io.cairn.cli.repo.CheckCommand.class,
            io.cairn.cli.repo.ForgetCommand.class,
            io.cairn.cli.repo.PruneCommand.class,
            io.cairn.cli.repo.KeyCommand.class,
            io.cairn.cli.pg.PgCommand.class,
            io.cairn.cli.dump.DumpCommand.class,
            io.cairn.cli.dump.DumpsCommand.class,
            io.cairn.cli.dump.LoadCommand.class,
            io.cairn.cli.migrate.MigrateCommand.class,
            io.cairn.cli.tx.TxCommand.class,
            io.cairn.cli.events.EventsCommand.class,
            io.cairn.cli.cache.CacheCommand.class,
            io.cairn.cli.agent.AgentCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (for status: every database is up)",
            "1:a database is degraded or down, or a check found problems",
            "2:wrong usage or invalid configuration",
            "3:a server could not be reached",
            "4:credentials were refused",
            "5:permission denied",
            "6:not found",
            "7:stored data failed verification",
            "8:wrong passphrase or key",
            "9:locked by another process",
            "10:storage failed (disk full, I/O error)",
            "11:a precondition does not hold",
            "12:the database reported an error",
            "13:a required program is missing",
            "70:internal error (a bug: please report it with --verbose output)",
            "130:interrupted"})
public final class CairnCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Print stack traces on errors and debug logs.")
    void setVerbose(boolean verbose) {
        this.verbose = verbose;
        Verbosity.apply(verbose);
    }

    private boolean verbose;

    @Option(names = {"-c", "--config"}, scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Configuration file (default: $CAIRN_CONFIG, else ./cairn.yaml).")
    Path config;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Whether --verbose was given: stack traces and library logs. */
    public boolean verbose() {
        return verbose;
    }

    /** The configuration file to use: --config, else $CAIRN_CONFIG, else ./cairn.yaml. */
    Path configFile() {
        if (config != null) {
            return config;
        }
        return Optional.ofNullable(System.getenv("CAIRN_CONFIG"))
                .filter(value -> !value.isBlank())
                .map(Path::of)
                .orElse(Path.of("cairn.yaml"));
    }

    /** The configuration if --config named one or the default file exists; repository commands work without. */
    public Optional<CairnConfig> optionalConfig() {
        Path file = configFile();
        if (config == null && !Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(CairnConfig.load(file));
    }

    /**
     * The facade over the configuration file, if there is one (repository commands work without);
     * commands add their --repo/--password-file through {@link RepositoryFlags} and open it.
     */
    public CairnBuilder cairn() {
        return optionalConfig().map(Cairn::configure).orElseGet(Cairn::withoutConfiguration)
                .passphrasePrompt(TerminalPrompt.INSTANCE);
    }

    /** Like {@link #cairn()} for commands that need the file; {@code why} says what for in the error. */
    public CairnBuilder cairnWithConfig(String why) {
        CairnConfig found = optionalConfig().orElseThrow(() -> new CairnException(ErrorCode.CONFIG,
                "no configuration file: ./cairn.yaml does not exist; " + why + " (pass --config FILE or set CAIRN_CONFIG)"));
        return Cairn.configure(found).passphrasePrompt(TerminalPrompt.INSTANCE);
    }

    /** The root command of the line being run, to reach the inherited options from any subcommand. */
    public static CairnCommand of(CommandSpec spec) {
        return (CairnCommand) spec.root().userObject();
    }

    static CairnException usage(String message) {
        return new CairnException(ErrorCode.USAGE, message);
    }
}
