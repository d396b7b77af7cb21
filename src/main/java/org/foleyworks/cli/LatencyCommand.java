package org.foleyworks.cli;

import java.util.Locale;
import java.util.concurrent.Callable;

import org.foleyworks.bench.EngineBench;
import org.foleyworks.engine.Engine;
import org.foleyworks.engine.EngineConfig;
import org.foleyworks.io.openal.AlsoftConfig;
import org.foleyworks.io.openal.OpenAlOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "latency", mixinStandardHelpOptions = true,
        description = {"Open the audio output, play for a few seconds and measure it. The last line reads:",
                "period_frames=N sample_rate=R device_latency_ms=X total_latency_ms=Y late_callbacks=K",
                "(total: from an event posted by a control thread to its first sample leaving OpenAL)."})
final class LatencyCommand implements Callable<Integer> {
    @Option(names = "--period", defaultValue = "128", description = "period in frames, 64-1024 (default ${DEFAULT-VALUE})")
    int period;

    @Option(names = "--device", description = "output device (default: the system's)")
    String device;

    @Option(names = "--seconds", defaultValue = "3", description = "how long to play (default ${DEFAULT-VALUE})")
    double seconds;

    @Override
    public Integer call() throws Exception {
        if (period < 64 || period > 1024) {
            throw new IllegalArgumentException("--period " + period + ": expected 64 to 1024 frames");
        }
        AlsoftConfig.prepare(period);
        Engine e = new Engine(EngineConfig.defaults(48000).withVoices(64));
        e.setProgram(EngineBench.program());
        OpenAlOutput opened;
        try {
            opened = OpenAlOutput.open(e, new OpenAlOutput.Settings(device, 48000, period));
        } catch (org.foleyworks.io.openal.AudioDeviceException x) {
            // OpenAL lists a default output even where there is no sound card; only opening it tells
            throw new org.foleyworks.io.openal.AudioDeviceException(x.getMessage() + ". No real audio output could be opened"
                    + " here, so there is no latency to measure (no sound card, or its driver is not running)");
        }
        try (OpenAlOutput o = opened) {
            o.start();
            long t0 = System.nanoTime(), end = t0 + (long) (seconds * 1e9);
            // a device that starts late (a busy machine) gets up to 5 s to play its first event before it is
            // called silent
            long giveUp = Math.max(end, t0 + 5_000_000_000L);
            long best = Long.MAX_VALUE, sum = 0;
            int n = 0;
            while (System.nanoTime() < end || n == 0 && System.nanoTime() < giveUp) {
                long posted = System.nanoTime();
                long frame = e.framePosition();
                e.trigger(frame, 0, n & 255, 0.05f); // a quiet voice: the event whose latency is measured
                long lat = o.measureLatency(frame, posted, 1000);
                if (lat > 0) {
                    best = Math.min(best, lat);
                    sum += lat;
                    n++;
                }
                e.allOff(e.framePosition());
                Thread.sleep(47);
            }
            long granted = o.stats().lastRequestFrames();
            if (n == 0) {
                // OpenAL opened something, but nothing it was given came out: no real device is there
                System.err.printf(Locale.ROOT, "foleyworks latency: device %s played nothing: none of the test events reached"
                        + " its output in %.1f s (%d callbacks). No real audio device is working here (no sound card, or"
                        + " one that does not play); see ./foleyworks devices%n", o.deviceName(), (System.nanoTime() - t0) / 1e9,
                        o.stats().callbacks());
                return 1;
            }
            if (fakeDevice(o.deviceName())) {
                System.out.println("note: " + o.deviceName() + " is OpenAL Soft's " + (o.deviceName().startsWith("Wave") ? "file writer" : "null output")
                        + ", not a sound card: it discards the sound on a timer, so these figures are the program's own, not a device's");
            }
            System.out.printf(Locale.ROOT, "device %s, %d callbacks, mean load %.1f%% (peak %.1f%%), best total latency %.2f ms%n",
                    o.deviceName(), o.stats().callbacks(), o.stats().meanLoadPercent(), o.stats().peakLoadPercent(),
                    best / 1e6);
            System.out.printf(Locale.ROOT, "period_frames=%d sample_rate=%d device_latency_ms=%.2f total_latency_ms=%.2f late_callbacks=%d%n",
                    granted, o.sampleRate(), Math.max(0, o.deviceLatencyNanos()) / 1e6, sum / (double) n / 1e6,
                    o.stats().lateCallbacks());
        }
        return 0;
    }

    /** OpenAL Soft's outputs that are no device: the null backend and the wave file writer. */
    static boolean fakeDevice(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return n.equals("no output") || n.startsWith("wave file writer") || n.equals("null");
    }
}
