package org.foleyworks.ui;

import javafx.scene.media.MediaPlayer;
import javafx.util.Duration;

/** JavaFX's {@link MediaPlayer} as the picture sync sees it (FX thread only). */
final class FxPicturePlayer implements PictureSync.Player {
    private final MediaPlayer p;
    private boolean playing; // what was asked: the player's status changes some time later

    FxPicturePlayer(MediaPlayer p) {
        this.p = p;
    }

    @Override
    public boolean ready() {
        MediaPlayer.Status s = p.getStatus();
        return s == MediaPlayer.Status.READY || s == MediaPlayer.Status.PAUSED || s == MediaPlayer.Status.PLAYING
                || s == MediaPlayer.Status.STOPPED;
    }

    @Override
    public double time() {
        return p.getCurrentTime().toSeconds();
    }

    @Override
    public boolean playing() {
        return playing;
    }

    @Override
    public void play() {
        playing = true;
        p.play();
    }

    @Override
    public void pause() {
        playing = false;
        p.pause();
    }

    @Override
    public void seek(double seconds) {
        p.seek(Duration.seconds(seconds));
    }

    @Override
    public void rate(double rate) {
        p.setRate(rate);
    }

    @Override
    public double duration() {
        Duration d = p.getTotalDuration();
        return d == null || d.isUnknown() || d.isIndefinite() ? Double.POSITIVE_INFINITY : d.toSeconds();
    }
}
