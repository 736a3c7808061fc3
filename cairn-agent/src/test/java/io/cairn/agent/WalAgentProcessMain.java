package io.cairn.agent;

import io.cairn.core.config.CairnConfig;
import io.cairn.testkit.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A child-JVM agent for {@link KilledAgentWalTest}: runs the agent from a config file (loop and
 * API on), writes its API port to the marker file once WAL streaming is connected, and waits to
 * be killed with -9.
 */
public final class WalAgentProcessMain {
    private WalAgentProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        Agent agent = Agent.builder(CairnConfig.load(Path.of(args[0]))).start();
        // bounded below the parent's two minutes, so that the child's log says why it never connected
        Await.until(Duration.ofSeconds(110), "WAL streaming to connect", agent::walStreams,
                streams -> streams.stream().anyMatch(WalStreamReport::connected));
        Path marker = Path.of(args[1]);
        Files.writeString(marker.resolveSibling(marker.getFileName() + ".tmp"), String.valueOf(agent.address().orElseThrow().getPort()));
        Files.move(marker.resolveSibling(marker.getFileName() + ".tmp"), marker, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        new CountDownLatch(1).await();
    }
}
