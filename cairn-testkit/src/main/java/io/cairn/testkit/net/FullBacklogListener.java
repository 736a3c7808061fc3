package io.cairn.testkit.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback listener with a backlog of one that never accepts, its queue filled by connects of
 * its own: the kernel then drops further SYNs, so a client's TCP connect hangs as it would for a
 * blackholed address (only the driver's connect timeout ends it). Unlike {@link SilentListener},
 * not even the TCP handshake completes.
 */
public final class FullBacklogListener implements AutoCloseable {
    private final ServerSocket socket;
    private final List<SocketChannel> fillers = new ArrayList<>();

    public FullBacklogListener() {
        try {
            socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
            InetSocketAddress address = new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
            // Linux queues backlog + 1 completed handshakes; a few more make sure the queue is full
            for (int i = 0; i < 4; i++) {
                SocketChannel filler = SocketChannel.open();
                filler.configureBlocking(false);
                filler.connect(address);
                fillers.add(filler);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        try {
            for (SocketChannel filler : fillers) {
                filler.close();
            }
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
