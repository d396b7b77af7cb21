package org.foleyworks.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 19: the window fills any size from a small laptop to a large screen. At 1366x768, 1920x1080 and 1024x640
 * every control lies inside the window and inside every pane around it (the split panes clip what sticks out),
 * no two controls overlap, no label or button shows its text cut short, and the picture, pads and timeline grow
 * with the window. Controls inside a scroll pane may lie outside its view (they scroll); they are still checked
 * against each other.
 */
class WindowLayoutTest extends WindowFixture {
    @Override
    double[] size() {
        return new double[] {1366, 768};
    }

    @Test
    void nothingOverlapsOrIsCutOffAtThreeSizes() throws Exception {
        double[] timelineWidth = new double[3], padWidth = new double[3];
        double[][] sizes = {{1366, 768}, {1920, 1080}, {1024, 640}};
        for (int k = 0; k < sizes.length; k++) {
            double w = sizes[k][0], h = sizes[k][1];
            robot.interact(() -> {
                app.stage.setWidth(w);
                app.stage.setHeight(h);
                app.setDividers();
            });
            WaitForAsyncUtils.waitForFxEvents();
            Thread.sleep(150); // a pulse or two for the layout
            WaitForAsyncUtils.waitForFxEvents();
            List<String> problems = new ArrayList<>();
            robot.interact(() -> problems.addAll(check(app.stage.getScene())));
            assertTrue(problems.isEmpty(), (int) w + "x" + (int) h + ":\n" + String.join("\n", problems));
            int kk = k;
            robot.interact(() -> {
                timelineWidth[kk] = app.timelineFill.getWidth();
                padWidth[kk] = app.pads[0].getWidth();
            });
            assertTrue(timelineWidth[k] > w * 0.9, "the timeline takes the window's width: " + timelineWidth[k] + " of " + w);
        }
        assertTrue(padWidth[1] > padWidth[0] && padWidth[0] > padWidth[2], "pads grow with the window: " + java.util.Arrays.toString(padWidth));
    }

    @Test
    void dialogsFitTheirContentAndFollowTheTheme() throws Exception {
        for (String theme : List.of("dark", "light")) {
            robot.interact(() -> app.applyTheme(theme));
            List<java.util.function.Supplier<javafx.scene.control.Dialog<?>>> open = List.of(app::help, app::settingsDialog,
                    app::bounceDialog, app::variationsDialog, app::saveInstrumentDialog);
            for (var o : open) {
                javafx.scene.control.Dialog<?>[] d = new javafx.scene.control.Dialog<?>[1];
                robot.interact(() -> d[0] = o.get());
                WaitForAsyncUtils.waitForFxEvents();
                Thread.sleep(100);
                WaitForAsyncUtils.waitForFxEvents();
                List<String> problems = new ArrayList<>();
                robot.interact(() -> problems.addAll(check(d[0].getDialogPane().getScene())));
                String title = d[0].getTitle();
                assertTrue(problems.isEmpty(), theme + " " + title + ":\n" + String.join("\n", problems));
                assertTrue(d[0].getDialogPane().getStylesheets().equals(app.stage.getScene().getStylesheets()),
                        title + " wears the window's theme");
                robot.interact(() -> {
                    d[0].setResult(null);
                    d[0].close();
                });
            }
        }
        assertTrue(Palette.now() == Palette.LIGHT, "the drawn parts follow the light theme");
        javafx.scene.image.WritableImage[] img = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> img[0] = app.trackMeters.snapshot(null, null));
        javafx.scene.paint.Color c = img[0].getPixelReader().getColor(2, (int) img[0].getHeight() - 2);
        assertTrue(c.getBrightness() > 0.8, "the meters are drawn light: " + c);
    }

    /** Every problem of the scene's layout, in words. */
    static List<String> check(Scene scene) {
        List<Node> nodes = new ArrayList<>();
        List<ScrollPane> scrolled = new ArrayList<>();
        collect(scene.getRoot(), null, nodes, scrolled);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            Bounds b = visible(n, scrolled.get(i));
            if (b == null) {
                continue; // scrolled out of view
            }
            if (scrolled.get(i) == null) {
                if (b.getMinX() < -1 || b.getMinY() < -1 || b.getMaxX() > scene.getWidth() + 1 || b.getMaxY() > scene.getHeight() + 1) {
                    out.add(name(n) + " lies outside the window: " + b);
                }
                for (Parent p = n.getParent(); p != null && !(p instanceof ScrollPane); p = p.getParent()) {
                    if (p.getClass().getName().contains("ScrollPane")) {
                        break; // the scroll pane's own viewport parts: scrolling shows the rest
                    }
                    Bounds pb = p.localToScene(p.getLayoutBounds());
                    if (b.getMinX() < pb.getMinX() - 1 || b.getMinY() < pb.getMinY() - 1 || b.getMaxX() > pb.getMaxX() + 1
                            || b.getMaxY() > pb.getMaxY() + 1) {
                        out.add(name(n) + " sticks out of " + name(p) + ": " + b + " in " + pb);
                        break;
                    }
                }
            }
            if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
                double need = l.isWrapText() ? l.prefHeight(l.getWidth()) : l.prefWidth(-1);
                double have = l.isWrapText() ? l.getHeight() : l.getWidth();
                if (have + 0.5 < need) {
                    out.add(name(n) + " shows its text cut short (" + have + " of " + need + ")");
                }
            }
            for (int j = i + 1; j < nodes.size(); j++) {
                Node m = nodes.get(j);
                Bounds c = visible(m, scrolled.get(j));
                if (c == null) {
                    continue;
                }
                double ox = Math.min(b.getMaxX(), c.getMaxX()) - Math.max(b.getMinX(), c.getMinX());
                double oy = Math.min(b.getMaxY(), c.getMaxY()) - Math.max(b.getMinY(), c.getMinY());
                if (ox > 1 && oy > 1 && !ancestor(n, m) && !ancestor(m, n) && !overlay(n, m)) {
                    out.add(name(n) + " overlaps " + name(m));
                }
            }
        }
        return out;
    }

    /** The part of a node one can see: inside its scroll pane's view, if it is in one; null if none. */
    private static Bounds visible(Node n, ScrollPane in) {
        Bounds b = n.localToScene(n.getLayoutBounds());
        if (in != null) {
            Bounds v = in.localToScene(in.getLayoutBounds());
            double x0 = Math.max(b.getMinX(), v.getMinX()), y0 = Math.max(b.getMinY(), v.getMinY());
            double x1 = Math.min(b.getMaxX(), v.getMaxX()), y1 = Math.min(b.getMaxY(), v.getMaxY());
            b = x1 > x0 && y1 > y0 ? new javafx.geometry.BoundingBox(x0, y0, x1 - x0, y1 - y0) : null;
        }
        return b == null || b.getWidth() <= 0 || b.getHeight() <= 0 ? null : b;
    }

    /** The picture's timecode line sits on the picture on purpose. */
    private static boolean overlay(Node a, Node b) {
        return a.getStyleClass().contains("picture-info") || b.getStyleClass().contains("picture-info");
    }

    private static boolean ancestor(Node a, Node of) {
        for (Node p = of.getParent(); p != null; p = p.getParent()) {
            if (p == a) {
                return true;
            }
        }
        return false;
    }

    /** Controls and canvases, without looking inside a control's own parts (its skin), but into scroll and split panes. */
    private static void collect(Node n, ScrollPane inScroll, List<Node> out, List<ScrollPane> scrolled) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof ScrollPane sp) {
            out.add(sp);
            scrolled.add(inScroll);
            if (sp.getContent() != null) {
                collect(sp.getContent(), sp, out, scrolled);
            }
            return;
        }
        if (n instanceof SplitPane sp) {
            for (Node item : sp.getItems()) {
                collect(item, inScroll, out, scrolled);
            }
            return;
        }
        if (n instanceof Control || n instanceof Canvas) {
            out.add(n);
            scrolled.add(inScroll);
            return;
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, inScroll, out, scrolled);
            }
        }
    }

    private static String name(Node n) {
        String id = n.getId() != null ? "#" + n.getId() : "";
        String text = n instanceof Labeled l && l.getText() != null ? " \"" + l.getText().replace('\n', ' ') + "\"" : "";
        return n.getClass().getSimpleName() + id + text;
    }
}
