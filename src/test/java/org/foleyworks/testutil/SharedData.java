package org.foleyworks.testutil;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared test data folder that sits beside the checkout ({@code ../shared/testdata}). */
public final class SharedData {
    private SharedData() {
    }

    public static Path root() {
        Path p = Path.of(System.getProperty("foleyworks.shared", "../shared/testdata")).toAbsolutePath().normalize();
        return p;
    }

    /** The folder, or skips the calling test with a message when the shared data is absent. */
    public static Path dir(String sub) {
        Path p = root().resolve(sub);
        assumeTrue(Files.isDirectory(p), "shared test data not found at " + p + "; skipping (clone ../shared beside the project)");
        return p;
    }

    public static Path file(String sub) {
        Path p = root().resolve(sub);
        assumeTrue(Files.isRegularFile(p), "shared test file not found at " + p + "; skipping");
        return p;
    }

    public static List<Path> list(String sub, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir(sub))) {
            return s.filter(f -> f.getFileName().toString().toLowerCase().endsWith(suffix)).sorted().toList();
        }
    }
}
