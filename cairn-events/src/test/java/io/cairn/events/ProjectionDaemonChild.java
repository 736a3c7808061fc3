package io.cairn.events;

import java.util.concurrent.CountDownLatch;

/**
 * A projection daemon in a child JVM for the crash tests: runs projection "crash_view" (a
 * {@link TestEvents.Recording}) on the database at EVENTS_URL / EVENTS_PASSWORD until killed, and
 * prints "STARTED <pid>".
 */
public final class ProjectionDaemonChild {
    private ProjectionDaemonChild() {
    }

    public static void main(String[] args) throws Exception {
        EventFixtures.Fresh fresh = new EventFixtures.Fresh(System.getenv("EVENTS_URL"), System.getenv("EVENTS_PASSWORD"));
        EventFixtures.Opened opened = EventFixtures.open(fresh, EventFixtures.SETTINGS.withBatchSize(7));
        opened.events().types().register(TestEvents.Noted.class, 1);
        opened.events().projection("main", "crash_view", new TestEvents.Recording()).start();
        System.out.println("STARTED " + ProcessHandle.current().pid());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
