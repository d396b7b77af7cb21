package org.foleyworks.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * The RIFF {@code smpl} chunk: sampler information and loops. Loop {@code end} is the last frame of the
 * loop, inclusive, as the chunk defines it.
 */
public record Smpl(int manufacturer, int product, int samplePeriodNanos, int midiUnityNote, int midiPitchFraction,
                   int smpteFormat, int smpteOffset, List<Loop> loops, byte[] samplerData) {

    /** Loop types defined by the chunk. */
    public static final int LOOP_FORWARD = 0, LOOP_ALTERNATING = 1, LOOP_BACKWARD = 2;

    /**
     * One loop. Frame numbers are unsigned 32-bit values held in a long.
     *
     * @param start     first frame of the loop
     * @param end       last frame of the loop, inclusive
     * @param playCount 0 for an endless loop
     */
    public record Loop(int cuePointId, int type, long start, long end, int fraction, int playCount) {
    }

    public Smpl {
        loops = List.copyOf(loops);
        samplerData = samplerData == null ? new byte[0] : samplerData.clone();
    }

    /** A chunk holding only forward loops, for the given sample rate and root key. */
    public static Smpl ofLoops(int sampleRate, int unityNote, List<Loop> loops) {
        return new Smpl(0, 0, (int) Math.round(1e9 / sampleRate), unityNote, 0, 0, 0, loops, null);
    }

    static final int HEADER = 36;
    static final int LOOP_SIZE = 24;

    /**
     * Parses a chunk body.
     *
     * @throws IllegalArgumentException describing what is wrong when the body is too short for what it declares
     */
    public static Smpl decode(byte[] body) {
        if (body.length < HEADER) {
            throw new IllegalArgumentException("smpl chunk is " + body.length + " bytes, needs at least " + HEADER);
        }
        ByteBuffer bb = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        long loopCount = Integer.toUnsignedLong(bb.getInt(28));
        long samplerDataSize = Integer.toUnsignedLong(bb.getInt(32));
        long need = HEADER + loopCount * LOOP_SIZE;
        if (need > body.length) {
            throw new IllegalArgumentException("smpl chunk declares " + loopCount + " loops (" + need
                    + " bytes) but is only " + body.length + " bytes");
        }
        if (need + samplerDataSize > body.length) {
            throw new IllegalArgumentException("smpl chunk declares " + samplerDataSize
                    + " bytes of sampler data but only " + (body.length - need) + " remain");
        }
        Loop[] loops = new Loop[(int) loopCount];
        for (int i = 0; i < loops.length; i++) {
            int o = HEADER + i * LOOP_SIZE;
            loops[i] = new Loop(bb.getInt(o), bb.getInt(o + 4), Integer.toUnsignedLong(bb.getInt(o + 8)),
                    Integer.toUnsignedLong(bb.getInt(o + 12)), bb.getInt(o + 16), bb.getInt(o + 20));
        }
        byte[] data = Arrays.copyOfRange(body, (int) need, (int) (need + samplerDataSize));
        return new Smpl(bb.getInt(0), bb.getInt(4), bb.getInt(8), bb.getInt(12), bb.getInt(16), bb.getInt(20),
                bb.getInt(24), List.of(loops), data);
    }

    /** The chunk body as written to a file. */
    public byte[] encode() {
        ByteBuffer bb = ByteBuffer.allocate(HEADER + loops.size() * LOOP_SIZE + samplerData.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        bb.putInt(manufacturer).putInt(product).putInt(samplePeriodNanos).putInt(midiUnityNote)
                .putInt(midiPitchFraction).putInt(smpteFormat).putInt(smpteOffset).putInt(loops.size())
                .putInt(samplerData.length);
        for (Loop l : loops) {
            bb.putInt(l.cuePointId()).putInt(l.type()).putInt((int) l.start()).putInt((int) l.end())
                    .putInt(l.fraction()).putInt(l.playCount());
        }
        bb.put(samplerData);
        return bb.array();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Smpl s && manufacturer == s.manufacturer && product == s.product
                && samplePeriodNanos == s.samplePeriodNanos && midiUnityNote == s.midiUnityNote
                && midiPitchFraction == s.midiPitchFraction && smpteFormat == s.smpteFormat
                && smpteOffset == s.smpteOffset && loops.equals(s.loops) && Arrays.equals(samplerData, s.samplerData);
    }

    @Override
    public int hashCode() {
        return loops.hashCode() * 31 + midiUnityNote;
    }
}
