package org.foleyworks.ui;

import java.io.IOException;
import java.util.Locale;
import java.util.function.Consumer;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.media.MediaPlayer;
import org.foleyworks.live.LiveRig;
import org.foleyworks.session.Session;

/**
 * The picture's own sound (production sound, the guide Foley is performed against): on or off and its level,
 * kept in the session ({@code picture.sound}, {@code picture.sound_db}). It plays through the video player in
 * step with the picture, so it is heard but never recorded and never in a bounce.
 */
final class PictureSound {
    private PictureSound() {
    }

    static double gain(double db) {
        return Math.max(0, Math.min(1, Math.pow(10, db / 20)));
    }

    static HBox controls(LiveRig rig, MediaPlayer player, Consumer<String> status) {
        Session.Picture p = rig.session().picture;
        ToggleButton on = new ToggleButton("Picture sound");
        on.setId("picture-sound");
        on.setTooltip(new Tooltip("Hear the picture's own sound as a guide (never recorded, never bounced)"));
        Slider level = new Slider(-40, 0, p.sound_db == null ? -12 : p.sound_db);
        level.setId("picture-level");
        level.setPrefWidth(110);
        Label level_db = new Label();
        level_db.setMinWidth(52);
        Runnable apply = () -> {
            player.setMute(!on.isSelected());
            player.setVolume(gain(level.getValue()));
            level_db.setText(String.format(Locale.ROOT, "%.0f dB", level.getValue()));
        };
        on.setSelected(Boolean.TRUE.equals(p.sound));
        apply.run();
        Runnable save = () -> {
            Boolean sound = on.isSelected() ? Boolean.TRUE : null;
            double db = Math.round(level.getValue() * 10) / 10.0;
            try {
                rig.owner().change(s -> { // the session's owner changes and saves it
                    s.picture.sound = sound;
                    s.picture.sound_db = db;
                    return null;
                });
            } catch (IOException e) {
                status.accept("Picture sound: " + e.getMessage());
            }
        };
        on.setOnAction(e -> {
            apply.run();
            save.run();
            status.accept(on.isSelected() ? "Picture sound on (a guide: never recorded, never bounced)" : "Picture sound off");
        });
        level.valueProperty().addListener((o, a, b) -> apply.run());
        level.valueChangingProperty().addListener((o, a, changing) -> {
            if (!changing) {
                save.run();
            }
        });
        HBox box = new HBox(6, on, level, level_db);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
