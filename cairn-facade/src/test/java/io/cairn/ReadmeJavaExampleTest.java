package io.cairn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's "From Java" block compiles against the current API, as written: it is cut out of
 * the README (the block after {@code <!-- java-example -->}), put in a method with the public
 * packages imported, and compiled with this test's class path.
 */
class ReadmeJavaExampleTest {
    private static final String IMPORTS = """
            import io.cairn.*;
            import io.cairn.core.*;
            import io.cairn.backup.*;
            import io.cairn.backup.postgres.*;
            import io.cairn.dump.*;
            import io.cairn.migrate.*;
            import io.cairn.repository.*;
            import io.cairn.tx.*;
            import java.nio.file.Path;
            import java.time.Clock;
            import java.util.List;
            """;

    @TempDir
    Path output;

    @Test
    void theReadmeJavaExampleCompiles() throws IOException {
        String source = IMPORTS + "class ReadmeExample {\n    void example() {\n" + readmeBlock() + "\n    }\n}\n";
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///ReadmeExample.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        boolean compiled = compiler.getTask(diagnostics, null, null,
                List.of("-classpath", System.getProperty("java.class.path"), "-d", output.toString()), null,
                List.of(file)).call();
        assertThat(compiled).as("README example:%n%s%ndiagnostics:%n%s", source, diagnostics).isTrue();
    }

    private static String readmeBlock() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int marker = readme.indexOf("<!-- java-example -->");
        assertThat(marker).as("README.md has a <!-- java-example --> block").isPositive();
        int start = readme.indexOf("```java\n", marker) + "```java\n".length();
        int end = readme.indexOf("```", start);
        return readme.substring(start, end);
    }
}
