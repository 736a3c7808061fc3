package io.cairn.dump.redis.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLSocketFactory;

/**
 * A plain RESP2 connection of its own (not the DataManager's shared Lettuce connection): the
 * replication handshake turns a connection into a replica link, and a load pipelines RESTORE
 * commands with raw byte payloads. TLS for {@code rediss://} URLs uses the JVM's trust store.
 */
final class RespConnection implements AutoCloseable {
    /** An error reply such as {@code -WRONGPASS …}. */
    static final class ErrorReply extends IOException {
        private static final long serialVersionUID = 1L;

        ErrorReply(String message) {
            super(message);
        }

        String code() {
            int space = getMessage().indexOf(' ');
            return space < 0 ? getMessage() : getMessage().substring(0, space);
        }
    }

    private final DatabaseConfig config;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespConnection(DatabaseConfig config, Socket socket) throws IOException {
        this.config = config;
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    /** Connects and authenticates; CONNECTION_FAILED or AUTHENTICATION_FAILED with the database id. */
    static RespConnection open(DatabaseConfig config, Duration readTimeout) {
        Socket socket = null;
        try {
            socket = "rediss".equals(config.url().scheme()) ? SSLSocketFactory.getDefault().createSocket() : new Socket();
            socket.connect(new InetSocketAddress(config.url().host(), config.url().port()),
                    (int) config.connectTimeout().toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            socket.setKeepAlive(true);
            RespConnection connection = new RespConnection(config, socket);
            connection.authenticate();
            return connection;
        } catch (IOException e) {
            closeQuietly(socket);
            throw failure(config, e, "connecting");
        } catch (RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    private void authenticate() throws IOException {
        if (config.password().isEmpty()) {
            return;
        }
        List<byte[]> args = new ArrayList<>();
        args.add(bytes("AUTH"));
        config.user().ifPresent(user -> args.add(bytes(user)));
        args.add(config.password().get().reveal().getBytes(StandardCharsets.UTF_8));
        send(args);
        flush();
        readReply();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Sends one command and reads its reply. */
    Object call(String... args) throws IOException {
        List<byte[]> encoded = new ArrayList<>();
        for (String arg : args) {
            encoded.add(bytes(arg));
        }
        send(encoded);
        flush();
        return readReply();
    }

    /** Buffers one command without flushing (for pipelines). */
    void send(List<byte[]> args) throws IOException {
        out.write(('*' + Integer.toString(args.size()) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] arg : args) {
            out.write(('$' + Integer.toString(arg.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(arg);
            out.write('\r');
            out.write('\n');
        }
    }

    void flush() throws IOException {
        out.flush();
    }

    /** A reply: String (simple), Long, byte[] (bulk, null when nil), List (array); errors are thrown. */
    Object readReply() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("the server closed the connection");
        }
        String line = readLine();
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new ErrorReply(line);
            case ':':
                return Long.parseLong(line);
            case '$':
                return bulk(Integer.parseInt(line));
            case '*':
                int count = Integer.parseInt(line);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(readReply());
                }
                return count < 0 ? null : items;
            default:
                throw new IOException("unexpected reply type '" + (char) type + "' from " + config.url().address());
        }
    }

    private byte[] bulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] data = in.readNBytes(length);
        if (data.length < length || in.read() != '\r' || in.read() != '\n') {
            throw new EOFException("the server closed the connection in a reply");
        }
        return data;
    }

    /** A line up to CRLF, without it. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (b == '\r') {
                in.read();
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    /** The raw input, for the RDB payload that follows a full resynchronisation. */
    InputStream input() {
        return in;
    }

    /** A Redis failure as a CairnException naming the database, never the password. */
    static CairnException failure(DatabaseConfig config, IOException e, String doing) {
        String prefix = "database '" + config.id() + "': " + doing + " failed: ";
        if (e instanceof ErrorReply reply) {
            String upper = reply.getMessage().toUpperCase(Locale.ROOT);
            if (upper.startsWith("WRONGPASS") || upper.startsWith("NOAUTH") || upper.contains("INVALID PASSWORD")
                    || upper.contains("AUTH <PASSWORD> CALLED WITHOUT")) {
                return new CairnException(ErrorCode.AUTHENTICATION_FAILED, prefix + "the server refused the password"
                        + (config.password().isEmpty() ? " (it needs one: set password: of '" + config.id() + "')"
                        : " (check password: of '" + config.id() + "' in the configuration)"), e);
            }
            if (upper.startsWith("NOPERM")) {
                return new CairnException(ErrorCode.PERMISSION_DENIED, prefix + reply.getMessage()
                        + " (the ACL user needs the commands Cairn runs: PSYNC/SYNC and INFO to dump; SELECT, RESTORE, "
                        + "DBSIZE, FLUSHDB and FUNCTION to load)", e);
            }
            return new CairnException(ErrorCode.DATABASE_ERROR, prefix + reply.getMessage(), e);
        }
        return new CairnException(ErrorCode.CONNECTION_FAILED, prefix + "cannot talk to " + config.url().address()
                + ": " + e.getMessage() + " (is the server running and is url: right?)", e);
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing is best effort
            }
        }
    }
}
