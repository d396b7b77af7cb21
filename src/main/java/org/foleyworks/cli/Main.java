package org.foleyworks.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

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
        int code = args.length == 0 ? execute("ui") : execute(args);
        awaitStderrFilter();
        System.exit(code);
    }

    /**
     * The same root without the subcommand list: picocli builds the model of every listed subcommand up front
     * (most of the start-up time of a short command), so a command line naming one command gets only that one.
     */
    @Command(name = "foleyworks", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Foleyworks: perform layered Foley and whooshes to picture, deliver editable stems.")
    static final class Root implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(System.out);
        }
    }

    /** Runs a command line and returns its exit code (tests call this directly). */
    public static int execute(String... args) {
        CommandLine cl = commandLine(args);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            ProgressBar.interrupt();
            cmd.getErr().println(Failure.describe(Failure.commandPath(cmd), ex));
            if (Failure.debug()) {
                ex.printStackTrace(cmd.getErr());
            }
            return 2;
        });
        return Failure.execute(cl, args);
    }

    /** The command line for these arguments: every subcommand, or only the one the arguments name. */
    static CommandLine commandLine(String... args) {
        Class<?> only = args.length > 0 ? subcommand(args[0]) : null;
        CommandLine cl;
        if (only != null) {
            cl = new CommandLine(new Root());
            cl.addSubcommand(new CommandLine(only));
        } else if (args.length > 0 && (args[0].equals("-V") || args[0].equals("--version"))) {
            cl = new CommandLine(new Root());
        } else {
            cl = new CommandLine(new Main());
        }
        addHelpOptions(cl);
        Map<String, CommandLine.IHelpSectionRenderer> sections = cl.getHelpSectionMap();
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Main::commandList);
        cl.setHelpSectionMap(sections);
        return cl;
    }

    /** The listed subcommand class named {@code name} (not "help", which needs them all), or null. */
    private static Class<?> subcommand(String name) {
        for (Class<?> c : Main.class.getAnnotation(Command.class).subcommands()) {
            Command a = c.getAnnotation(Command.class);
            if (a != null && !a.name().equals("help") && (a.name().equals(name) || List.of(a.aliases()).contains(name))) {
                return c;
            }
        }
        return null;
    }

    /** Every command and subcommand takes -h/--help, even one with required parameters. */
    private static void addHelpOptions(CommandLine cl) {
        CommandSpec s = cl.getCommandSpec();
        if (s.optionsMap().get("--help") == null && !(cl.getCommand() instanceof CommandLine.HelpCommand)) {
            boolean shortFree = s.optionsMap().get("-h") == null;
            OptionSpec.Builder b = shortFree ? OptionSpec.builder("-h", "--help") : OptionSpec.builder("--help");
            s.addOption(b.usageHelp(true).description("Show this help message and exit.").build());
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            addHelpOptions(sub);
        }
    }

    private static final Pattern SENTENCE_END = Pattern.compile("(?<!\\b(?:e\\.g|i\\.e|etc|vs))[.;](?=\\s+[A-Z(]|\\s*$)");

    /** The first sentence of a description given as several lines, whole (never cut at the end of a line). */
    static String firstSentence(String[] description) {
        String all = String.join(" ", description).replaceAll("\\s+", " ").trim();
        Matcher m = SENTENCE_END.matcher(all);
        return m.find() ? all.substring(0, m.start() + 1).replaceAll(";$", ".") : all;
    }

    /** The command list: each command with the first sentence of its description, wrapped, never cut. */
    private static String commandList(CommandLine.Help help) {
        Map<String, CommandLine.Help> subs = help.subcommands();
        if (subs.isEmpty()) {
            return "";
        }
        int nameWidth = 0;
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<String, CommandLine.Help> e : subs.entrySet()) {
            CommandSpec sub = e.getValue().commandSpec();
            if (sub.usageMessage().hidden()) {
                continue;
            }
            String[] header = sub.usageMessage().header();
            String text = firstSentence(header.length > 0 ? header : sub.usageMessage().description());
            rows.add(new String[] {e.getKey(), text});
            nameWidth = Math.max(nameWidth, e.getKey().length());
        }
        int width = help.commandSpec().usageMessage().width();
        nameWidth = Math.min(nameWidth, 24);
        CommandLine.Help.TextTable table = CommandLine.Help.TextTable.forColumns(help.colorScheme(),
                new CommandLine.Help.Column(nameWidth + 4, 2, CommandLine.Help.Column.Overflow.SPAN),
                new CommandLine.Help.Column(Math.max(20, width - nameWidth - 4), 1, CommandLine.Help.Column.Overflow.WRAP));
        for (String[] r : rows) {
            table.addRowValues(r[0], r[1]);
        }
        return table.toString();
    }

    /**
     * The launcher may pass standard error through a filter process that drops the JVM's one-line incubator
     * warning (it names its pid in {@code foleyworks.stderrFilter}). Close our end and let the filter finish, so
     * the last error line is out before the command's exit status is.
     */
    private static void awaitStderrFilter() {
        String pid = System.getProperty("foleyworks.stderrFilter");
        if (pid == null || !pid.matches("\\d+")) {
            return;
        }
        System.err.flush();
        System.err.close();
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(h -> {
            try {
                h.onExit().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the filter is held open by a child we started, or is gone: exit anyway
            }
        });
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
