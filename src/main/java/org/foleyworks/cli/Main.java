package org.foleyworks.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code foleyworks} command line. Each subcommand is an adapter around the core packages. */
@Command(name = "foleyworks", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Foleyworks: perform layered Foley and whooshes to picture, deliver editable stems.",
        subcommands = {DemoCommand.class, RenderCommand.class, InstrumentsCommand.class, ValidateCommand.class, ImportCommand.class,
                BenchCommand.class, InfoCommand.class, SpectrogramCommand.class, GenerateSamplesCommand.class,
                SoundPicturesCommand.class, MeasureSoundsCommand.class, DevicesCommand.class, LatencyCommand.class, LiveCommand.class, MidiCommand.class, MarkersCommand.class, SessionCommand.class, LoudnessCommand.class, BounceCommand.class, VariationsCommand.class, UiCommand.class, SliceCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.exit(execute("ui"));
        }
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (tests call this directly). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("foleyworks " + cmd.getCommandName() + ": " + message(ex));
            if (Boolean.getBoolean("foleyworks.debug")) {
                ex.printStackTrace(cmd.getErr());
            }
            return 2;
        });
        return cl.execute(args);
    }

    private static String message(Throwable ex) {
        String m = ex.getMessage();
        return m == null ? ex.toString() : m;
    }

    /** The folder the program ships in (instruments/, samples/); set by the launcher, else the working folder. */
    public static Path home() {
        String h = System.getProperty("foleyworks.home");
        Path p = h == null ? Path.of("").toAbsolutePath() : Path.of(h);
        return Files.isDirectory(p) ? p : Path.of("").toAbsolutePath();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"foleyworks " + version()};
        }
    }

    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
