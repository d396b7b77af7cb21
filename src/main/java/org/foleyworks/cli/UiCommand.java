package org.foleyworks.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.foleyworks.ui.FoleyworksApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ui", mixinStandardHelpOptions = true,
        description = {"Open the instrument window (also what ./foleyworks with no arguments does): instruments, pads,",
                "gesture pad, transport, picture, takes, meters, bounce. --session opens a session; without it a new",
                "one is made under sessions/ when you first record."})
final class UiCommand implements Callable<Integer> {
    @Option(names = "--session", paramLabel = "DIR") Path session;

    @Option(names = "--screenshot", paramLabel = "FILE.png", description = "play a few hits, save the window as a PNG and close (for docs/screenshots)")
    Path screenshot;

    @Override
    public Integer call() {
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null
                && !System.getProperty("os.name", "").toLowerCase().matches(".*(mac|win).*")
                && System.getProperty("glass.platform") == null) {
            System.err.println("foleyworks: no display to open the window on (DISPLAY is not set). On a machine without a"
                    + " screen, run it under Xvfb (xvfb-run ./foleyworks), or use the commands: ./foleyworks --help");
            return 3;
        }
        FoleyworksApp.launchWindow(Main.home(), session, screenshot);
        return 0;
    }
}
