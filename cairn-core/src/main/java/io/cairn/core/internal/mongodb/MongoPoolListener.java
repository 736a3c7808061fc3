package io.cairn.core.internal.mongodb;

import com.mongodb.event.ConnectionCheckOutFailedEvent;
import com.mongodb.event.ConnectionCheckOutStartedEvent;
import com.mongodb.event.ConnectionCheckedInEvent;
import com.mongodb.event.ConnectionCheckedOutEvent;
import com.mongodb.event.ConnectionClosedEvent;
import com.mongodb.event.ConnectionCreatedEvent;
import com.mongodb.event.ConnectionPoolListener;
import io.cairn.core.PoolUsage;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the MongoDB driver's pool events, since the driver exposes no live pool statistics. */
final class MongoPoolListener implements ConnectionPoolListener {
    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger checkedOut = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();

    MongoPoolListener(int max) {
        this.max = max;
    }

    @Override
    public void connectionCreated(ConnectionCreatedEvent event) {
        open.incrementAndGet();
    }

    @Override
    public void connectionClosed(ConnectionClosedEvent event) {
        open.decrementAndGet();
    }

    @Override
    public void connectionCheckOutStarted(ConnectionCheckOutStartedEvent event) {
        waiting.incrementAndGet();
    }

    @Override
    public void connectionCheckedOut(ConnectionCheckedOutEvent event) {
        waiting.decrementAndGet();
        checkedOut.incrementAndGet();
    }

    @Override
    public void connectionCheckOutFailed(ConnectionCheckOutFailedEvent event) {
        waiting.decrementAndGet();
    }

    @Override
    public void connectionCheckedIn(ConnectionCheckedInEvent event) {
        checkedOut.decrementAndGet();
    }

    PoolUsage usage() {
        int active = Math.max(0, checkedOut.get());
        int idle = Math.max(0, open.get() - active);
        return new PoolUsage(active, idle, Math.max(0, waiting.get()), max);
    }
}
