package org.foleyworks.instrument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A folder of instruments as the window, {@code live} and {@code instruments} see it: every native JSON, SFZ
 * and Decent Sampler file in it, loaded one by one. An instrument that cannot be loaded, for whatever reason, is
 * skipped and listed with its error; it never stops the others from loading.
 */
public final class InstrumentLibrary {
    /** An instrument file that could not be loaded, and why. */
    public record Skipped(Path file, String error) {
        @Override
        public String toString() {
            return file.getFileName() + ": " + error;
        }
    }

    /** What loading a folder gave. */
    public record Loaded(List<Instrument> instruments, List<Skipped> skipped) {
    }

    private InstrumentLibrary() {
    }

    /** True for the files an instrument folder may hold: {@code .json}, {@code .sfz}, {@code .dspreset}. */
    public static boolean isInstrumentFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !n.startsWith(".") && (n.endsWith(".json") || n.endsWith(".sfz") || n.endsWith(".dspreset"));
    }

    /** The instrument files directly in {@code dir}, sorted by name. */
    public static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && isInstrumentFile(p)).sorted().toList();
        }
    }

    /** Loads every file; failures (of any kind) are skipped with their error. */
    public static Loaded load(InstrumentLoader loader, List<Path> files) {
        List<Instrument> ok = new ArrayList<>();
        List<Skipped> bad = new ArrayList<>();
        for (Path f : files) {
            try {
                ok.add(loader.load(f));
            } catch (InstrumentException e) {
                bad.add(new Skipped(f, String.join("; ", e.problems())));
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                // a bug or a file too big for this heap: this instrument is out, the library goes on
                bad.add(new Skipped(f, "could not be loaded (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); please report it with the file"));
            }
        }
        return new Loaded(List.copyOf(ok), List.copyOf(bad));
    }
}
