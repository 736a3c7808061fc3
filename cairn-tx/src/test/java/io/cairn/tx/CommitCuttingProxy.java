package io.cairn.tx;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback TCP proxy in front of a test server that, once armed, cuts the one connection that
 * sends "COMMIT": either before the server sees it, or after the server ran it but before its answer
 * reaches the client. A fault a real server cannot produce on demand, so it is stubbed here.
 */
final class CommitCuttingProxy implements AutoCloseable {
    enum Cut { BEFORE_SERVER_SEES_COMMIT, AFTER_SERVER_RAN_COMMIT }

    private static final byte[] COMMIT = "COMMIT".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicReference<Cut> armed = new AtomicReference<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile int cuts;

    CommitCuttingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    void arm(Cut cut) {
        armed.set(cut);
    }

    int cuts() {
        return cuts;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(server);
                boolean[] answerToCut = {false};
                pump(client, server, true, answerToCut);
                pump(server, client, false, answerToCut);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean clientToServer, boolean[] answerToCut) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[65536];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (clientToServer && contains(buffer, n) && armed.get() != null) {
                        Cut cut = armed.getAndSet(null);
                        if (cut == Cut.BEFORE_SERVER_SEES_COMMIT) {
                            cut(from, to);
                            return;
                        }
                        synchronized (answerToCut) {
                            answerToCut[0] = true;
                        }
                    }
                    if (!clientToServer) {
                        synchronized (answerToCut) {
                            if (answerToCut[0]) {
                                cut(from, to);
                                return;
                            }
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // either side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void cut(Socket a, Socket b) {
        cuts++;
        closeQuietly(a);
        closeQuietly(b);
    }

    private static boolean contains(byte[] buffer, int length) {
        outer:
        for (int i = 0; i + COMMIT.length <= length; i++) {
            for (int j = 0; j < COMMIT.length; j++) {
                if (buffer[i + j] != COMMIT[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(CommitCuttingProxy::closeQuietly);
    }
}
