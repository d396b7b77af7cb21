package org.foleyworks.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window opened headless (TestFX on Monocle) for one test: the project's own library, a new session in a
 * temporary folder, no audio device (the silent clock renders in real time), the user's settings in the temporary
 * folder, and the size a test class asks for ({@link #size}; null: the window's own).
 */
abstract class WindowFixture {
    @TempDir
    Path dir;
    FoleyworksApp app;
    final FxRobot robot = new FxRobot();

    /** The window's size for this class's tests, or null. */
    double[] size() {
        return null;
    }

    @BeforeEach
    void open() throws Exception {
        System.setProperty("foleyworks.settings", dir.resolve("settings.json").toString());
        FoleyworksApp.home = Path.of("").toAbsolutePath();
        FoleyworksApp.sessionArg = dir.resolve("session");
        FoleyworksApp.openDevice = false;
        FoleyworksApp.initialSize = size();
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupApplication(FoleyworksApp.class);
        app = FoleyworksApp.last;
        opened();
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** After the window opened, before the test (a class's own set-up). */
    void opened() {
    }

    @AfterEach
    void close() throws Exception {
        FoleyworksApp.initialSize = null;
        System.clearProperty("foleyworks.settings");
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    static void waitFor(String what, BooleanSupplier c) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> c.getAsBoolean());
        } catch (java.util.concurrent.TimeoutException e) {
            // said by the assertion
        }
        assertTrue(c.getAsBoolean(), what);
    }

    /**
     * Clicks the visible node a query finds, once there is one: a dialog that has just resized itself to fit new
     * content (a result line) is shown again a moment later.
     */
    static void clickWhenVisible(FxRobot robot, String query) throws Exception {
        waitFor(query + " shown", () -> robot.lookup(query).match(org.testfx.util.NodeQueryUtils.isVisible()).tryQuery().isPresent());
        robot.clickOn(robot.lookup(query).match(org.testfx.util.NodeQueryUtils.isVisible()).<javafx.scene.Node>query());
    }
}
