package io.cairn.embedded;

import io.cairn.embedded.internal.FreePorts;
import io.cairn.embedded.internal.ServerDirectories;
import io.cairn.embedded.internal.ServerLog;
import io.cairn.embedded.internal.ServerProcess;
import io.cairn.embedded.internal.StartFailure;
import io.cairn.embedded.internal.StartRetry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lifecycle all embedded servers share: one server directory (temporary unless given, deleted
 * on close unless kept), one log, one supervised process, a port picked once and then kept, and a
 * start that moves to another free port when the picked one was taken in the meantime. A server
 * class adds only what is specific to it: how it prepares its directory, its command line and
 * environment, and any setup once it is ready.
 *
 * <p>Package-private so it is no part of the API: the public server classes inherit its public
 * methods (javac adds public bridges to them), and their callers only ever see those classes.
 */
abstract class ManagedServer implements EmbeddedServer {

    /**
     * What differs between servers in how they are supervised.
     *
     * @param name names the server in error messages and the process name, e.g. "MariaDB"
     * @param directoryPrefix prefix of the temporary directory made when none was configured
     * @param logFileName the file in the server directory that takes the server's output
     * @param readyLine the text the server logs once it accepts connections
     * @param stopSignal the graceful stop signal (PostgreSQL wants INT: TERM waits for clients)
     * @param asServerUser false for servers that accept running as this JVM's user (Java servers)
     */
    record Kind(String name, String directoryPrefix, String logFileName, String readyLine, String stopSignal,
            boolean asServerUser) {
    }

    private final Kind kind;
    private final Path directory;
    private final boolean keepDirectory;
    private final boolean portFixed;
    /** Copied, not read from the options later: a builder reused after build() must not change this server. */
    private final Duration startTimeout;
    private final ServerLog log;
    private final ServerProcess process;
    private volatile int port;
    /** After the first start the port is kept, so clients configured with it keep working after a restart. */
    private volatile boolean startedOnce;

    ManagedServer(Kind kind, ServerOptions options) {
        this.kind = kind;
        this.startTimeout = options.startTimeout();
        this.directory = options.directory().orElseGet(() -> ServerDirectories.createTemporary(kind.directoryPrefix()));
        this.keepDirectory = options.keepDirectory();
        this.portFixed = options.port().isPresent();
        this.port = options.port().orElseGet(FreePorts::pick);
        this.log = new ServerLog(directory.resolve(kind.logFileName()));
        this.process = new ServerProcess(kind.name() + " (" + directory + ")", log, directory, kind.stopSignal(),
                options.stopTimeout(), kind.asServerUser());
    }

    /** Makes the directory ready for a start (create, initialise, hand to the server user); runs before every start. */
    abstract void prepare();

    /** The command line that runs the server in the foreground on {@code candidatePort}. */
    abstract List<String> command(int candidatePort);

    abstract Map<String, String> environment();

    /** Setup that needs the running server (e.g. creating users); runs after every successful start. */
    void afterStart() {
    }

    /** True for a failed start that will succeed if tried again soon (e.g. leftovers of a killed server). */
    boolean isTransient(StartFailure failure) {
        return false;
    }

    /** How errors name the server; PostgreSQL adds its version, known only once its binaries are checked. */
    String startName() {
        return kind.name();
    }

    @Override
    public synchronized void start() {
        if (process.isAlive()) {
            return;
        }
        prepare();
        port = StartRetry.start(startName(), port, portFixed || startedOnce, startTimeout, log,
                this::isTransient, this::startOn);
        startedOnce = true;
        afterStart();
    }

    private void startOn(int candidatePort) {
        process.start(command(candidatePort), environment(), text -> text.contains(kind.readyLine()), candidatePort,
                startTimeout);
    }

    @Override
    public synchronized void stop() {
        process.stop();
    }

    @Override
    public synchronized void kill() {
        process.kill();
    }

    @Override
    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Path directory() {
        return directory;
    }

    /** The pid of the server's main process while it runs. */
    public Optional<Long> pid() {
        return process.pid();
    }

    @Override
    public String logTail(int lines) {
        return log.tail(lines);
    }

    /** For setup commands that should log to the same file as the server. */
    ServerLog log() {
        return log;
    }

    @Override
    public synchronized void close() {
        stop();
        if (!keepDirectory) {
            ServerDirectories.deleteRecursively(directory);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + host() + ":" + port + ", " + directory + "]";
    }
}
