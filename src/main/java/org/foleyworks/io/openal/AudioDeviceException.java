package org.foleyworks.io.openal;

/** An audio device that cannot be opened or used; the message says which device and why. */
public class AudioDeviceException extends Exception {
    private static final long serialVersionUID = 1L;

    public AudioDeviceException(String message) {
        super(message);
    }
}
