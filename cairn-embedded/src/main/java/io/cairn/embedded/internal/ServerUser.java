package io.cairn.embedded.internal;

import io.cairn.embedded.EmbeddedServerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The operating-system user that server processes run as. PostgreSQL (and, by default, MariaDB)
 * refuse to run as root, so when this JVM is root every server command is wrapped in
 * {@code setpriv} (util-linux) or {@code runuser} to drop to {@code nobody}, and the server's
 * directories are handed to that user. When the JVM is not root, servers run as the current user.
 */
public final class ServerUser {
    private static final String UNPRIVILEGED_USER = "nobody";
    private static final ServerUser CURRENT = detect();

    private final Optional<String> user;
    private final Optional<String> group;

    private ServerUser(Optional<String> user, Optional<String> group) {
        this.user = user;
        this.group = group;
    }

    /** The user for this JVM, detected once. */
    public static ServerUser current() {
        return CURRENT;
    }

    private static ServerUser detect() {
        if (!isRoot()) {
            return new ServerUser(Optional.empty(), Optional.empty());
        }
        // Debian names the unprivileged group "nogroup"; other distributions use "nobody".
        String group = groupExists("nogroup") ? "nogroup" : UNPRIVILEGED_USER;
        return new ServerUser(Optional.of(UNPRIVILEGED_USER), Optional.of(group));
    }

    private static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static boolean groupExists(String name) {
        try {
            Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(name);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when server commands run as another user than this JVM. */
    public boolean dropsPrivileges() {
        return user.isPresent();
    }

    /** The name servers run as: the unprivileged user, or the current user. */
    public String name() {
        return user.orElse(System.getProperty("user.name"));
    }

    /** The command, wrapped so that it runs as the server user. */
    public List<String> wrap(List<String> command) {
        if (user.isEmpty()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>();
        Optional<Path> setpriv = Executables.find("setpriv", List.of(Path.of("/usr/bin"), Path.of("/bin")));
        if (setpriv.isPresent()) {
            wrapped.addAll(List.of(setpriv.get().toString(), "--reuid=" + user.get(), "--regid=" + group.get(),
                    "--clear-groups", "--"));
        } else {
            Path runuser = Executables.find("runuser", List.of(Path.of("/usr/sbin"), Path.of("/sbin")))
                    .orElseThrow(() -> new EmbeddedServerException("cannot run servers as user '" + user.get()
                            + "': neither setpriv nor runuser found; install util-linux or run the JVM as a non-root user"));
            wrapped.addAll(List.of(runuser.toString(), "-u", user.get(), "--"));
        }
        wrapped.addAll(command);
        return wrapped;
    }

    /** Hands {@code path} and everything below it to the server user (no-op when not root). */
    public void own(Path path) {
        if (user.isEmpty()) {
            return;
        }
        try {
            UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal owner = lookup.lookupPrincipalByName(user.get());
            GroupPrincipal ownerGroup = lookup.lookupPrincipalByGroupName(group.get());
            try (Stream<Path> tree = Files.walk(path)) {
                for (Path each : (Iterable<Path>) tree::iterator) {
                    PosixFileAttributeView view = Files.getFileAttributeView(each, PosixFileAttributeView.class,
                            LinkOption.NOFOLLOW_LINKS);
                    view.setOwner(owner);
                    view.setGroup(ownerGroup);
                }
            }
        } catch (UserPrincipalNotFoundException e) {
            throw new EmbeddedServerException("user '" + user.get() + "' or group '" + group.get()
                    + "' does not exist: create it or run the JVM as a non-root user", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + path + " to user " + user.get(), e);
        }
    }
}
