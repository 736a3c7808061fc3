package io.cairn.agent;

import io.cairn.Cairn;
import io.cairn.agent.internal.AdminServer;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.Sleeper;
import io.cairn.core.config.CairnConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and starts an {@link Agent}: {@code Agent.builder(cairn)...start()} over a {@link Cairn} the
 * caller owns, or {@code Agent.builder(config)...start()}, which opens (and on close closes) its own
 * Cairn with this builder's clock, sleeper and meter registry. Either way every job, the WAL
 * streamers and the health checks run on that one Cairn's clock.
 */
public final class AgentBuilder {
    private static final Logger log = LoggerFactory.getLogger(Agent.class);

    final CairnConfig cairnConfig;
    private final Optional<Cairn> givenCairn;
    Clock clock = Clock.systemUTC();
    Sleeper sleeper = Sleeper.system();
    PrometheusMeterRegistry registry;
    final Map<String, JobRunner> runners = new java.util.LinkedHashMap<>();
    private boolean loop = true;
    private boolean serve = true;
    Duration shutdownGrace = Duration.ofMinutes(1);
    private Optional<Integer> port = Optional.empty();

    AgentBuilder(CairnConfig config) {
        this(config, Optional.empty());
    }

    AgentBuilder(Cairn cairn) {
        this(cairn.config(), Optional.of(cairn));
        this.clock = cairn.clock();
        this.sleeper = cairn.sleeper();
        if (cairn.meterRegistry() instanceof PrometheusMeterRegistry prometheus) {
            this.registry = prometheus;
        }
    }

    private AgentBuilder(CairnConfig config, Optional<Cairn> cairn) {
        this.cairnConfig = config;
        this.givenCairn = cairn;
        for (JobRunner runner : JobRunners.builtIn()) {
            runners.put(runner.name(), runner);
        }
    }

    /** The clock of the agent and of the Cairn it opens; over a given Cairn, set the clock on the Cairn instead. */
    public AgentBuilder clock(Clock value) {
        requireOwnCairn("clock");
        this.clock = value;
        return this;
    }

    /** How retries (webhooks, database connections) wait. */
    public AgentBuilder sleeper(Sleeper value) {
        requireOwnCairn("sleeper");
        this.sleeper = value;
        return this;
    }

    public AgentBuilder meterRegistry(PrometheusMeterRegistry value) {
        requireOwnCairn("meterRegistry");
        this.registry = value;
        return this;
    }

    private void requireOwnCairn(String setting) {
        if (givenCairn.isPresent()) {
            throw new IllegalStateException("the agent runs on the given Cairn: set its " + setting
                    + " with Cairn.configure(...)." + setting + "(...)");
        }
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

    /** Validates, opens the repository (the daemon fails at start, not at its first job), replays the run history and starts. */
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
        if (registry == null) {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        }
        Cairn cairn = givenCairn.orElseGet(() -> Cairn.configure(cairnConfig).clock(clock).sleeper(sleeper)
                .meterRegistry(registry).open());
        Agent agent;
        try {
            cairn.repository();
            agent = new Agent(this, config, cairn, givenCairn.isEmpty());
        } catch (RuntimeException e) {
            if (givenCairn.isEmpty()) {
                cairn.close();
            }
            throw e;
        }
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
        log.info("agent started: {} schedule(s), repository {}", config.schedules().size(), cairn.repositoryLocation());
        return agent;
    }
}
