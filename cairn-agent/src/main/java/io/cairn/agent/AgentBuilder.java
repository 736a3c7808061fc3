package io.cairn.agent;

import io.cairn.agent.internal.AdminServer;
import io.cairn.core.CairnException;
import io.cairn.core.DataManager;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sleeper;
import io.cairn.core.config.CairnConfig;
import io.cairn.repository.Repository;
import io.cairn.repository.RepositoryConfig;
import io.cairn.repository.RepositoryOptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds and starts an {@link Agent}: {@code Agent.builder(config)...start()}. */
public final class AgentBuilder {
    private static final Logger log = LoggerFactory.getLogger(Agent.class);

    final CairnConfig cairnConfig;
    Clock clock = Clock.systemUTC();
    Sleeper sleeper = Sleeper.system();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final Map<String, JobRunner> runners = new java.util.LinkedHashMap<>();
    private boolean loop = true;
    private boolean serve = true;
    Duration shutdownGrace = Duration.ofMinutes(1);
    private Optional<Integer> port = Optional.empty();

    AgentBuilder(CairnConfig config) {
        this.cairnConfig = config;
        for (JobRunner runner : JobRunners.builtIn()) {
            runners.put(runner.name(), runner);
        }
    }

    public AgentBuilder clock(Clock value) {
        this.clock = value;
        return this;
    }

    /** How webhook retries wait. */
    public AgentBuilder sleeper(Sleeper value) {
        this.sleeper = value;
        return this;
    }

    public AgentBuilder meterRegistry(PrometheusMeterRegistry value) {
        this.registry = value;
        return this;
    }

    /** Adds (or replaces) a job kind, keyed by its {@link JobRunner#name()}. */
    public AgentBuilder runner(JobRunner runner) {
        runners.put(runner.name(), runner);
        return this;
    }

    /** Whether a background loop ticks every second (tests pass false and call {@link Agent#tick}). */
    public AgentBuilder loop(boolean value) {
        this.loop = value;
        return this;
    }

    /** Whether to start the HTTP server. */
    public AgentBuilder serve(boolean value) {
        this.serve = value;
        return this;
    }

    /** Overrides the configured listen port (0 = any free port; tests). */
    public AgentBuilder port(int value) {
        this.port = Optional.of(value);
        return this;
    }

    public AgentBuilder shutdownGrace(Duration value) {
        this.shutdownGrace = value;
        return this;
    }

    /** Validates, opens the repository and databases, replays the run history and starts. */
    public Agent start() {
        AgentConfig config = AgentConfig.from(cairnConfig);
        for (ScheduleConfig schedule : config.schedules()) {
            JobRunner runner = runners.get(schedule.run());
            if (runner == null) {
                throw new CairnException(ErrorCode.CONFIG, cairnConfig.source() + ": schedules: '" + schedule.name()
                        + "': unknown run: \"" + schedule.run() + "\" (known: " + String.join(", ", runners.keySet()) + ")");
            }
            runner.validate(schedule);
        }
        RepositoryConfig repositoryConfig = RepositoryConfig.from(cairnConfig).orElseThrow(() -> new CairnException(
                ErrorCode.CONFIG, cairnConfig.source() + ": the agent needs a repository: section (e.g. repository: "
                + "{ url: /backups/main, password: \"${CAIRN_PASSWORD}\" })"));
        var passphrase = repositoryConfig.passphrase().orElseThrow(() -> new CairnException(ErrorCode.CONFIG,
                cairnConfig.source() + ": repository: needs password: or password-file: for the agent"));
        DataManager dataManager = DataManager.builder(cairnConfig).meterRegistry(registry).clock(clock).open();
        Repository repository;
        try {
            repository = Repository.open(repositoryConfig.location().open(), passphrase,
                    RepositoryOptions.defaults().withClock(clock));
        } catch (RuntimeException e) {
            dataManager.close();
            throw e;
        }
        Agent agent = new Agent(this, config, repository, dataManager);
        try {
            if (serve) {
                agent.serve(AdminServer.start(agent, config, port.orElse(config.listenPort())));
            }
            if (loop) {
                agent.startLoop();
            }
        } catch (RuntimeException e) {
            agent.close();
            throw e;
        }
        log.info("agent started: {} schedule(s), repository {}", config.schedules().size(), repository.info().location());
        return agent;
    }
}
