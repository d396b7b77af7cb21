package org.foleyworks.io.midi;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequencer;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Synthesizer;
import javax.sound.midi.SysexMessage;

import org.foleyworks.engine.EventSink;
import org.foleyworks.instrument.MidiTranslator;
import org.foleyworks.session.timecode.MtcChase;

/**
 * Live MIDI input. Each message is stamped with its arrival time, turned into an engine frame through the audio
 * clock plus a constant latency, and translated into engine events: a burst of hits keeps its rhythm instead of
 * being quantised to block boundaries. MIDI Time Code (quarter frames and full-frame SysEx) goes to an
 * {@link MtcChase} when one is attached. Other system messages, other SysEx and stray data are ignored and
 * counted; nothing here throws into the MIDI thread or blocks it (the engine's ring is lock-free; inputs share
 * the translator under a lock on the MIDI side only).
 *
 * <p>Devices: the chosen inputs (or all) are opened; {@link #startHotplug} polls the system every interval, so a
 * controller plugged in later is opened, one that disappears is closed cleanly, and it is opened again when it
 * returns. On macOS the CoreMIDI4J provider is used when its jar is on the class path (the JDK's own macOS
 * provider neither names devices properly nor sees hot-plugging).
 */
public final class MidiInput implements AutoCloseable {
    /** Where input devices come from (the system's providers; tests give their own). */
    public interface Ports {
        List<MidiDevice> inputs();
    }

    private final MidiTranslator translator;
    private final EventSink sink;
    private final LongUnaryOperator frameAt;
    private final LongSupplier nanoClock;
    private final Map<String, MidiDevice> opened = new LinkedHashMap<>();
    private Ports ports = MidiInput::systemInputs;
    private String selector;
    private volatile MtcChase mtc;
    private volatile Consumer<String> status = s -> { };
    private ScheduledExecutorService hotplug;
    private volatile long received, ignored, timecode;

    /**
     * @param frameAt   arrival time (System.nanoTime) to the engine frame the event should sound at
     * @param nanoClock the arrival clock (System::nanoTime; tests give their own)
     */
    public MidiInput(MidiTranslator translator, EventSink sink, LongUnaryOperator frameAt, LongSupplier nanoClock) {
        this.translator = translator;
        this.sink = sink;
        this.frameAt = frameAt;
        this.nanoClock = nanoClock;
    }

    /** Sends MIDI Time Code to a chase (null: MTC is ignored like other system messages). */
    public void setMtc(MtcChase chase) {
        mtc = chase;
    }

    /** Hears "opened X", "closed X (disconnected)" and the like, on the polling thread. */
    public void setStatusListener(Consumer<String> listener) {
        status = listener == null ? s -> { } : listener;
    }

    /** Replaces where devices come from (tests). */
    public void setPorts(Ports p) {
        ports = p;
    }

    /** The receiver a device's transmitter (or a test) sends to. */
    public Receiver receiver() {
        return new Receiver() {
            @Override
            public void send(MidiMessage message, long timeStamp) {
                accept(message);
            }

            @Override
            public void close() {
            }
        };
    }

    void accept(MidiMessage message) {
        long now = nanoClock.getAsLong();
        try {
            if (message == null || message.getLength() < 1) {
                ignored++;
                return;
            }
            MtcChase chase = mtc;
            int first = message.getMessage()[0] & 0xFF;
            if (chase != null && (first == 0xF1 || message instanceof SysexMessage && first == 0xF0)) {
                byte[] b = message.getMessage();
                if (first == 0xF1 && b.length >= 2 || first == 0xF0 && b.length >= 10 && b[1] == 0x7F && b[3] == 1) {
                    timecode++;
                    chase.message(b, b.length, now);
                    return;
                }
            }
            if (!(message instanceof ShortMessage sm)) {
                ignored++;
                return;
            }
            int status = sm.getStatus();
            if (status < 0x80 || status >= 0xF0) {
                ignored++; // system messages (clock, active sensing) are not performance events here
                return;
            }
            received++;
            long frame = frameAt.applyAsLong(now);
            synchronized (translator) {
                translator.message(sink, frame, status, sm.getData1() & 0x7F, sm.getData2() & 0x7F);
            }
        } catch (RuntimeException e) {
            ignored++; // a malformed message never reaches the device's thread as an exception
        }
    }

    /** Channel messages received and played. */
    public long received() {
        return received;
    }

    /** MIDI Time Code messages handed to the chase. */
    public long timecodeMessages() {
        return timecode;
    }

    /** Messages ignored: SysEx, system messages, malformed ones. */
    public long ignored() {
        return ignored;
    }

    // ---------------------------------------------------------------------------------------- devices

    /** Names of the MIDI inputs (devices with transmitters, not sequencers or synthesizers). */
    public static List<String> inputNames() {
        List<String> out = new ArrayList<>();
        for (MidiDevice d : systemInputs()) {
            out.add(d.getDeviceInfo().getName());
        }
        return out;
    }

    static boolean isInput(MidiDevice d) {
        return d.getMaxTransmitters() != 0 && !(d instanceof Sequencer) && !(d instanceof Synthesizer);
    }

    /** The system's inputs: CoreMIDI4J's on macOS when it is present, the standard providers' otherwise. */
    public static List<MidiDevice> systemInputs() {
        List<MidiDevice> out = new ArrayList<>();
        for (MidiDevice.Info info : deviceInfos()) {
            try {
                MidiDevice d = MidiSystem.getMidiDevice(info);
                if (isInput(d)) {
                    out.add(d);
                }
            } catch (MidiUnavailableException | IllegalArgumentException e) {
                // gone between listing and asking, or not usable
            }
        }
        return out;
    }

    private static MidiDevice.Info[] deviceInfos() {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) {
            try {
                Class<?> p = Class.forName("uk.co.xfactorylibrarians.coremidi4j.CoreMidiDeviceProvider");
                Method m = p.getMethod("getMidiDeviceInfo");
                return (MidiDevice.Info[]) m.invoke(null);
            } catch (ReflectiveOperationException | LinkageError e) {
                // CoreMIDI4J is not on the class path: the JDK's provider is what there is
            }
        }
        return MidiSystem.getMidiDeviceInfo();
    }

    /**
     * Opens the input named {@code name} ("all" for every input) and remembers the choice for hot-plugging;
     * returns the names opened.
     */
    public synchronized List<String> open(String name) throws MidiUnavailableException {
        selector = name;
        List<String> names = new ArrayList<>();
        for (String e : poll()) {
            if (e.startsWith("opened ")) {
                names.add(e.substring(7));
            }
        }
        if (opened.isEmpty() && !"all".equalsIgnoreCase(name)) {
            throw new MidiUnavailableException("no MIDI input named \"" + name + "\"; inputs: " + inputNames());
        }
        return names;
    }

    /** The names of the inputs open now. */
    public synchronized List<String> openNames() {
        List<String> out = new ArrayList<>();
        for (String id : opened.keySet()) {
            out.add(id.replaceFirst(" #\\d+$", ""));
        }
        return out;
    }

    /**
     * One look at the system: opens inputs that match the choice and are not open yet, closes those that have
     * gone. Returns what changed ("opened NAME", "closed NAME (disconnected)", "cannot open NAME: why").
     */
    public synchronized List<String> poll() {
        List<String> changes = new ArrayList<>();
        if (selector == null) {
            return changes;
        }
        Map<String, MidiDevice> present = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (MidiDevice d : ports.inputs()) {
            String name = d.getDeviceInfo().getName();
            int n = seen.merge(name, 1, Integer::sum);
            if ("all".equalsIgnoreCase(selector) || name.equals(selector)) {
                present.put(n == 1 ? name : name + " #" + n, d);
            }
        }
        for (var it = opened.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!present.containsKey(e.getKey())) {
                closeQuietly(e.getValue());
                it.remove();
                changes.add("closed " + e.getKey() + " (disconnected)");
            }
        }
        for (var e : present.entrySet()) {
            if (opened.containsKey(e.getKey())) {
                continue;
            }
            MidiDevice d = e.getValue();
            try {
                if (!d.isOpen()) {
                    d.open();
                }
                d.getTransmitter().setReceiver(receiver());
                opened.put(e.getKey(), d);
                changes.add("opened " + e.getKey());
            } catch (MidiUnavailableException | RuntimeException ex) {
                closeQuietly(d);
                changes.add("cannot open " + e.getKey() + ": " + ex.getMessage());
            }
        }
        Consumer<String> s = status;
        changes.forEach(s);
        return changes;
    }

    /** Polls for added and removed devices every {@code periodMillis} on a daemon thread until closed. */
    public synchronized void startHotplug(long periodMillis) {
        if (hotplug != null) {
            return;
        }
        hotplug = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "midi-hotplug");
            t.setDaemon(true);
            return t;
        });
        hotplug.scheduleWithFixedDelay(() -> {
            try {
                poll();
            } catch (RuntimeException e) {
                status.accept("MIDI device scan failed: " + e);
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private static void closeQuietly(MidiDevice d) {
        try {
            d.close();
        } catch (RuntimeException e) {
            // a device that vanished may fail to close; it is gone either way
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService h;
        synchronized (this) {
            h = hotplug;
            hotplug = null;
            selector = null;
            opened.values().forEach(MidiInput::closeQuietly);
            opened.clear();
        }
        if (h != null) {
            h.shutdownNow();
        }
    }
}
