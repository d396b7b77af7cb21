package org.foleyworks.ui;

import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;

/**
 * A place that gives its one child all of its space: a canvas gets its width and height set (canvases do not
 * resize themselves), a resizable node is resized. The space it asks for is small, so the layout around it decides.
 */
final class Fill extends Region {
    private final Node child;

    Fill(Node child, double minW, double minH) {
        this.child = child;
        getChildren().add(child);
        setMinSize(minW, minH);
        setPrefSize(minW, minH);
        setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
    }

    Node child() {
        return child;
    }

    @Override
    protected void layoutChildren() {
        double w = Math.max(0, getWidth() - snappedLeftInset() - snappedRightInset());
        double h = Math.max(0, getHeight() - snappedTopInset() - snappedBottomInset());
        if (child instanceof javafx.scene.media.MediaView m) { // the picture: as large as fits, centred
            m.setFitWidth(w);
            m.setFitHeight(h);
            javafx.geometry.Bounds b = m.getLayoutBounds();
            m.relocate(snappedLeftInset() + (w - b.getWidth()) / 2, snappedTopInset() + (h - b.getHeight()) / 2);
        } else if (child instanceof Canvas c) {
            c.setWidth(Math.floor(w));
            c.setHeight(Math.floor(h));
            c.relocate(snappedLeftInset(), snappedTopInset());
        } else {
            child.resizeRelocate(snappedLeftInset(), snappedTopInset(), w, h);
        }
    }
}
