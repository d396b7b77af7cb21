package org.foleyworks.instrument;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Resolves an instrument's sample references (file names or globs such as {@code footsteps/wood/heel_*.wav})
 * against its library roots. A reference may not leave its root: absolute paths, {@code ..} segments and
 * symbolic links that point outside are refused.
 */
final class SamplePaths {
    private SamplePaths() {
    }

    /**
     * @param roots     library roots, tried in order (the first that has matches wins)
     * @param ownFolder the instrument file's own folder, tried after the roots
     * @return matching files in name order; empty when nothing matches
     * @throws IllegalArgumentException when the reference tries to escape
     */
    static List<Path> resolve(List<Path> roots, Path ownFolder, String ref) {
        if (ref.isBlank()) {
            throw new IllegalArgumentException("empty sample reference");
        }
        String norm = ref.replace('\\', '/');
        if (norm.startsWith("/") || norm.matches("^[A-Za-z]:.*") || norm.startsWith("~")) {
            throw new IllegalArgumentException("sample path \"" + ref + "\" is absolute; paths are relative to the library root");
        }
        for (String seg : norm.split("/")) {
            if (seg.equals("..")) {
                throw new IllegalArgumentException("sample path \"" + ref + "\" leaves the library root (\"..\")");
            }
        }
        List<Path> tried = new ArrayList<>(roots);
        if (ownFolder != null) {
            tried.add(ownFolder.toAbsolutePath().normalize());
        }
        for (Path root : tried) {
            List<Path> found = match(root, norm);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<Path> match(Path root, String norm) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            return List.of();
        }
        boolean glob = norm.contains("*") || norm.contains("?") || norm.contains("[") || norm.contains("{");
        List<Path> out = new ArrayList<>();
        if (!glob) {
            Path f = root.resolve(norm);
            if (Files.isRegularFile(f)) {
                out.add(checked(realRoot, f, norm));
            }
            return out;
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + norm);
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                if (m.matches(Path.of(rel))) {
                    out.add(checked(realRoot, f, norm));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }

    private static Path checked(Path realRoot, Path f, String ref) {
        try {
            Path real = f.toRealPath();
            if (!real.startsWith(realRoot)) {
                throw new IllegalArgumentException("sample path \"" + ref + "\" resolves outside the library root (" + real + ")");
            }
            return real;
        } catch (IOException e) {
            throw new IllegalArgumentException("sample path \"" + ref + "\": " + e.getMessage());
        }
    }
}
