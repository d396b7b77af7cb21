package org.foleyworks.io.openal;

import java.nio.ShortBuffer;
import java.util.function.LongSupplier;

import org.foleyworks.analysis.MicPerformer;
import org.lwjgl.openal.AL10;
import org.lwjgl.openal.ALC10;
import org.lwjgl.openal.ALC11;
import org.lwjgl.system.MemoryUtil;

/**
 * Microphone (or any input) capture through OpenAL Soft ({@code alcCaptureOpenDevice}), 48 kHz mono 16-bit,
 * read by a thread of its own in blocks of at most 128 samples and handed to a {@link MicPerformer}. The
 * capture buffer is kept small (1,024 samples); the engine frame of each input sample is estimated from the
 * output clock minus what is still waiting in the capture buffer.
 */
public final class OpenAlCapture implements AutoCloseable {
    private final long device;
    private final Thread reader;
    private volatile boolean running = true;
    private final String name;
    private volatile long captured;

    private OpenAlCapture(long device, String name, MicPerformer performer) {
        this.device = device;
        this.name = name;
        reader = new Thread(() -> run(performer), "capture");
        reader.setDaemon(true);
    }

    /**
     * Opens {@code deviceName} (null: the default input) and starts feeding {@code performer}.
     *
     * @throws AudioDeviceException when there is no such input or it cannot be opened
     */
    public static OpenAlCapture open(String deviceName, int sampleRate, MicPerformer performer) throws AudioDeviceException {
        long d;
        try {
            d = ALC11.alcCaptureOpenDevice(deviceName, sampleRate, AL10.AL_FORMAT_MONO16, 1024);
        } catch (RuntimeException | LinkageError e) {
            throw new AudioDeviceException("cannot open the audio input: " + e.getMessage());
        }
        if (d == 0) {
            java.util.List<String> inputs = OpenAlOutput.captureDevices();
            throw new AudioDeviceException("cannot open the audio input " + (deviceName == null ? "(the default)" : "\"" + deviceName + "\"")
                    + (inputs.isEmpty() ? "; this machine has no audio input (plug in a microphone or an interface)"
                            : "; inputs: " + String.join(", ", inputs)));
        }
        String n = ALC10.alcGetString(d, ALC11.ALC_CAPTURE_DEVICE_SPECIFIER);
        OpenAlCapture c = new OpenAlCapture(d, n == null ? String.valueOf(deviceName) : n, performer);
        ALC11.alcCaptureStart(d);
        c.reader.start();
        return c;
    }

    public String name() {
        return name;
    }

    public long captured() {
        return captured;
    }

    private void run(MicPerformer p) {
        ShortBuffer buf = MemoryUtil.memAllocShort(1024);
        float[] block = new float[1024];
        try {
            while (running) {
                int avail = ALC10.alcGetInteger(device, ALC11.ALC_CAPTURE_SAMPLES);
                if (avail <= 0) {
                    Thread.sleep(1);
                    continue;
                }
                int n = Math.min(avail, 128);
                buf.clear();
                ALC11.alcCaptureSamples(device, buf, n);
                for (int i = 0; i < n; i++) {
                    block[i] = buf.get(i) / 32768f;
                }
                p.process(block, 0, n);
                captured += n;
            }
        } catch (InterruptedException e) {
            // closing
        } finally {
            MemoryUtil.memFree(buf);
        }
    }

    /** The engine frame for input sample {@code s}: the output clock now, less what waits in the capture buffer. */
    public static MicPerformer.Clock clock(LongSupplier engineFrameNow, LongSupplier capturedSoFar, int latencyFrames) {
        return s -> engineFrameNow.getAsLong() - (capturedSoFar.getAsLong() - s) + latencyFrames;
    }

    @Override
    public void close() {
        running = false;
        reader.interrupt();
        try {
            reader.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ALC11.alcCaptureStop(device);
        ALC11.alcCaptureCloseDevice(device);
    }
}
