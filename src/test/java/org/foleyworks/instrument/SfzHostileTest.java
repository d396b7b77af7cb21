package org.foleyworks.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.foleyworks.audio.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: hostile SFZ and Decent Sampler input gives a clear error or a warning, never a crash, hang or OOM. */
class SfzHostileTest {
    @TempDir
    Path dir;

    private void wav(Path p) throws Exception {
        Files.createDirectories(p.getParent());
        float[] x = new float[64];
        x[0] = 1;
        WavWriter.write(p, new float[][]{x}, 48000, WavWriter.Options.of(WavWriter.Encoding.PCM16));
    }

    private InstrumentException refused(Path f) {
        return assertThrows(InstrumentException.class, () -> new InstrumentLoader(List.of(), 48000).load(f));
    }

    @Test
    void oddValuesAreWarningsNotCrashes() throws Exception {
        Path lib = dir.resolve("lib");
        wav(lib.resolve("a.wav"));
        Path f = lib.resolve("odd.sfz");
        Files.writeString(f, "<region> sample=a.wav key=c99999999999 lokey=c99999999999 pitch_keycenter=g#-99999\n"
                + "<region> sample=a\u0000b.wav key=61\n<region> sample=a.wav key=62 offset=1e400 volume=NaN tune=-1e308\n");
        InstrumentLoader l = new InstrumentLoader(List.of(), 48000);
        Instrument inst = l.load(f);
        assertTrue(inst.program().sets().size() >= 1);
        assertTrue(l.lastWarnings().stream().anyMatch(w -> w.startsWith("odd.sfz:2") && w.contains("NUL")), l.lastWarnings().toString());
        Files.writeString(f, "#include \"x\u0000y.sfzh\"\n<region> sample=a.wav\n");
        assertTrue(refused(f).getMessage().contains("odd.sfz:1: #include path holds a NUL character"));
    }

    @Test
    void includesFromABareOrRelativeFileName() throws Exception {
        // the file given by a bare name (no parent folder) and by a path through ".."
        Path cwd = Path.of("").toAbsolutePath();
        Path bare = cwd.resolve("sfz-hostile-bare-" + ProcessHandle.current().pid() + ".sfz");
        Path inc = cwd.resolve("sfz-hostile-bare-" + ProcessHandle.current().pid() + ".sfzh");
        try {
            Files.writeString(inc, "<region> sample=*sine key=60\n");
            Files.writeString(bare, "#include \"" + inc.getFileName() + "\"\n");
            SfzImport.Result r = SfzImport.read(Path.of(bare.getFileName().toString()));
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("*sine")), r.warnings().toString());
        } finally {
            Files.deleteIfExists(bare);
            Files.deleteIfExists(inc);
        }
        Path lib = Files.createDirectories(dir.resolve("lib/Programs"));
        Files.writeString(lib.resolve("common.sfzh"), "<region> sample=*noise key=60\n");
        Files.writeString(lib.resolve("x.sfz"), "#include \"common.sfzh\"\n");
        Path viaDots = cwd.relativize(lib.resolve("x.sfz"));
        assertTrue(viaDots.toString().contains(".."), viaDots.toString());
        SfzImport.Result r = SfzImport.read(viaDots);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("*noise")), r.warnings().toString());
    }

    @Test
    void expansionBombsAreRefusedWithAMessage() throws Exception {
        // #define doubling: each define is two of the one before; 40 of them would be 2^40 characters
        StringBuilder b = new StringBuilder("#define $A0 xx\n");
        for (int i = 1; i < 40; i++) {
            b.append("#define $A").append(i).append(" $A").append(i - 1).append("$A").append(i - 1).append('\n');
        }
        b.append("<region> sample=$A39.wav\n");
        // the names are substituted longest first: $A39 -> $A38$A38 -> ... each pass doubles the line
        Path f = dir.resolve("define.sfz");
        Files.writeString(f, b);
        assertTrue(refused(f).getMessage().contains("longer than"), refused(f).getMessage());
        // #include fan-out without a cycle: each file includes the next four times
        for (int i = 0; i < 12; i++) {
            String next = "f" + (i + 1) + ".sfzh";
            Files.writeString(dir.resolve("f" + i + ".sfzh"), i == 11 ? "<region> sample=*sine\n"
                    : ("#include \"" + next + "\"\n").repeat(4));
        }
        Files.writeString(dir.resolve("fan.sfz"), "#include \"f0.sfzh\"\n");
        assertTrue(refused(dir.resolve("fan.sfz")).getMessage().contains("more than 1000 #include"));
        // a cycle
        Files.writeString(dir.resolve("cyc.sfz"), "#include \"cyc.sfz\"\n");
        assertTrue(refused(dir.resolve("cyc.sfz")).getMessage().contains("nested more than"));
        // 20,000 overlapping regions, and 20,000 groups
        wav(dir.resolve("a.wav"));
        Files.writeString(dir.resolve("many.sfz"), "<region> sample=a.wav key=60\n".repeat(20_000));
        assertTrue(refused(dir.resolve("many.sfz")).getMessage().contains("more than 16384 regions"));
        Files.writeString(dir.resolve("groups.sfz"), "<group> lokey=0 hikey=127 <region> sample=a.wav\n".repeat(20_000));
        assertTrue(refused(dir.resolve("groups.sfz")).getMessage().contains("more than 16384 regions"));
        // under the limit, overlapping regions are placed in linear time and cut with a warning
        Files.writeString(dir.resolve("some.sfz"), "<region> sample=a.wav lokey=0 hikey=127\n".repeat(5_000));
        InstrumentLoader l = new InstrumentLoader(List.of(), 48000);
        Instrument inst = l.load(dir.resolve("some.sfz"));
        assertEquals(8, inst.program().sets().size(), "64 layers kept, 8 per articulation");
        assertTrue(l.lastWarnings().stream().anyMatch(w -> w.contains("only the first 64")), l.lastWarnings().toString());
    }

    @Test
    void includesAndSamplesStayInsideTheLibrary() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.sfzh"), "<region> sample=*sine secret_word_xyzzy=1\n");
        wav(outside.resolve("secret.wav"));
        Path lib = Files.createDirectories(dir.resolve("library/Lib/Programs"));
        Files.createSymbolicLink(lib.resolve("link.sfzh"), outside.resolve("secret.sfzh"));
        Files.writeString(lib.resolve("inc.sfz"), "#include \"link.sfzh\"\n");
        InstrumentException e = refused(lib.resolve("inc.sfz"));
        assertTrue(e.getMessage().contains("leaves the instrument's library folder"), e.getMessage());
        assertTrue(!e.getMessage().contains("xyzzy"), "the outside file's words are never shown");
        Files.createDirectories(lib.resolveSibling("Samples"));
        Files.createSymbolicLink(lib.resolveSibling("Samples").resolve("s.wav"), outside.resolve("secret.wav"));
        wav(lib.resolveSibling("Samples").resolve("ok.wav"));
        Files.writeString(lib.resolve("smp.sfz"), "<region> sample=../Samples/s.wav key=60\n"
                + "<region> sample=../Samples/ok.wav key=61\n<region> sample=../../../outside/secret.wav key=62\n");
        InstrumentLoader l = new InstrumentLoader(List.of(), 48000);
        Instrument inst = l.load(lib.resolve("smp.sfz"));
        assertEquals(1, inst.program().sets().size());
        List<String> w = new ArrayList<>(l.lastWarnings());
        assertTrue(w.stream().anyMatch(x -> x.startsWith("smp.sfz:1") && x.contains("symbolic link")), w.toString());
        assertTrue(w.stream().anyMatch(x -> x.startsWith("smp.sfz:3") && x.contains("outside")), w.toString());
    }

    @Test
    void decentSamplerBombsAndEntities() throws Exception {
        Path f = dir.resolve("x.dspreset");
        Files.writeString(f, "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>"
                + "<DecentSampler><groups><group><sample path=\"&b;.wav\"/></group></groups></DecentSampler>");
        assertTrue(refused(f).getMessage().contains("x.dspreset"));
        Files.writeString(f, "<DecentSampler><groups>" + "<group><sample path=\"a.wav\" rootNote=\"60\"/></group>".repeat(20_000)
                + "</groups></DecentSampler>");
        assertTrue(refused(f).getMessage().contains("more than 16384 regions"));
    }

    static void assertClean(IOException e) {
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }
}
