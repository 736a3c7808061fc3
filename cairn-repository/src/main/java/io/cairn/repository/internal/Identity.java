package io.cairn.repository.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who is running: host name, user name and process id, recorded in snapshots, keys and locks. */
public record Identity(String host, String user, long pid) {

    public static Identity current() {
        return new Identity(hostName(), System.getProperty("user.name", "unknown"), ProcessHandle.current().pid());
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : "localhost";
        }
    }
}
