package org.foleyworks.engine;

import java.util.List;

import org.foleyworks.dsp.DetMath;
import org.foleyworks.dsp.Random64;

/**
 * The voice engine. Renders layer sets of samples into track (or layer stem) buses and a stereo master, in
 * blocks of at most {@link EngineConfig#blockSize()} frames, sample-accurately: an event takes effect at its own
 * frame inside a block.
 *
 * <p>Threads. Methods marked <b>RT</b> run on the audio thread only and never allocate, lock, log, do I/O or
 * throw in steady state. <b>CT</b> methods may be called from any control thread at any time (they post to a
 * preallocated lock-free ring). <b>OFF</b> methods may only be called while nothing is rendering.
 *
 * <p>Determinism. All randomness comes from per-layer {@link Random64} streams seeded from
 * {@link EngineConfig#seed()}, and each trigger draws a fixed number of values, so the same program, events and
 * seed give bit-identical output, offline or live.
 */
public final class Engine implements EventSink {
    /** Lanes (voice channels) rendered together: a group's 64-frame matrix (32 KB) stays in the L1 cache. */
    static final int GROUP = 128;
    /** Pitch limit of a voice, cents either way (8 octaves, as far as any sampler transposes). */
    static final double MAX_CENTS = 9600;

    private final EngineConfig cfg;
    private final int sr;
    private final int block;
    private final EventRing ring;
    private final Voice[] voices;
    private final int[] free;
    private int freeCount;
    private final int[] active;
    private int activeCount;
    private final float[] matrix;     // frames by lanes, row r at r * GROUP
    private final LaneMixer lanes;
    private final int[] byBus;        // sounding voices ordered by bus, this sub-block
    private int[] busStart = new int[1];
    private final SincTable sinc;
    private VoiceStealing stealing = VoiceStealing.RELEASED_THEN_OLDEST;
    private final TriggerLog log;
    /** Layers the trigger log holds by default: what a recorder reads every few milliseconds, with room to spare. */
    public static final int TRIGGER_LOG = 1 << 16;
    /** Enough for an engine whose trigger log nobody reads (a bounce's: 4.8 MB less per take). */
    public static final int UNREAD_TRIGGER_LOG = 64;
    // disk streaming: the mode and late-read counter its voices share, and a pool of streams (a free stack)
    private final Voice.Disk disk = new Voice.Disk();
    private DiskStream[] streams = new DiskStream[0];
    private int[] freeStreams = new int[0];
    private int freeStreamCount;
    /** Streams kept for live playback: voices of streamed samples that can read from disk at once. */
    public static final int LIVE_STREAMS = 64;

    /** How a render gets a streamed sample's chunk that the disk has not delivered yet. */
    public enum DiskMode {
        /** Live: a reader thread reads ahead; a chunk not there in time plays as silence and counts as late. */
        LIVE,
        /** A reader thread reads ahead and the render waits for it (offline: overlaps reading and rendering). */
        WAIT,
        /** The render thread reads what it needs itself (offline; the default). */
        READ
    }

    // pending events, sorted by frame (drained from the ring)
    private final long[] pWhen;
    private final int[] pType, pA, pB;
    private final float[] pValue;
    private final int[] pP;           // payload slot of LAYER_RANGE / PLAYED events, else -1
    // payload pool (preallocated, a free stack of slots)
    private final int[] plC, plE0, plE1, plE2, plFree;
    private final double[] plD0, plD1, plD2, plD3;
    private int plFreeCount;
    private long replayId;            // trigger id of the replayed trigger whose layers are arriving
    private int pHead, pCount; // pending events live in [pHead, pHead + pCount)

    // program
    private Program program;
    private LayerRuntime[][] layers;  // [set][layer]
    private Random64[] setRng;        // per set: the one random value each trigger shares (SFZ lorand/hirand)
    private int[] setGroup, setOffBy;
    private boolean[] hasReleaseLayers;
    private float[] lastVelocity;
    private float[][] ctlTarget, ctlNow;
    private int[] ctlVersion;
    private final float ctlCoef;

    // buses: [bus][channel][frame]
    private String[] busNames = new String[0];
    private float[][][] buses = new float[0][][];
    private int[] stemToTrack = new int[0];
    private String[] trackNames = new String[0];
    private float[][][] tracks = new float[0][][];
    private final float[][] master;

    private long frame;
    private volatile long publishedFrame;
    private long triggerCounter;
    private int lastRendered;

    // statistics (RT writes, CT reads approximately)
    private volatile int voicesNow;
    private int peakVoices;
    private long steals, hardCuts, triggers, lateEvents, skippedTriggers;

    /** A layer's runtime state: its random stream and selection history. */
    static final class LayerRuntime {
        final LayerSpec spec;
        final Random64 rng;
        final int[] history;
        int historyCount, historyPos, rr, seq;
        final boolean[] candidate;
        float level; // changed live by LAYER_LEVEL events (audio thread)
        /** Randomisation bounds ({@link LayerParams}), changed live by LAYER_RANGE events (audio thread). */
        final double[] param = new double[LayerParams.COUNT];
        int bus;
        final int releaseFrames, attackFrames, holdFrames, decayFrames;
        /** ln(level) change per frame of the release: -80 dB over the release time. */
        final double releaseLog;

        LayerRuntime(LayerSpec s, long seed, int sr) {
            spec = s;
            rng = new Random64(seed);
            history = new int[Math.max(1, s.noRepeat)];
            candidate = new boolean[s.samples.length];
            level = (float) DetMath.dbToGain(s.levelDb);
            LayerParams.fromSpec(s, param);
            releaseFrames = (int) Math.max(1, s.releaseMs * sr / 1000);
            attackFrames = (int) (s.attackMs * sr / 1000);
            holdFrames = (int) (s.holdMs * sr / 1000);
            decayFrames = (int) (s.decayMs * sr / 1000);
            releaseLog = StrictMath.log(EngineConfig.SILENCE) / releaseFrames;
        }
    }

    /** OFF: builds an engine; allocates everything it will use. */
    public Engine(EngineConfig cfg) {
        this(cfg, TRIGGER_LOG);
    }

    /**
     * OFF: builds an engine whose {@link #triggerLog()} holds {@code triggerLog} layers (a power of two; the
     * oldest are overwritten when nobody reads them); allocates everything it will use.
     */
    public Engine(EngineConfig cfg, int triggerLog) {
        this.log = new TriggerLog(triggerLog);
        this.cfg = cfg;
        this.sr = cfg.sampleRate();
        kCoef = org.foleyworks.dsp.KWeighting.coefficients(sr);
        this.block = cfg.blockSize();
        this.ring = new EventRing(cfg.eventCapacity());
        int pool = cfg.maxVoices() + cfg.fadeVoices();
        voices = new Voice[pool];
        free = new int[pool];
        active = new int[pool];
        for (int i = 0; i < pool; i++) {
            voices[i] = new Voice();
            voices[i].index = i;
            voices[i].disk = disk;
            free[i] = pool - 1 - i;
        }
        freeCount = pool;
        matrix = new float[block * GROUP];
        lanes = LaneMixer.create(GROUP);
        byBus = new int[pool];
        sinc = cfg.interp() == Interp.SINC ? new SincTable() : null;
        int cap = cfg.eventCapacity();
        pWhen = new long[cap];
        pType = new int[cap];
        pA = new int[cap];
        pB = new int[cap];
        pValue = new float[cap];
        pP = new int[cap];
        plC = new int[cap];
        plE0 = new int[cap];
        plE1 = new int[cap];
        plE2 = new int[cap];
        plD0 = new double[cap];
        plD1 = new double[cap];
        plD2 = new double[cap];
        plD3 = new double[cap];
        plFree = new int[cap];
        for (int i = 0; i < cap; i++) {
            plFree[i] = cap - 1 - i;
        }
        plFreeCount = cap;
        master = new float[2][block];
        ctlCoef = (float) (1 - StrictMath.exp(-block / (EngineConfig.CONTROL_SMOOTHING_MS * sr / 1000.0)));
    }

    /** Any thread: the configuration (immutable). */
    public EngineConfig config() {
        return cfg;
    }

    /** OFF: the stealing strategy. */
    public void setStealing(VoiceStealing s) {
        this.stealing = s;
    }

    /** OFF: installs a program (layer sets), its buses and fresh random streams from the seed. */
    public void setProgram(Program p) {
        this.program = p;
        List<String> trackList = p.tracks();
        trackNames = trackList.toArray(new String[0]);
        tracks = new float[trackNames.length][2][block];
        trackPeak = new float[trackNames.length];
        kState = new double[trackNames.length + 1][16];
        kSum = new double[trackNames.length + 1];
        boolean layerStems = cfg.stems() == EngineConfig.StemMode.LAYERS;
        List<String> stemList = layerStems ? p.layerStems() : trackList;
        busNames = stemList.toArray(new String[0]);
        buses = layerStems ? new float[busNames.length][2][block] : tracks;
        busStart = new int[buses.length + 1];
        stemToTrack = new int[busNames.length];
        int sets = p.sets().size();
        layers = new LayerRuntime[sets][];
        setRng = new Random64[sets];
        setGroup = new int[sets];
        hasReleaseLayers = new boolean[sets];
        lastVelocity = new float[sets];
        setOffBy = new int[sets];
        ctlTarget = new float[sets][Controls.COUNT];
        ctlNow = new float[sets][Controls.COUNT];
        ctlVersion = new int[sets];
        for (int s = 0; s < sets; s++) {
            LayerSetSpec set = p.sets().get(s);
            setGroup[s] = set.group();
            setOffBy[s] = set.offBy();
            System.arraycopy(Controls.DEFAULTS, 0, ctlTarget[s], 0, Controls.COUNT);
            System.arraycopy(Controls.DEFAULTS, 0, ctlNow[s], 0, Controls.COUNT);
            setRng[s] = new Random64(Random64.mix(cfg.seed(), s, -1));
            layers[s] = new LayerRuntime[set.layers().size()];
            for (int l = 0; l < layers[s].length; l++) {
                LayerSpec spec = set.layers().get(l);
                LayerRuntime lr = new LayerRuntime(spec, Random64.mix(cfg.seed(), s, l), sr);
                String busName = layerStems ? spec.track + "-" + spec.stemName() : spec.track;
                lr.bus = stemList.indexOf(busName);
                layers[s][l] = lr;
                hasReleaseLayers[s] |= spec.onRelease;
            }
        }
        for (int b = 0; b < busNames.length; b++) {
            String n = busNames[b];
            stemToTrack[b] = layerStems ? trackList.indexOf(n.substring(0, n.indexOf('-'))) : b;
        }
        if (p.streams() && streams.length == 0) {
            growStreams(Math.min(LIVE_STREAMS, voices.length));
        }
        reset();
    }

    /**
     * OFF: how renders get streamed samples' audio from disk ({@link DiskMode}; READ unless set). The live output
     * sets LIVE before it starts; offline renders keep READ (or WAIT), so they are bit-identical to rendering from
     * memory.
     */
    public void setDiskMode(DiskMode m) {
        DiskReader.unregister(streams);
        disk.mode = m == DiskMode.LIVE ? Voice.Disk.LIVE : m == DiskMode.WAIT ? Voice.Disk.WAIT : Voice.Disk.READ;
        if (m != DiskMode.READ && streams.length > 0) {
            DiskReader.register(streams);
        }
    }

    /** Any thread: the disk mode. */
    public DiskMode diskMode() {
        return disk.mode == Voice.Disk.LIVE ? DiskMode.LIVE : disk.mode == Voice.Disk.WAIT ? DiskMode.WAIT : DiskMode.READ;
    }

    /** OFF: keeps at least {@code n} disk streams (voices of streamed samples reading from disk at once). */
    public void setDiskStreams(int n) {
        if (n > streams.length) {
            growStreams(n - streams.length);
        }
    }

    private void growStreams(int more) {
        DiskReader.unregister(streams);
        DiskStream[] s = java.util.Arrays.copyOf(streams, streams.length + more);
        int[] f = java.util.Arrays.copyOf(freeStreams, s.length);
        for (int i = streams.length; i < s.length; i++) {
            s[i] = new DiskStream(i);
            f[freeStreamCount++] = i;
        }
        streams = s;
        freeStreams = f;
        if (disk.mode != Voice.Disk.READ) {
            DiskReader.register(streams);
        }
    }

    /** RT: a stream for a voice of a streamed sample starting at data-array frame {@code ix}; null when none is free. */
    private DiskStream takeStream(SampleData sd, int ix) {
        if (freeStreamCount == 0) {
            if (disk.mode == Voice.Disk.LIVE) {
                return null; // live: the voice plays its head, then silence counted late
            }
            growStreams(Math.max(8, streams.length)); // offline renders are not real-time: they never go short
        }
        DiskStream s = streams[freeStreams[--freeStreamCount]];
        s.request(sd, sd.firstChunk(ix));
        return s;
    }

    private void releaseStream(Voice v) {
        if (v.stream != null) {
            v.stream.request(null, -1);
            freeStreams[freeStreamCount++] = v.stream.index;
            v.stream = null;
        }
    }

    /** CT (display, approximately): chunks of streamed samples that were not read in time (live; 0 offline). */
    public long diskLate() {
        return disk.late;
    }

    /** CT (display): chunks that could not be read (a file gone or damaged since loading), and the last reason. */
    public long diskErrors() {
        long n = 0;
        for (DiskStream s : streams) {
            n += s.errors();
        }
        return n;
    }

    /** CT (display): why the last chunk could not be read, or null. */
    public String diskLastError() {
        for (DiskStream s : streams) {
            if (s.lastError() != null) {
                return s.lastError();
            }
        }
        return null;
    }

    /** OFF: silences everything and rewinds the clock to frame 0 and the random streams to the seed. */
    public void reset() {
        for (Voice v : voices) {
            v.stage = Voice.FREE;
            releaseStream(v);
        }
        freeCount = voices.length;
        for (int i = 0; i < voices.length; i++) {
            free[i] = voices.length - 1 - i;
        }
        activeCount = 0;
        pHead = 0;
        pCount = 0;
        while (ring.ready()) {
            ring.advance();
        }
        frame = 0;
        publishedFrame = 0;
        triggerCounter = 0;
        peakVoices = 0;
        steals = hardCuts = triggers = lateEvents = skippedTriggers = 0;
        disk.late = 0;
        replayId = 0;
        log.clear();
        if (layers != null) {
            for (int s = 0; s < layers.length; s++) {
                for (int l = 0; l < layers[s].length; l++) {
                    LayerRuntime lr = layers[s][l];
                    lr.rng.seed(Random64.mix(cfg.seed(), s, l));
                    lr.historyCount = lr.historyPos = lr.rr = lr.seq = 0;
                    lr.level = (float) DetMath.dbToGain(lr.spec.levelDb);
                    LayerParams.fromSpec(lr.spec, lr.param);
                }
                setRng[s].seed(Random64.mix(cfg.seed(), s, -1));
                System.arraycopy(Controls.DEFAULTS, 0, ctlTarget[s], 0, Controls.COUNT);
                System.arraycopy(Controls.DEFAULTS, 0, ctlNow[s], 0, Controls.COUNT);
            }
        }
    }

    /** Any thread: the installed program (immutable once installed). */
    public Program program() {
        return program;
    }

    // ============================================================================================ control side

    /** CT: the frame the engine has rendered up to (for stamping live events). */
    public long framePosition() {
        return publishedFrame;
    }

    /** CT: trigger layer set {@code set} at engine frame {@code at}; {@code key} identifies it for release. */
    @Override
    public boolean trigger(long at, int set, int key, float velocity) {
        return ring.post(EventRing.TRIGGER, at, set, key, velocity);
    }

    /** CT: release the sustained voices of {@code key} (of {@code set}, or of any set when -1). */
    @Override
    public boolean release(long at, int set, int key) {
        return ring.post(EventRing.RELEASE, at, set, key, 0f);
    }

    /** CT: set continuous control {@code control} of {@code set} (-1: every set); smoothed on the audio side. */
    @Override
    public boolean control(long at, int set, int control, float value) {
        return ring.post(EventRing.CONTROL, at, set, control, value);
    }

    /** CT: per-note expression for the voices of {@code key} (see {@link EventSink#noteControl}). */
    @Override
    public boolean noteControl(long at, int key, int control, float value) {
        return ring.post(EventRing.NOTE_CONTROL, at, key, control, value);
    }

    /** CT: a layer's level from now on (the window's layer strip), in dB; -120 and below is silence. */
    @Override
    public boolean layerLevel(long at, int set, int layer, double db) {
        return ring.post(EventRing.LAYER_LEVEL, at, set, layer, db <= -120 ? 0f : (float) DetMath.dbToGain(db));
    }

    /** CT (display, tests): the level (linear gain) a layer plays at now. */
    public float layerGain(int set, int layer) {
        return layers[set][layer].level;
    }

    /**
     * CT: a layer's randomisation range from now on: {@code range} is its low bound's {@link LayerParams} id
     * (cents, dB, octaves, ms, pan -1..1). The installed instrument is not changed; the audio thread keeps its own
     * copy of the bounds.
     */
    @Override
    public boolean layerRange(long at, int set, int layer, int range, double lo, double hi) {
        return ring.post(EventRing.LAYER_RANGE, at, set, layer, 0f, range, 0, 0, 0, lo, hi, 0, 0);
    }

    /** CT (display, saving): a layer's randomisation bound as the audio thread last set it. */
    public double layerParamValue(int set, int layer, int param) {
        return layers[set][layer].param[param];
    }

    /** CT: sets a control at once, without smoothing (a take's starting state). */
    @Override
    public boolean controlSet(long at, int set, int control, float value) {
        return ring.post(EventRing.CONTROL_SET, at, set, control, value);
    }

    /** CT: releases the voices of {@code key} without starting its release layers (replayed takes). */
    @Override
    public boolean releaseVoices(long at, int set, int key) {
        return ring.post(EventRing.RELEASE_VOICES, at, set, key, 0f);
    }

    /**
     * CT: one layer of a trigger exactly as a take played it: no random draw (see {@link EventSink#played}).
     */
    @Override
    public boolean played(long at, int set, int key, float velocity, int layer, boolean first, boolean onRelease,
                          int sample, double cents, double gainDb, double cutoffHz, double pan, int startFrames,
                          int delayFrames) {
        int flags = (layer & 0xFFFF) | (first ? 1 << 16 : 0) | (onRelease ? 1 << 17 : 0);
        return ring.post(EventRing.PLAYED, at, set, key, velocity, flags, sample, startFrames, delayFrames,
                cents, gainDb, cutoffHz, pan);
    }

    /** CT (control side, display): a set's control target. */
    public float controlTarget(int set, int control) {
        return ctlTarget[set][control];
    }

    /** CT: release every sustained voice. */
    @Override
    public boolean releaseAll(long at) {
        return ring.post(EventRing.RELEASE_ALL, at, 0, 0, 0f);
    }

    /** CT: cut every voice with a short fade (panic). */
    @Override
    public boolean allOff(long at) {
        return ring.post(EventRing.ALL_OFF, at, 0, 0, 0f);
    }

    /** Any thread: what runs the lane pass (filter and mix) on this machine: "vector (256-bit)" or "scalar". */
    public String lanePass() {
        return lanes.kind();
    }

    /** CT: events the ring refused because it was full. */
    public long droppedEvents() {
        return ring.dropped();
    }

    // ============================================================================================ audio side

    /**
     * RT: renders the next {@code frames} frames (1..blockSize) into the buses and master, applying every event
     * due inside them at its own frame.
     */
    public void render(int frames) {
        if (frames > block) {
            frames = block; // callers loop over blocks; never throw on the audio thread
        }
        drainRing();
        for (float[][] b : buses) {
            java.util.Arrays.fill(b[0], 0, frames, 0f);
            java.util.Arrays.fill(b[1], 0, frames, 0f);
        }
        if (buses != tracks) {
            for (float[][] t : tracks) {
                java.util.Arrays.fill(t[0], 0, frames, 0f);
                java.util.Arrays.fill(t[1], 0, frames, 0f);
            }
        }
        smoothControls();
        long end = frame + frames;
        int done = 0;
        while (done < frames) {
            // apply every event due at or before the current frame
            while (pCount > 0 && pWhen[pHead] <= frame + done) {
                if (pWhen[pHead] < frame) {
                    lateEvents++;
                }
                applyEvent(frame + done, pHead);
                popPending();
            }
            int until = frames;
            if (pCount > 0 && pWhen[pHead] < end) {
                until = (int) (pWhen[pHead] - frame);
            }
            renderVoices(frame + done, done, until - done);
            done = until;
        }
        mixdown(frames);
        frame = end;
        publishedFrame = end;
        lastRendered = frames;
        voicesNow = activeCount;
    }

    private void drainRing() {
        while (ring.ready()) {
            if (pCount == pWhen.length) {
                // pending full: apply the earliest now rather than lose it
                applyEvent(frame, pHead);
                popPending();
            }
            int t = ring.type();
            int slot = -1;
            if ((t == EventRing.LAYER_RANGE || t == EventRing.PLAYED) && plFreeCount > 0) {
                slot = plFree[--plFreeCount];
                plC[slot] = ring.c();
                plE0[slot] = ring.e0();
                plE1[slot] = ring.e1();
                plE2[slot] = ring.e2();
                plD0[slot] = ring.d0();
                plD1[slot] = ring.d1();
                plD2[slot] = ring.d2();
                plD3[slot] = ring.d3();
            }
            insertPending(ring.when(), t, ring.a(), ring.b(), ring.value(), slot);
            ring.advance();
        }
    }

    private void insertPending(long when, int type, int a, int b, float v, int slot) {
        if (pHead + pCount == pWhen.length) { // the tail reached the end: move the live part to the front, once
            System.arraycopy(pWhen, pHead, pWhen, 0, pCount);
            System.arraycopy(pType, pHead, pType, 0, pCount);
            System.arraycopy(pA, pHead, pA, 0, pCount);
            System.arraycopy(pB, pHead, pB, 0, pCount);
            System.arraycopy(pValue, pHead, pValue, 0, pCount);
            System.arraycopy(pP, pHead, pP, 0, pCount);
            pHead = 0;
        }
        int i = pHead + pCount;
        while (i > pHead && pWhen[i - 1] > when) { // stable: equal times keep posting order
            pWhen[i] = pWhen[i - 1];
            pType[i] = pType[i - 1];
            pA[i] = pA[i - 1];
            pB[i] = pB[i - 1];
            pValue[i] = pValue[i - 1];
            pP[i] = pP[i - 1];
            i--;
        }
        pWhen[i] = when;
        pType[i] = type;
        pA[i] = a;
        pB[i] = b;
        pValue[i] = v;
        pP[i] = slot;
        pCount++;
    }

    /** Drops the earliest pending event: O(1), events arriving in time order are appended at the tail. */
    private void popPending() {
        if (pP[pHead] >= 0) {
            plFree[plFreeCount++] = pP[pHead];
        }
        pHead++;
        pCount--;
        if (pCount == 0) {
            pHead = 0;
        }
    }

    /** Applies pending event {@code i} at frame {@code at}. */
    private void applyEvent(long at, int i) {
        if (program == null) {
            return;
        }
        int type = pType[i], a = pA[i], b = pB[i], slot = pP[i];
        float v = pValue[i];
        switch (type) {
            case EventRing.TRIGGER -> {
                if (a >= 0 && a < layers.length) {
                    startTrigger(at, a, b, Math.max(0f, Math.min(1f, v)));
                }
            }
            case EventRing.RELEASE, EventRing.RELEASE_VOICES -> {
                for (int k = 0; k < activeCount; k++) {
                    Voice x = voices[active[k]];
                    if (x.key == b && (a < 0 || x.set == a) && !x.oneShot) {
                        x.release(layers[x.set][x.layer].releaseLog);
                    }
                }
                if (type == EventRing.RELEASE && a >= 0 && a < layers.length && hasReleaseLayers[a]) {
                    startLayers(at, a, b, lastVelocity[a], true);
                }
            }
            case EventRing.RELEASE_ALL -> {
                for (int k = 0; k < activeCount; k++) {
                    Voice x = voices[active[k]];
                    if (!x.oneShot) {
                        x.release(layers[x.set][x.layer].releaseLog);
                    }
                }
            }
            case EventRing.ALL_OFF -> {
                for (int k = 0; k < activeCount; k++) {
                    voices[active[k]].fade(cutFrames());
                }
            }
            case EventRing.CONTROL, EventRing.CONTROL_SET -> {
                if (b >= 0 && b < Controls.COUNT) {
                    float c = Controls.clamp(b, v);
                    for (int s = a < 0 ? 0 : a; s < (a < 0 ? ctlTarget.length : Math.min(a + 1, ctlTarget.length)); s++) {
                        ctlTarget[s][b] = c;
                        if (type == EventRing.CONTROL_SET) {
                            ctlNow[s][b] = c;
                            ctlVersion[s]++;
                        }
                    }
                }
            }
            case EventRing.LAYER_RANGE -> {
                if (slot >= 0 && a >= 0 && a < layers.length && b >= 0 && b < layers[a].length) {
                    int p = plC[slot];
                    if (p >= 0 && p + 1 < LayerParams.COUNT && (p & 1) == 0) {
                        layers[a][b].param[p] = plD0[slot];
                        layers[a][b].param[p + 1] = plD1[slot];
                    }
                }
            }
            case EventRing.PLAYED -> {
                if (slot >= 0 && a >= 0 && a < layers.length) {
                    replayLayer(at, a, b, Math.max(0f, Math.min(1f, v)), plC[slot], plE0[slot], plE1[slot], plE2[slot],
                            plD0[slot], plD1[slot], plD2[slot], plD3[slot]);
                }
            }
            case EventRing.LAYER_LEVEL -> {
                if (a >= 0 && a < layers.length && b >= 0 && b < layers[a].length) {
                    layers[a][b].level = v;
                }
            }
            case EventRing.NOTE_CONTROL -> {
                for (int k = 0; k < activeCount; k++) {
                    Voice x = voices[active[k]];
                    if (x.key == a) {
                        noteControl(x, b, v);
                    }
                }
            }
            default -> {
            }
        }
    }

    /** Sets a voice's per-note target; the first value of a sounding voice glides from the set's own value. */
    private void noteControl(Voice x, int control, float v) {
        int bit = control == Controls.INTENSITY ? Voice.NOTE_INTENSITY
                : control == Controls.BRIGHTNESS ? Voice.NOTE_BRIGHTNESS : control == Controls.BEND ? Voice.NOTE_BEND : 0;
        if (bit == 0 || x.set < 0 || x.set >= ctlNow.length) {
            return;
        }
        float target = control == Controls.BEND ? Math.max(-96f, Math.min(96f, v)) : Math.max(0f, Math.min(1f, v));
        boolean first = (x.noteMask & bit) == 0;
        x.noteMask |= bit;
        if (control == Controls.INTENSITY) {
            x.nIntT = target;
            x.nIntN = !x.started ? target : first ? ctlNow[x.set][Controls.INTENSITY] : x.nIntN;
        } else if (control == Controls.BRIGHTNESS) {
            x.nBriT = target;
            x.nBriN = !x.started ? target : first ? ctlNow[x.set][Controls.BRIGHTNESS] : x.nBriN;
        } else {
            x.nBendT = target;
            x.nBendN = !x.started ? target : x.nBendN;
        }
        x.ctlVersion = -1;
    }

    private int cutFrames() {
        return (int) (EngineConfig.CUT_FADE_MS * sr / 1000);
    }

    private void smoothControls() {
        for (int s = 0; s < ctlNow.length; s++) {
            boolean changed = false;
            float[] now = ctlNow[s], target = ctlTarget[s];
            for (int c = 0; c < Controls.COUNT; c++) {
                float d = target[c] - now[c];
                if (d != 0f) {
                    now[c] = Math.abs(d) < 1e-4f ? target[c] : now[c] + d * ctlCoef;
                    changed = true;
                }
            }
            if (changed) {
                ctlVersion[s]++;
            }
        }
    }

    // ---------------------------------------------------------------------------------------- triggers

    private void startTrigger(long at, int set, int key, float velocity) {
        triggers++;
        lastVelocity[set] = velocity;
        choke(set);
        startLayers(at, set, key, velocity, false);
    }

    /** This trigger's group cuts the sets that are off-by it. */
    private void choke(int set) {
        int g = setGroup[set];
        if (g != 0) {
            for (int i = 0; i < activeCount; i++) {
                Voice x = voices[active[i]];
                if (setOffBy[x.set] == g && x.stage != Voice.FADE) {
                    x.fade(cutFrames());
                }
            }
        }
    }

    /** Starts the layers of a set that play on press (or, with {@code onRelease}, on release). */
    private void startLayers(long at, int set, int key, float velocity, boolean onRelease) {
        long id = ++triggerCounter;
        LayerRuntime[] ls = layers[set];
        int vel127 = Math.round(velocity * 127f);
        double uTrigger = setRng[set].nextDouble(); // shared by the layers: SFZ-style lorand/hirand
        for (int l = 0; l < ls.length; l++) {
            LayerRuntime lr = ls[l];
            LayerSpec s = lr.spec;
            if (s.onRelease != onRelease) {
                continue;
            }
            Random64 r = lr.rng;
            double[] pr = lr.param;
            // a fixed number of draws per layer per trigger keeps later triggers' randomness independent of this one
            double uPick = r.nextDouble();
            double uPitch = r.nextDouble(), uStep = r.nextDouble(), uGain = r.nextDouble(), uCut = r.nextDouble();
            double uStart = r.nextDouble(), uPan = r.nextDouble(), uDelay = r.nextDouble();
            int pick = choose(lr, vel127, uPick, uTrigger);
            if (pick < 0) {
                skippedTriggers++;
                continue;
            }
            SampleData sd = s.samples[pick];
            double cents = lerp(pr, LayerParams.PITCH_LO, uPitch);
            if (s.steps != null && s.steps.length > 0) {
                cents += 100.0 * s.steps[Math.min(s.steps.length - 1, (int) (uStep * s.steps.length))];
            }
            int keyCenter = s.sampleKeyCenter != null && s.sampleKeyCenter[pick] >= 0 ? s.sampleKeyCenter[pick] : s.keyCenter;
            if (keyCenter >= 0) {
                cents += 100.0 * ((key & 127) - keyCenter);
            }
            if (s.sampleCents != null) {
                cents += s.sampleCents[pick];
            }
            double gainDb = lerp(pr, LayerParams.GAIN_LO, uGain)
                    + (s.velocityCurveDb != null ? s.velocityCurveDb[vel127] : -s.velocityDb * (1.0 - velocity))
                    + (s.sampleDb != null ? s.sampleDb[pick] : 0);
            double pan = lerp(pr, LayerParams.PAN_LO, uPan);
            double cutoff = s.cutoffHz * DetMath.exp2(lerp(pr, LayerParams.CUTOFF_LO, uCut) + s.velocityOctaves * (velocity - 1.0));
            int startOff = (int) (lerp(pr, LayerParams.START_LO, uStart) * sr / 1000) + (s.sampleStart != null ? s.sampleStart[pick] : 0);
            if (startOff >= sd.frames - 1 || startOff < 0) {
                startOff = 0;
            }
            int delayFrames = (int) (Math.max(0.0, lerp(pr, LayerParams.DELAY_LO, uDelay)) * sr / 1000);
            if (startVoice(at, id, set, l, key, pick, cents, gainDb, cutoff, pan, startOff, delayFrames)) {
                log.add(id, at, set, l, key, velocity, pick, cents, gainDb, cutoff, pan, startOff, delayFrames);
            } else {
                skippedTriggers++;
            }
        }
    }

    /**
     * A replayed layer: a take plays back what it played when it was performed (sample and every drawn value), so
     * nothing is drawn and no random stream moves. {@code flags}: layer index in the low 16 bits, bit 16 = the
     * first layer of its trigger (the trigger's bookkeeping: count, choke, a new trigger id), bit 17 = a layer
     * started by a release; layer -1 with bit 16 is a trigger that started no layer.
     */
    private void replayLayer(long at, int set, int key, float velocity, int flags, int pick, int startOff, int delayFrames,
                             double cents, double gainDb, double cutoff, double pan) {
        boolean first = (flags & (1 << 16)) != 0, onRelease = (flags & (1 << 17)) != 0;
        int l = (short) (flags & 0xFFFF);
        if (first) {
            replayId = ++triggerCounter;
            if (!onRelease) {
                triggers++;
                lastVelocity[set] = velocity;
                choke(set);
            }
        }
        LayerRuntime[] ls = layers[set];
        if (l < 0 || l >= ls.length || pick < 0 || pick >= ls[l].spec.samples.length) {
            return;
        }
        SampleData sd = ls[l].spec.samples[pick];
        if (startOff >= sd.frames - 1 || startOff < 0) {
            startOff = 0;
        }
        if (!startVoice(at, replayId, set, l, key, pick, cents, gainDb, cutoff, pan, startOff, Math.max(0, delayFrames))) {
            skippedTriggers++;
        }
    }

    /** Starts one voice of layer {@code l} of {@code set} with its drawn values; false when no voice is free. */
    private boolean startVoice(long at, long id, int set, int l, int key, int pick, double cents, double gainDb,
                               double cutoff, double pan, int startOff, int delayFrames) {
        LayerRuntime lr = layers[set][l];
        LayerSpec s = lr.spec;
        Voice v = allocate();
        if (v == null) {
            return false;
        }
        SampleData sd = s.samples[pick];
        v.triggerId = id;
        v.set = set;
        v.layer = l;
        v.key = key;
        v.bus = lr.bus;
        v.oneShot = s.oneShot && !s.loop;
        v.sample = sd;
        v.d0 = sd.table == null ? null : sd.table[0];
        v.d1 = sd.channels > 1 ? (sd.table == null ? sd.head[1] : sd.table[1]) : null; // only tested for null when streamed
        releaseStream(v);
        v.lateChunk = -1;
        if (sd.source != null) {
            v.stream = takeStream(sd, SampleData.PAD + startOff);
        }
        v.looped = s.loop && sd.looped;
        v.trigCents = cents;
        v.trigGain = (float) (lr.level * DetMath.dbToGain(gainDb));
        v.trigPan = pan;
        v.filterMode = s.filter.ordinal();
        v.q = Math.max(0.1, s.resonance);
        v.trigCutoff = cutoff;
        v.pos = (long) (SampleData.PAD + startOff) << 32;
        v.endPos = v.looped ? (long) (SampleData.PAD + sd.loopEnd + 1) << 32 : (long) (SampleData.PAD + sd.frames) << 32;
        v.loopLen = (long) (sd.loopEnd - sd.loopStart + 1) << 32;
        v.startFrame = at + delayFrames;
        // envelope: a sample entered at its first frame keeps its transient; anywhere else fades in
        int attack = lr.attackFrames;
        if (startOff > 0) {
            attack = Math.max(attack, (int) (EngineConfig.ENTRY_FADE_MS * sr / 1000));
        }
        v.level = attack > 0 ? 0f : 1f;
        v.attackStep = attack > 0 ? 1f / attack : 1f;
        v.holdLeft = lr.holdFrames;
        v.sustainLevel = (float) Math.max(0, Math.min(1, s.sustain));
        v.decayStep = lr.decayFrames > 0 ? (1f - v.sustainLevel) / lr.decayFrames : 0f;
        v.stage = Voice.DELAY;
        v.started = false;
        v.ctlVersion = -1;
        v.noteMask = 0;
        v.nBendN = v.nBendT = 0f;
        v.ic1L = v.ic2L = v.ic1R = v.ic2R = 0f;
        v.cutoffNow = -1;
        return true;
    }

    private static double lerp(double[] p, int lo, double u) {
        return p[lo] + (p[lo + 1] - p[lo]) * u;
    }

    /**
     * Chooses a sample index for a layer, or -1 when none may play: velocity zones, then per-sample conditions
     * (sequence position of this layer's trigger count, the trigger's shared random value), then the layer's
     * selection among what is left.
     */
    private static int choose(LayerRuntime lr, int vel127, double u, double uTrigger) {
        LayerSpec s = lr.spec;
        int n = s.samples.length;
        int seq = lr.seq++;
        int candidates = 0;
        for (int i = 0; i < n; i++) {
            boolean ok = s.zoneLo == null || vel127 >= s.zoneLo[i] && vel127 <= s.zoneHi[i];
            if (ok && s.seqLength != null) {
                ok = seq % Math.max(1, s.seqLength[i]) == s.seqPosition[i] - 1;
            }
            if (ok && s.randLo != null) {
                ok = uTrigger >= s.randLo[i] && (uTrigger < s.randHi[i] || s.randHi[i] >= 1.0);
            }
            lr.candidate[i] = ok;
            if (ok) {
                candidates++;
            }
        }
        if (candidates == 0) {
            return -1;
        }
        int pick;
        if (s.selection == LayerSpec.Selection.ROUND_ROBIN) {
            int k = lr.rr++ % candidates;
            pick = nth(lr.candidate, k);
        } else {
            // exclude as many of the most recent picks as the pool allows (no-repeat depth)
            int depth = Math.min(s.noRepeat, Math.min(lr.historyCount, candidates - 1));
            for (int h = 0; h < depth; h++) {
                int idx = lr.history[(lr.historyPos - 1 - h + lr.history.length * 2) % lr.history.length];
                if (lr.candidate[idx]) {
                    lr.candidate[idx] = false;
                    candidates--;
                }
            }
            double total = 0;
            for (int i = 0; i < n; i++) {
                if (lr.candidate[i]) {
                    total += s.weights == null ? 1.0 : s.weights[i];
                }
            }
            double target = u * total, acc = 0;
            pick = -1;
            for (int i = 0; i < n; i++) {
                if (lr.candidate[i]) {
                    acc += s.weights == null ? 1.0 : s.weights[i];
                    pick = i;
                    if (target < acc) {
                        break;
                    }
                }
            }
        }
        if (lr.history.length > 0) {
            lr.history[lr.historyPos] = pick;
            lr.historyPos = (lr.historyPos + 1) % lr.history.length;
            lr.historyCount = Math.min(lr.historyCount + 1, lr.history.length);
        }
        return pick;
    }

    private static int nth(boolean[] flags, int k) {
        for (int i = 0; i < flags.length; i++) {
            if (flags[i] && k-- == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Takes a voice from the pool, stealing a whole trigger's voices when the active limit is reached. */
    private Voice allocate() {
        int sounding = 0;
        for (int i = 0; i < activeCount; i++) {
            if (voices[active[i]].stage != Voice.FADE) {
                sounding++;
            }
        }
        if (sounding >= cfg.maxVoices()) {
            long victim = stealing.victim(voices, active, activeCount);
            if (victim >= 0) {
                steals++;
                for (int i = 0; i < activeCount; i++) {
                    Voice x = voices[active[i]];
                    if (x.triggerId == victim) {
                        x.fade(cutFrames());
                    }
                }
            }
        }
        if (freeCount == 0) {
            // every spare voice is fading: cut the oldest fade now
            int oldest = -1;
            for (int i = 0; i < activeCount; i++) {
                Voice x = voices[active[i]];
                if (x.stage == Voice.FADE && (oldest < 0 || x.triggerId < voices[active[oldest]].triggerId)) {
                    oldest = i;
                }
            }
            if (oldest < 0) {
                return null;
            }
            hardCuts++;
            voices[active[oldest]].stage = Voice.FREE;
            removeActive(oldest);
        }
        Voice v = voices[free[--freeCount]];
        active[activeCount++] = v.index;
        if (activeCount > peakVoices) {
            peakVoices = activeCount;
        }
        return v;
    }

    private void removeActive(int i) {
        Voice v = voices[active[i]];
        releaseStream(v);
        active[i] = active[--activeCount];
        free[freeCount++] = v.index;
    }

    // ---------------------------------------------------------------------------------------- rendering

    /**
     * Renders every sounding voice over one sub-block (no event inside it). The voices are taken bus by bus, in
     * groups of at most GROUP lanes (voice channels): each voice interpolates into its column(s) of a
     * frames-by-lanes matrix, then one pass runs every lane's filter across the whole group at once (the lanes
     * are independent, so the JIT vectorises it and no voice waits on its own filter's feedback) and sums the
     * lanes, each with its gain ramp, into the group's bus.
     */
    private void renderVoices(long t0, int offset, int n) {
        if (n <= 0) {
            return;
        }
        // order the sounding voices by bus (a counting sort: stable, no allocation)
        int nb = buses.length;
        int[] start = busStart;
        java.util.Arrays.fill(start, 0);
        for (int i = 0; i < activeCount; i++) {
            Voice v = voices[active[i]];
            v.lane = -1;
            if (sounds(v, t0, n)) {
                start[v.bus + 1]++;
            }
        }
        for (int b = 0; b < nb; b++) {
            start[b + 1] += start[b];
        }
        for (int i = 0; i < activeCount; i++) {
            Voice v = voices[active[i]];
            if (sounds(v, t0, n)) {
                byBus[start[v.bus]++] = v.index; // start[b] moves to the end of bus b
            }
        }
        float[] x = matrix;
        int from = 0;
        for (int b = 0; b < nb; b++) {
            int end = start[b];
            int i = from;
            while (i < end) {
                int first = i, used = 0;
                while (i < end && used <= GROUP - 2) {
                    Voice v = voices[byBus[i]];
                    v.lane = used;
                    used += prepare(v, t0, n, x, used);
                    i++;
                }
                lanes.filterMix(x, GROUP, used, n, buses[b][0], buses[b][1], offset);
                for (int j = first; j < i; j++) {
                    finish(voices[byBus[j]]);
                }
            }
            from = end;
        }
        int i = 0;
        while (i < activeCount) {
            if (voices[active[i]].stage == Voice.FREE) {
                removeActive(i); // swapped: the same slot now holds another voice
            } else {
                i++;
            }
        }
    }

    /** Whether a voice makes sound in the sub-block starting at {@code t0} of {@code n} frames. */
    private static boolean sounds(Voice v, long t0, int n) {
        return v.stage != Voice.FREE && (v.stage != Voice.DELAY || v.startFrame < t0 + n);
    }

    /**
     * Pass 1 for one voice: controls, envelope, its lanes' filter coefficients and gain ramps, interpolation.
     * Returns the lanes it uses (its channels).
     */
    private int prepare(Voice v, long t0, int n, float[] x, int lane) {
        int off = 0;
        if (v.stage == Voice.DELAY) {
            off = (int) Math.max(0, v.startFrame - t0);
            v.stage = Voice.ATTACK;
        }
        int count = n - off;
        int set = v.set;
        if (v.noteMask != 0 && v.smoothNote(ctlCoef)) {
            v.ctlVersion = -1;
        }
        if (v.ctlVersion != ctlVersion[set] || !v.started) {
            updateFromControls(v, layers[set][v.layer].spec, ctlNow[set]);
            v.ctlVersion = ctlVersion[set];
        }
        if (v.filterMode != 0 && v.cutoffNow != v.cutoffTarget) {
            double c = v.cutoffNow < 0 ? v.cutoffTarget : v.cutoffNow + (v.cutoffTarget - v.cutoffNow) * ctlCoef;
            if (Math.abs(c - v.cutoffTarget) < v.cutoffTarget * 1e-3) {
                c = v.cutoffTarget;
            }
            v.setFilter(c, sr);
        }
        float e0 = v.level;
        float e1 = v.advanceEnvelope(count);
        float g = v.trigGain * v.ctlGain;
        float gl1 = g * e1 * v.panL, gr1 = g * e1 * v.panR;
        float gl0, gr0;
        if (!v.started) {
            gl0 = g * e0 * v.panL;
            gr0 = g * e0 * v.panR;
            v.started = true;
        } else {
            gl0 = v.gainL;
            gr0 = v.gainR;
        }
        v.gainL = gl1;
        v.gainR = gr1;
        v.loudness = Math.max(gl1, gr1);
        int produced = sinc != null ? v.sinc(x, lane, off, count, sinc) : v.hermite(x, lane, off, count);
        if (produced < count) {
            v.stage = Voice.FREE; // a one-shot reached its end
        }
        int ch = v.d1 == null ? 1 : 2;
        // rows the voice does not cover this sub-block hold silence
        for (int r = 0; r < off; r++) {
            for (int c = 0; c < ch; c++) {
                x[r * GROUP + lane + c] = 0f;
            }
        }
        for (int r = off + produced; r < n; r++) {
            for (int c = 0; c < ch; c++) {
                x[r * GROUP + lane + c] = 0f;
            }
        }
        // the gain ramp covers the voice's part of the sub-block: gain0 + step * (r + 1 - off) at row r
        float dl = (gl1 - gl0) / Math.max(1, count), dr = (gr1 - gr0) / Math.max(1, count);
        boolean filtered = v.filterMode != 0;
        LaneMixer m = lanes;
        for (int c = 0; c < ch; c++) {
            int l = lane + c;
            m.b1[l] = filtered ? v.a1 : 0f;
            m.b2[l] = filtered ? v.a2 : 0f;
            m.b3[l] = filtered ? v.a3 : 0f;
            m.k0[l] = filtered ? v.m0 : 1f;
            m.k1[l] = filtered ? v.m1 : 0f;
            m.k2[l] = filtered ? v.m2 : 0f;
            m.s1[l] = c == 0 ? v.ic1L : v.ic1R;
            m.s2[l] = c == 0 ? v.ic2L : v.ic2R;
            m.from[l] = off;
            // a mono voice feeds both sides from its one lane; a stereo voice's lanes feed one side each
            boolean left = ch == 1 || c == 0, right = ch == 1 || c == 1;
            m.gainL[l] = left ? gl0 : 0f;
            m.slopeL[l] = left ? dl : 0f;
            m.gainR[l] = right ? gr0 : 0f;
            m.slopeR[l] = right ? dr : 0f;
        }
        return ch;
    }

    /** After the group's pass: the filter state back into the voice, denormals flushed to exact zeros. */
    private void finish(Voice v) {
        int lane = v.lane;
        v.ic1L = flush(lanes.s1[lane]);
        v.ic2L = flush(lanes.s2[lane]);
        if (v.d1 != null) {
            v.ic1R = flush(lanes.s1[lane + 1]);
            v.ic2R = flush(lanes.s2[lane + 1]);
        }
        v.lane = -1;
    }

    private static float flush(float f) {
        return Math.abs(f) < 1e-20f ? 0f : f;
    }

    /** Recomputes what the set's continuous controls do to a voice (only when they moved). */
    private void updateFromControls(Voice v, LayerSpec s, float[] c) {
        int nm = v.noteMask;
        double intensity = (nm & Voice.NOTE_INTENSITY) != 0 ? v.nIntN : c[Controls.INTENSITY];
        double brightness = (nm & Voice.NOTE_BRIGHTNESS) != 0 ? v.nBriN : c[Controls.BRIGHTNESS];
        double db = s.intensityDb * (intensity - 1.0);
        double gain = db == 0 ? 1.0 : DetMath.dbToGain(db);
        gain *= window(s.xFade, c[Controls.X]) * window(s.yFade, c[Controls.Y]);
        v.ctlGain = (float) gain;
        double cents = v.trigCents + s.bendSemitones * 100.0 * c[Controls.BEND] + 100.0 * v.nBendN;
        // guard: key tracking, bend and per-note bend add up; beyond 8 octaves the position arithmetic would overflow
        double ratio = cents == 0 ? 1.0 : DetMath.centsToRatio(Math.max(-MAX_CENTS, Math.min(MAX_CENTS, cents)));
        v.inc = Math.max(1L, (long) (ratio * Voice.ONE));
        double pan = Math.max(-1, Math.min(1, v.trigPan + s.panAmount * c[Controls.PAN]));
        if (v.d1 == null) {
            double th = (pan + 1) * Math.PI / 4; // constant power
            v.panL = (float) DetMath.cos(th);
            v.panR = (float) DetMath.sin(th);
        } else {
            v.panL = (float) Math.min(1, 1 - pan); // balance for stereo samples
            v.panR = (float) Math.min(1, 1 + pan);
        }
        if (v.filterMode != 0) {
            double oct = s.intensityOctaves * (intensity - 1.0) + s.brightnessOctaves * (brightness - 0.5);
            v.cutoffTarget = oct == 0 ? v.trigCutoff : v.trigCutoff * DetMath.exp2(oct);
        }
    }

    /** Equal-power trapezoid window {in-start, in-end, out-start, out-end}; 1 when there is none. */
    static double window(double[] w, double x) {
        if (w == null) {
            return 1;
        }
        if (x <= w[0] || x >= w[3]) {
            return x <= w[0] && w[0] <= 0 || x >= w[3] && w[3] >= 1 ? 1 : 0;
        }
        if (x < w[1]) {
            return DetMath.sin((x - w[0]) / (w[1] - w[0]) * Math.PI / 2);
        }
        if (x > w[2]) {
            return DetMath.cos((x - w[2]) / (w[3] - w[2]) * Math.PI / 2);
        }
        return 1;
    }

    private void mixdown(int n) {
        if (buses != tracks) {
            for (int b = 0; b < buses.length; b++) {
                float[][] src = buses[b], dst = tracks[stemToTrack[b]];
                for (int i = 0; i < n; i++) {
                    dst[0][i] += src[0][i];
                    dst[1][i] += src[1][i];
                }
            }
        }
        int ask = peakAsk;
        if (ask != peakSeen) { // a display took the peaks: start afresh (only this thread writes them)
            peakSeen = ask;
            peakL = 0f;
            peakR = 0f;
            java.util.Arrays.fill(trackPeak, 0f);
        }
        float[] ml = master[0], mr = master[1];
        java.util.Arrays.fill(ml, 0, n, 0f);
        java.util.Arrays.fill(mr, 0, n, 0f);
        for (int t = 0; t < tracks.length; t++) {
            float[] l = tracks[t][0], r = tracks[t][1];
            float pk = 0f;
            for (int i = 0; i < n; i++) {
                ml[i] += l[i];
                mr[i] += r[i];
                pk = Math.max(pk, Math.max(Math.abs(l[i]), Math.abs(r[i])));
            }
            trackPeak[t] = Math.max(trackPeak[t], pk);
            kWeigh(t + 1, l, r, n);
        }
        float pl = 0f, pr = 0f;
        for (int i = 0; i < n; i++) {
            pl = Math.max(pl, Math.abs(ml[i]));
            pr = Math.max(pr, Math.abs(mr[i]));
        }
        peakL = Math.max(peakL, pl);
        peakR = Math.max(peakR, pr);
        kWeigh(0, ml, mr, n);
    }

    // live loudness: K-weighted power of the master (meter 0) and each track, accumulated per block
    private final double[][] kCoef;
    private double[][] kState = new double[1][16];
    private double[] kSum = new double[1];
    private volatile long kFrames;
    private boolean liveLoudness = true;

    /** Off for offline renders nobody watches: {@link #takeLoudnessPower()} then stays at zero (the audio is the same). */
    public void setLiveLoudness(boolean on) {
        liveLoudness = on;
    }

    /** Adds a bus's K-weighted power (left and right summed, as BS.1770 sums channels) to meter {@code m}. */
    private void kWeigh(int m, float[] l, float[] r, int n) {
        if (!liveLoudness || m >= kState.length) {
            return;
        }
        double[] st = kState[m];
        double[] b1 = kCoef[0], a1 = kCoef[1], a2 = kCoef[3];
        double sum = 0;
        for (int c = 0; c < 2; c++) {
            float[] x = c == 0 ? l : r;
            int o = c * 8;
            double x1 = st[o], x2 = st[o + 1], y1 = st[o + 2], y2 = st[o + 3], z1 = st[o + 4], z2 = st[o + 5];
            for (int i = 0; i < n; i++) {
                double v = x[i];
                double y = b1[0] * v + b1[1] * x1 + b1[2] * x2 - a1[1] * y1 - a1[2] * y2;
                x2 = x1;
                x1 = v;
                double z = y - 2 * y1 + y2 - a2[1] * z1 - a2[2] * z2;
                y2 = y1;
                y1 = y;
                z2 = z1;
                z1 = z;
                sum += z * z;
            }
            st[o] = Math.abs(x1) < 1e-30 ? 0 : x1;
            st[o + 1] = Math.abs(x2) < 1e-30 ? 0 : x2;
            st[o + 2] = Math.abs(y1) < 1e-30 ? 0 : y1;
            st[o + 3] = Math.abs(y2) < 1e-30 ? 0 : y2;
            st[o + 4] = Math.abs(z1) < 1e-30 ? 0 : z1;
            st[o + 5] = Math.abs(z2) < 1e-30 ? 0 : z2;
        }
        kSum[m] += sum;
        if (m == 0) {
            kFrames = kFrames + n; // volatile: written after the sums, so a reader that sees it sees them
        }
    }

    // the reader's side of the loudness totals (only the reading thread touches these)
    private double[] kRead = new double[0];
    private long kReadFrames;

    /**
     * CT (display rate, one reader): K-weighted mean power per frame of the master ([0]) and each track since the
     * last call. The audio thread only ever adds to running totals; the reader keeps what it saw last and takes
     * the difference, so neither writes what the other writes. Momentary loudness over the last 400 ms is
     * -0.691 + 10 log10 of its mean.
     */
    public double[] takeLoudnessPower() {
        long f = kFrames;
        double[] sum = kSum;
        if (kRead.length != sum.length) {
            kRead = new double[sum.length];
            kReadFrames = f;
        }
        double[] out = new double[sum.length];
        long df = f - kReadFrames;
        for (int i = 0; i < out.length; i++) {
            double v = sum[i];
            out[i] = df <= 0 ? 0 : Math.max(0, v - kRead[i]) / df;
            kRead[i] = v;
        }
        kReadFrames = f;
        return out;
    }

    // meters: the largest sample since a display last asked. Only the audio thread writes them; a display reads
    // them and asks for a fresh start (peakAsk), which the audio thread honours at its next block.
    private volatile float peakL, peakR;
    private float[] trackPeak = new float[0];
    private volatile int peakAsk;
    private int peakSeen;

    /** CT (display rate, one reader): the master's peak since the last call, {left, right}. */
    public float[] takeMasterPeak() {
        float[] p = {peakL, peakR};
        peakAsk++;
        return p;
    }

    /** CT (display rate, one reader): each track's peak since the last call of {@link #takeMasterPeak}. */
    public float[] takeTrackPeaks() {
        return trackPeak.clone();
    }

    // ============================================================================================ outputs

    /** CT (one reader): what each trigger played, layer by layer. */
    public TriggerLog triggerLog() {
        return log;
    }

    /** RT: master left/right of the last rendered block ([channel][frame]). */
    public float[][] master() {
        return master;
    }

    /** RT: track buses of the last block, in {@link #trackNames()} order. */
    public float[][][] trackBuses() {
        return tracks;
    }

    /** RT: the buses voices were mixed into (tracks, or layer stems with StemMode.LAYERS). */
    public float[][][] stemBuses() {
        return buses;
    }

    /** Any thread: the track buses' names (fixed while a program is installed). */
    public String[] trackNames() {
        return trackNames.clone();
    }

    /** Any thread: the names of the buses voices mix into. */
    public String[] stemNames() {
        return busNames.clone();
    }

    /** RT (or OFF): frames of the last rendered block. */
    public int lastBlockFrames() {
        return lastRendered;
    }

    /** RT (or OFF): the frame rendered up to; control threads use {@link #framePosition()}. */
    public long frame() {
        return frame;
    }

    /** CT (display): voices sounding after the last block. */
    public int voiceCount() {
        return voicesNow;
    }

    /** OFF (or a display, approximately): most voices that sounded at once. */
    public int peakVoices() {
        return peakVoices;
    }

    /** OFF (or a display, approximately): triggers that stole a voice. */
    public long steals() {
        return steals;
    }

    /** OFF (or a display, approximately): voices cut without a fade (the fade pool was empty). */
    public long hardCuts() {
        return hardCuts;
    }

    /** OFF (or a display, approximately): triggers applied. */
    public long triggers() {
        return triggers;
    }

    /** OFF (or a display, approximately): events applied after their frame (posted too late). */
    public long lateEvents() {
        return lateEvents;
    }

    /** OFF (or a display, approximately): layers that found no sample or no voice. */
    public long skippedTriggers() {
        return skippedTriggers;
    }

    /** CT (display, tests; approximately): the current smoothed value of a control. */
    public float controlValue(int set, int control) {
        return ctlNow[set][control];
    }
}
