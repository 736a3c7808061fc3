package io.cairn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/** Version text for {@code cairn --version}, from the properties Maven filters at build time. */
public final class CairnVersion implements IVersionProvider {

    /** Cairn's version, e.g. "0.1.0-SNAPSHOT". */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = CairnVersion.class.getResourceAsStream("/io/cairn/cli/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "cairn " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        };
    }
}
