package org.foleyworks.instrument;

import java.nio.file.Path;
import java.util.List;

/** An instrument that cannot be loaded. Lists every problem found, each with file, line:column and JSON pointer. */
public class InstrumentException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public InstrumentException(Path file, List<String> problems) {
        super(file + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
