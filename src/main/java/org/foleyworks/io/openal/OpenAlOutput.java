package org.foleyworks.io.openal;

import static org.lwjgl.openal.AL10.AL_BUFFER;
import static org.lwjgl.openal.AL10.AL_GAIN;
import static org.lwjgl.openal.AL10.AL_NO_ERROR;
import static org.lwjgl.openal.AL10.AL_PLAYING;
import static org.lwjgl.openal.AL10.AL_SOURCE_STATE;
import static org.lwjgl.openal.AL10.alDeleteBuffers;
import static org.lwjgl.openal.AL10.alDeleteSources;
import static org.lwjgl.openal.AL10.alGenBuffers;
import static org.lwjgl.openal.AL10.alGenSources;
import static org.lwjgl.openal.AL10.alGetError;
import static org.lwjgl.openal.AL10.alGetSourcei;
import static org.lwjgl.openal.AL10.alSourcePlay;
import static org.lwjgl.openal.AL10.alSourceStop;
import static org.lwjgl.openal.AL10.alSourcef;
import static org.lwjgl.openal.AL10.alSourcei;
import static org.lwjgl.openal.ALC10.ALC_FALSE;
import static org.lwjgl.openal.ALC10.ALC_FREQUENCY;
import static org.lwjgl.openal.ALC10.ALC_REFRESH;
import static org.lwjgl.openal.ALC10.alcCloseDevice;
import static org.lwjgl.openal.ALC10.alcCreateContext;
import static org.lwjgl.openal.ALC10.alcDestroyContext;
import static org.lwjgl.openal.ALC10.alcGetInteger;
import static org.lwjgl.openal.ALC10.alcGetString;
import static org.lwjgl.openal.ALC10.alcMakeContextCurrent;
import static org.lwjgl.openal.ALC10.alcOpenDevice;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.foleyworks.engine.Engine;
import org.lwjgl.openal.AL;
import org.lwjgl.openal.ALC;
import org.lwjgl.openal.ALC11;
import org.lwjgl.openal.ALCCapabilities;
import org.lwjgl.openal.ALCapabilities;
import org.lwjgl.openal.ALUtil;
import org.lwjgl.openal.EXTFloat32;
import org.lwjgl.openal.EnumerateAllExt;
import org.lwjgl.openal.SOFTCallbackBuffer;
import org.lwjgl.openal.SOFTCallbackBufferType;
import org.lwjgl.openal.SOFTDeviceClock;
import org.lwjgl.openal.SOFTDirectChannels;
import org.lwjgl.openal.SOFTLoopback;
import org.lwjgl.openal.SOFTOutputLimiter;
import org.lwjgl.system.MemoryUtil;

/**
 * The engine's live output through OpenAL Soft (LWJGL). OpenAL Soft's mixer thread pulls each block straight
 * from the engine through {@code AL_SOFT_callback_buffer}: the engine renders inside the callback, in its own
 * fixed internal blocks whatever size OpenAL asks for; what is left of a block waits for the next callback. A
 * loopback device ({@code ALC_SOFT_loopback}) drives the same path into memory for tests.
 *
 * <p>The callback is the audio thread: it renders, copies and counts, and allocates nothing.
 */
public final class OpenAlOutput implements AutoCloseable {
    /**
     * @param device       output device name, or null for the default
     * @param sampleRate   requested rate
     * @param periodFrames requested period (ALC_REFRESH = rate / period); OpenAL Soft's own configuration
     *                     (ALSOFT_CONF: period_size, periods) decides what the backend really does
     */
    public record Settings(String device, int sampleRate, int periodFrames) {
    }

    /** How audio reaches OpenAL. */
    public enum Mode {
        /** OpenAL's mixer calls the engine ({@code AL_SOFT_callback_buffer}); the preferred path. */
        CALLBACK,
        /** A feeder thread keeps a small queue of buffers full (for OpenALs without the callback extension). */
        STREAMING,
        /** The callback when the OpenAL has it, streaming otherwise. */
        AUTO
    }

    /** Buffers in the streaming queue. */
    static final int STREAM_BUFFERS = 3;

    private final Engine engine;
    private final long device, context;
    private final int[] contextAttrs;
    private boolean deviceClock;
    private volatile java.util.function.Consumer<String> notices = m -> { };
    private Thread watchdog;
    private volatile long reopens;
    private final int source, buffer;
    private final Mode mode;
    private final int[] streamBuffers;
    private final java.nio.FloatBuffer streamData;
    private final int streamFrames;
    private Thread feeder;
    private final boolean loopback;
    private final int sampleRate;
    private final SOFTCallbackBufferType callback;
    private final OutputStats stats = new OutputStats();
    private final int block;
    private int pendingPos, pendingFrames;
    private volatile boolean closed;
    // latency probe: when the frame a control thread stamped is handed to OpenAL
    private volatile long probeFrame = -1, probeDeliveredNanos = -1;
    private volatile int probeOffsetFrames;
    private long deliveredFrame; // engine frame of the next frame handed to OpenAL
    // the audio clock, for stamping live events: at time refNanos, OpenAL took engine frame refFrame (seqlock)
    private volatile long clockSeq, refNanos, refFrame;
    // allocation probe: the callback thread's own allocation counter, read at every callback into a ring indexed
    // by the callback count (no branch that only a probe would take: a first-taken branch is a deoptimisation)
    private static final int ALLOC_RING = 4096;
    private final long[] allocAt = new long[ALLOC_RING];
    private volatile long probeFrom = -1, probeTo = -1;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

    private OpenAlOutput(Engine engine, long device, long context, boolean loopback, int sampleRate, int[] attrs,
                         Mode wanted, int periodFrames) throws AudioDeviceException {
        this.engine = engine;
        this.contextAttrs = attrs;
        this.device = device;
        this.context = context;
        this.loopback = loopback;
        this.sampleRate = sampleRate;
        this.block = engine.config().blockSize();
        this.callback = SOFTCallbackBufferType.create(this::fill);
        ALCCapabilities dc = ALC.createCapabilities(device);
        deviceClock = dc.ALC_SOFT_device_clock;
        alcMakeContextCurrent(context);
        ALCapabilities ac = AL.createCapabilities(dc);
        if (!ac.AL_EXT_FLOAT32) {
            close();
            throw new AudioDeviceException("this OpenAL cannot play float samples (AL_EXT_FLOAT32); OpenAL Soft is needed");
        }
        if (wanted == Mode.CALLBACK && !ac.AL_SOFT_callback_buffer) {
            close();
            throw new AudioDeviceException("this OpenAL has no AL_SOFT_callback_buffer (OpenAL Soft 1.22 or newer has)");
        }
        mode = wanted == Mode.AUTO ? (ac.AL_SOFT_callback_buffer ? Mode.CALLBACK : Mode.STREAMING) : wanted;
        if (mode == Mode.CALLBACK) {
            buffer = alGenBuffers();
            // LWJGL checks the user pointer is not NULL; the engine is reached through the lambda, not the pointer
            SOFTCallbackBuffer.alBufferCallbackSOFT(buffer, EXTFloat32.AL_FORMAT_STEREO_FLOAT32, sampleRate, callback, 1L);
            streamBuffers = null;
            streamData = null;
            streamFrames = 0;
        } else {
            buffer = 0;
            streamBuffers = new int[STREAM_BUFFERS];
            org.lwjgl.openal.AL10.alGenBuffers(streamBuffers);
            streamFrames = Math.max(64, periodFrames);
            streamData = MemoryUtil.memAllocFloat(streamFrames * 2);
        }
        source = alGenSources();
        if (mode == Mode.CALLBACK) {
            alSourcei(source, AL_BUFFER, buffer);
        }
        if (ac.AL_SOFT_direct_channels) {
            alSourcei(source, SOFTDirectChannels.AL_DIRECT_CHANNELS_SOFT, 1); // left to left, right to right
        }
        alSourcef(source, AL_GAIN, 1f);
        int err = alGetError();
        if (err != AL_NO_ERROR) {
            close();
            throw new AudioDeviceException("OpenAL refused the output source (error 0x" + Integer.toHexString(err) + ")");
        }
    }

    /** Opens an output device, with the callback path when the OpenAL has it. */
    public static OpenAlOutput open(Engine engine, Settings s) throws AudioDeviceException {
        return open(engine, s, Mode.AUTO);
    }

    /** Opens an output device with the given path to it. */
    public static OpenAlOutput open(Engine engine, Settings s, Mode mode) throws AudioDeviceException {
        long dev = alcOpenDevice(s.device() == null ? null : s.device());
        if (dev == 0) {
            throw new AudioDeviceException("cannot open audio output " + (s.device() == null ? "(default device)"
                    : "\"" + s.device() + "\"") + "; see ./foleyworks devices");
        }
        ALCCapabilities dc = ALC.createCapabilities(dev);
        int refresh = Math.max(1, Math.round(s.sampleRate() / (float) Math.max(16, s.periodFrames())));
        int[] attrs = dc.ALC_SOFT_output_limiter
                ? new int[]{ALC_FREQUENCY, s.sampleRate(), ALC_REFRESH, refresh, SOFTOutputLimiter.ALC_OUTPUT_LIMITER_SOFT, ALC_FALSE, 0}
                : new int[]{ALC_FREQUENCY, s.sampleRate(), ALC_REFRESH, refresh, 0};
        long ctx = alcCreateContext(dev, attrs);
        if (ctx == 0) {
            alcCloseDevice(dev);
            throw new AudioDeviceException("audio output " + name(dev) + " refused " + s.sampleRate() + " Hz");
        }
        return new OpenAlOutput(engine, dev, ctx, false, s.sampleRate(), attrs, mode, s.periodFrames());
    }

    /** Opens a loopback device: nothing plays; {@link #renderLoopback} pulls the output into memory. */
    public static OpenAlOutput openLoopback(Engine engine, int sampleRate) throws AudioDeviceException {
        return openLoopback(engine, sampleRate, Mode.CALLBACK, 256);
    }

    /**
     * A loopback device with the given path; with {@link Mode#STREAMING} nothing feeds the queue by itself:
     * call {@link #pump()} between renders.
     */
    public static OpenAlOutput openLoopback(Engine engine, int sampleRate, Mode mode, int periodFrames)
            throws AudioDeviceException {
        long dev = SOFTLoopback.alcLoopbackOpenDeviceSOFT((ByteBuffer) null);
        if (dev == 0) {
            throw new AudioDeviceException("OpenAL Soft loopback device unavailable");
        }
        int[] attrs = {SOFTLoopback.ALC_FORMAT_CHANNELS_SOFT, SOFTLoopback.ALC_STEREO_SOFT,
                SOFTLoopback.ALC_FORMAT_TYPE_SOFT, SOFTLoopback.ALC_FLOAT_SOFT, ALC_FREQUENCY, sampleRate,
                SOFTOutputLimiter.ALC_OUTPUT_LIMITER_SOFT, ALC_FALSE, 0};
        long ctx = alcCreateContext(dev, attrs);
        if (ctx == 0) {
            alcCloseDevice(dev);
            throw new AudioDeviceException("loopback device refused " + sampleRate + " Hz stereo float");
        }
        return new OpenAlOutput(engine, dev, ctx, true, sampleRate, attrs, mode, periodFrames);
    }

    /**
     * Starts playback. Plays the program on a scratch engine and renders a second of silence through the live one
     * first, so the JIT has compiled the path before the device pulls.
     */
    public void start() {
        start(true);
    }

    /** Starts playback, with or without the warm-up (which advances the engine's clock by a second). */
    public void start(boolean warmUp) {
        if (warmUp) {
            warmUp(sampleRate);
        }
        if (!loopback) {
            // long samples stream from disk on the reader thread; the callback never reads a file (a late chunk
            // plays as silence and is counted: Engine.diskLate)
            engine.setDiskMode(Engine.DiskMode.LIVE);
        }
        deliveredFrame = engine.frame() - pendingFrames;
        alcMakeContextCurrent(context);
        if (mode == Mode.STREAMING) {
            for (int b : streamBuffers) {
                refill(b);
            }
        }
        alSourcePlay(source);
        if (mode == Mode.STREAMING && !loopback) {
            feeder = new Thread(this::feed, "audio-feeder");
            feeder.setPriority(Thread.MAX_PRIORITY);
            feeder.setDaemon(true);
            feeder.start();
        }
        if (!loopback) {
            watchdog = new Thread(this::watch, "audio-device-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }
    }

    /**
     * CT: the engine frame OpenAL is taking at {@code nanos} (System.nanoTime), extrapolated from the last
     * callback. Live inputs add a constant latency to it so events keep their rhythm inside a block.
     */
    public long frameAt(long nanos) {
        while (true) {
            long seq = clockSeq;
            long t = refNanos, f = refFrame;
            if ((seq & 1) == 0 && seq == clockSeq) {
                if (seq == 0) {
                    return engine.framePosition();
                }
                return f + (nanos - t) * sampleRate / 1_000_000_000L;
            }
            Thread.onSpinWait();
        }
    }

    /** Frames between an input's arrival and its sound: one OpenAL period plus one engine block, in frames. */
    public int inputLatencyFrames() {
        long req = stats.lastRequestFrames();
        return (int) (req > 0 ? req : 128) + block;
    }

    /** The path audio takes to OpenAL. */
    public Mode mode() {
        return mode;
    }

    /** RT (streaming): renders one buffer's worth into buffer {@code b} and queues it. */
    private void refill(int b) {
        fill(0L, MemoryUtil.memAddress(streamData), streamFrames * 8);
        org.lwjgl.openal.AL10.alBufferData(b, EXTFloat32.AL_FORMAT_STEREO_FLOAT32, streamData, sampleRate);
        org.lwjgl.openal.AL10.alSourceQueueBuffers(source, b);
    }

    /**
     * RT (streaming): refills every buffer OpenAL has finished with and restarts the source after an underrun.
     * The feeder thread calls this a few times a period; with a loopback device, tests call it between renders.
     */
    public void pump() {
        if (mode != Mode.STREAMING) {
            return;
        }
        int processed = alGetSourcei(source, org.lwjgl.openal.AL10.AL_BUFFERS_PROCESSED);
        for (int i = 0; i < processed; i++) {
            refill(org.lwjgl.openal.AL10.alSourceUnqueueBuffers(source));
        }
        if (alGetSourcei(source, AL_SOURCE_STATE) != AL_PLAYING) {
            stats.underruns = stats.underruns + 1;
            alSourcePlay(source);
        }
    }

    private void feed() {
        long nap = Math.max(100_000L, streamFrames * 1_000_000_000L / sampleRate / 4);
        while (!closed) {
            pump();
            java.util.concurrent.locks.LockSupport.parkNanos(nap);
        }
    }

    /** CT: where to tell the user about device changes (disconnects, reopens). */
    public void onNotice(java.util.function.Consumer<String> c) {
        notices = c;
    }

    /** Times the output was moved to another device. */
    public long reopens() {
        return reopens;
    }

    /**
     * CT: moves the output to another device (null: the default) without stopping the engine or the source;
     * ALC_SOFT_reopen_device keeps the context, its sources and the callback.
     */
    public boolean reopen(String deviceName) {
        ALCCapabilities dc = ALC.createCapabilities(device);
        if (!dc.ALC_SOFT_reopen_device) {
            return false;
        }
        java.nio.IntBuffer attrs = MemoryUtil.memAllocInt(contextAttrs.length);
        try {
            attrs.put(contextAttrs).flip();
            boolean ok = org.lwjgl.openal.SOFTReopenDevice.alcReopenDeviceSOFT(device,
                    deviceName == null ? null : deviceName, attrs);
            if (ok) {
                reopens++;
                alcMakeContextCurrent(context);
                if (alGetSourcei(source, AL_SOURCE_STATE) != AL_PLAYING) {
                    alSourcePlay(source);
                }
            }
            return ok;
        } finally {
            MemoryUtil.memFree(attrs);
        }
    }

    /** Every quarter second: is the device still there? If not, reopen on the default within a second. */
    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            if (closed) {
                return;
            }
            if (alcGetInteger(device, org.lwjgl.openal.EXTDisconnect.ALC_CONNECTED) == 0) {
                notices.accept("audio output " + deviceName() + " was disconnected; moving to the default device");
                if (reopen(null)) {
                    notices.accept("audio output now " + deviceName());
                } else {
                    notices.accept("no audio output could be reopened; rendering and bouncing still work");
                }
            }
        }
    }

    private void warmUp(int frames) {
        // compile the whole voice path on a scratch engine, then the callback itself on the live engine's silence
        // (before OpenAL calls it: its first thousands of calls would otherwise run interpreted)
        org.foleyworks.engine.WarmUp.run(engine.config(), engine.program(), 20_000);
        long scratch = MemoryUtil.nmemAlloc(128 * 8);
        try {
            for (int i = 0; i < 20_000; i++) {
                fill(0L, scratch, 128 * 8);
            }
        } finally {
            MemoryUtil.nmemFree(scratch);
        }
        for (int done = 0; done < frames; done += block) {
            engine.render(block);
        }
        stats.reset();
        clockSeq = 0;
    }

    /** Loopback only: renders {@code frames} frames of the device's output into interleaved stereo floats. */
    public void renderLoopback(float[] interleaved, int frames) {
        if (!loopback) {
            throw new IllegalStateException("not a loopback device");
        }
        SOFTLoopback.alcRenderSamplesSOFT(device, interleaved, frames);
    }

    public boolean playing() {
        return alGetSourcei(source, AL_SOURCE_STATE) == AL_PLAYING;
    }

    /**
     * Measures the bytes the callback thread allocates after callback {@code from} up to the end of callback
     * {@code to} (the thread reads its own counter at the end of every callback; the first reading initialises
     * the bean and allocates, so {@code from} must be at least 1).
     */
    public void probeAllocation(long from, long to) {
        if (to <= from || to - from >= ALLOC_RING - 64) {
            throw new IllegalArgumentException("probe " + from + ".." + to + ": at most " + (ALLOC_RING - 64) + " callbacks");
        }
        probeTo = to;
        probeFrom = from;
    }

    /**
     * CT: measures the latency from now to the moment engine frame {@code frame} leaves OpenAL. Returns
     * nanoseconds, or -1 when the frame was not delivered within {@code timeoutMs}.
     */
    public long measureLatency(long frame, long postedNanos, long timeoutMs) throws InterruptedException {
        probeDeliveredNanos = -1;
        probeFrame = frame;
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (probeDeliveredNanos < 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        long at = probeDeliveredNanos;
        probeFrame = -1;
        if (at < 0) {
            return -1;
        }
        long dev = Math.max(0, deviceLatencyNanos());
        return (at - postedNanos) + probeOffsetFrames * 1_000_000_000L / sampleRate + dev;
    }

    /** Bytes measured by {@link #probeAllocation}, or -1 while not yet measured (or no longer in the ring). */
    public long probedAllocationBytes() {
        long from = probeFrom, to = probeTo, c = stats.callbacks;
        if (from < 0 || c <= to || c - from >= ALLOC_RING - 16) {
            return -1;
        }
        return allocAt[(int) (to % ALLOC_RING)] - allocAt[(int) (from % ALLOC_RING)];
    }

    public OutputStats stats() {
        return stats;
    }

    public int sampleRate() {
        return alcGetInteger(device, ALC_FREQUENCY);
    }

    /** Latency of the device itself (ALC_SOFT_device_clock), in nanoseconds, or -1 when unknown. */
    public long deviceLatencyNanos() {
        if (!deviceClock) {
            return -1;
        }
        long[] v = new long[2];
        SOFTDeviceClock.alcGetInteger64vSOFT(device, SOFTDeviceClock.ALC_DEVICE_CLOCK_LATENCY_SOFT, v);
        return v[1];
    }

    /** The device's name. */
    public String deviceName() {
        return name(device);
    }

    private static String name(long dev) {
        String n = alcGetString(dev, EnumerateAllExt.ALC_ALL_DEVICES_SPECIFIER);
        return n != null ? n : alcGetString(dev, org.lwjgl.openal.ALC10.ALC_DEVICE_SPECIFIER);
    }

    /** Frames of audio rendered but not yet handed to OpenAL (part of the latency). */
    public int engineBufferedFrames() {
        return pendingFrames;
    }

    // ------------------------------------------------------------------------------------ the audio thread

    /** RT: OpenAL Soft asks for {@code bytes} bytes of interleaved stereo float at {@code address}. */
    private int fill(long userptr, long address, int bytes) {
        long t0 = System.nanoTime();
        int frames = bytes / 8;
        int done = 0;
        float[][] m = engine.master();
        while (done < frames) {
            if (pendingFrames == 0) {
                engine.render(block);
                pendingPos = 0;
                pendingFrames = block;
            }
            int n = Math.min(frames - done, pendingFrames);
            long at = address + (long) done * 8;
            float[] l = m[0], r = m[1];
            for (int i = 0; i < n; i++) {
                MemoryUtil.memPutFloat(at, l[pendingPos + i]);
                MemoryUtil.memPutFloat(at + 4, r[pendingPos + i]);
                at += 8;
            }
            pendingPos += n;
            pendingFrames -= n;
            done += n;
        }
        long pf = probeFrame;
        if (pf >= 0 && probeDeliveredNanos < 0 && pf < deliveredFrame + frames && pf >= deliveredFrame) {
            probeOffsetFrames = (int) (pf - deliveredFrame);
            probeDeliveredNanos = t0;
        }
        clockSeq = clockSeq + 1; // odd: being written
        refNanos = t0;
        refFrame = deliveredFrame;
        clockSeq = clockSeq + 1;
        deliveredFrame += frames;
        long took = System.nanoTime() - t0;
        long budget = frames * 1_000_000_000L / sampleRate;
        OutputStats s = stats;
        s.callbacks = s.callbacks + 1;
        s.framesDelivered = s.framesDelivered + frames;
        s.lastRequestFrames = frames;
        s.totalRenderNanos = s.totalRenderNanos + took;
        s.totalBudgetNanos = s.totalBudgetNanos + budget;
        if (took > s.maxRenderNanos) {
            s.maxRenderNanos = took;
        }
        double load = budget == 0 ? 0 : 100.0 * took / budget;
        if (load > s.peakLoadPercent) {
            s.peakLoadPercent = load;
        }
        if (took > budget) {
            s.lateCallbacks = s.lateCallbacks + 1;
        }
        if (took > 2 * budget) {
            s.veryLateCallbacks = s.veryLateCallbacks + 1;
        }
        s.record(took);
        allocAt[(int) (s.callbacks % ALLOC_RING)] = THREADS.getCurrentThreadAllocatedBytes();
        return bytes;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (feeder != null) {
            try {
                feeder.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (watchdog != null) {
            watchdog.interrupt();
            try {
                watchdog.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        alcMakeContextCurrent(context);
        if (source != 0) {
            alSourceStop(source);
            alDeleteSources(source);
        }
        if (buffer != 0) {
            alDeleteBuffers(buffer);
        }
        if (streamBuffers != null) {
            org.lwjgl.openal.AL10.alDeleteBuffers(streamBuffers);
            MemoryUtil.memFree(streamData);
        }
        alcMakeContextCurrent(0);
        alcDestroyContext(context);
        alcCloseDevice(device);
        callback.free();
    }

    /** Output devices OpenAL can open (ALC_ENUMERATE_ALL_EXT), the default first. */
    public static List<String> outputDevices() {
        List<String> out = new ArrayList<>();
        String def = alcGetString(0, EnumerateAllExt.ALC_DEFAULT_ALL_DEVICES_SPECIFIER);
        List<String> all = ALUtil.getStringList(0, EnumerateAllExt.ALC_ALL_DEVICES_SPECIFIER);
        if (def != null) {
            out.add(def);
        }
        if (all != null) {
            for (String d : all) {
                if (!out.contains(d)) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    /** Capture devices (microphones and other inputs). */
    public static List<String> captureDevices() {
        List<String> l = ALUtil.getStringList(0, ALC11.ALC_CAPTURE_DEVICE_SPECIFIER);
        return l == null ? List.of() : l;
    }
}
