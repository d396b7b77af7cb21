#!/usr/bin/env python3
"""Writes the bad-input corpus beside this script: small files shaped like the ones users bring from other tools
(recorders, editors, sequencers), each with the fault it is named after. Made by this script, no third-party
content; CC0 like the rest of the test data. Run: python3 make_corpus.py (the files are committed)."""
import math, os, struct

here = os.path.dirname(os.path.abspath(__file__))

def out(path, data):
    p = os.path.join(here, path)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, 'wb') as f:
        f.write(data.encode('utf-8') if isinstance(data, str) else data)

# ---------------------------------------------------------------- MIDI
def vlq(n):
    b = [n & 0x7F]
    n >>= 7
    while n:
        b.insert(0, 0x80 | (n & 0x7F))
        n >>= 7
    return bytes(b)

def smf(fmt, division, tracks, declared=None):
    d = b'MThd' + struct.pack('>IHHH', 6, fmt, len(tracks), division)
    for i, t in enumerate(tracks):
        n = len(t) if declared is None or declared[i] is None else declared[i]
        d += b'MTrk' + struct.pack('>I', n) + t
    return d

tempo = lambda us: b'\xff\x51\x03' + us.to_bytes(3, 'big')
EOT = b'\x00\xff\x2f\x00'
# note-on C2 at 0, then running status continued after a text meta event and a sysex (as some sequencers write)
rs = (b'\x00' + tempo(500000) + b'\x00\x90\x24\x64' + b'\x60\xff\x01\x03abc' + b'\x00\x25\x50'
      + b'\x60\xf0\x03\x7e\x7f\xf7' + b'\x00\x26\x40' + b'\x60\x80\x24\x00' + EOT)
out('midi/running-status-across-meta-and-sysex.mid', smf(0, 96, [rs]))
# one byte missing from the middle of the track (the velocity of the third note): the first two notes play
good = b'\x00\x90\x24\x64\x30\x90\x25\x64\x30\x90\x26\x64\x30\x80\x24\x00\x00\x80\x25\x00\x00\x80\x26\x00' + EOT
missing = good[:11] + good[12:]
out('midi/missing-byte.mid', smf(0, 96, [missing], declared=[len(good)]))
out('midi/empty.mid', b'')
# a track that declares 2 GB in a 34-byte file
out('midi/huge-track-length.mid', smf(0, 96, [good[:8] + EOT], declared=[0x7FFFFFF0]))
# SMPTE division, 25 fps and 0 ticks a frame
out('midi/smpte-zero-ticks.mid', smf(0, (0x100 - 25) << 8 | 0, [good]))
# valid, but its delta times add up to years (the largest 4-byte delta, many times)
far = b''.join(b'\xff\xff\xff\x7f\x90\x24\x64' for _ in range(100)) + EOT
out('midi/huge-deltas.mid', smf(0, 96, [far]))

# ---------------------------------------------------------------- EDL / XML / markers
out('edl/ndf-2997.edl', """TITLE: REEL 1 NDF
FCM: NON-DROP FRAME

001  AX       V     C        00:00:00:00 00:00:05:00 00:01:30:00 00:01:35:00
* FROM CLIP NAME: A001C002.MOV
* LOC: 00:01:30:00 RED     door slam
""")
out('edl/df-2997-semicolons.edl', """TITLE: REEL 1 DF

001  AX       V     C        00:00:00;00 00:00:05;00 00:01:30;00 00:01:35;00
* LOC: 00:01:30;00 RED     door slam
""")
out('edl/resolve-huge-duration.edl', """TITLE: Timeline 1
FCM: NON-DROP FRAME

001  001      V     C        01:00:00:00 01:00:00:01 01:00:00:00 01:00:00:01
 |C:ResolveColorBlue |M:footsteps |D:99999999999999999999999
""")
xml = lambda timebase, body, enc='UTF-8', ntsc='FALSE': f"""<?xml version="1.0" encoding="{enc}"?>
<!DOCTYPE xmeml>
<xmeml version="4">
  <sequence id="seq1">
    <name>Reel 1</name>
    <rate><timebase>{timebase}</timebase><ntsc>{ntsc}</ntsc></rate>
    <timecode><rate><timebase>{timebase}</timebase><ntsc>{ntsc}</ntsc></rate><string>01:00:00:00</string><frame>90000</frame><displayformat>NDF</displayformat></timecode>
{body}
  </sequence>
</xmeml>
"""
hiero = """    <marker><name>door</name><comment></comment><in>48.0</in><out>-1</out></marker>
    <media><video><track>
      <clipitem id="c1"><name>A001C002</name><start>0.0</start><end>120.0</end><in>86400.0</in><out>86520.0</out></clipitem>
      <clipitem id="c2"><name>A001C003</name><start>120.0</start><end>240.5</end><in>10.0</in><out>130.5</out></clipitem>
    </track></video></media>"""
out('xml/hiero-decimal-in-out.xml', xml(24, hiero))
out('xml/timebase-7.xml', xml(7, hiero))
out('xml/unknown-encoding.xml', xml(25, hiero, enc='UTF-99999'))

# ---------------------------------------------------------------- WAV
def wav(tag, channels, rate, bits, data, data_size=None, riff_size=None, extra_fmt=b''):
    align = channels * bits // 8
    fmt = struct.pack('<HHIIHH', tag, channels, rate, rate * align, align, bits) + extra_fmt
    body = b'WAVE' + b'fmt ' + struct.pack('<I', len(fmt)) + fmt
    body += b'data' + struct.pack('<I', len(data) if data_size is None else data_size) + data
    return b'RIFF' + struct.pack('<I', len(body) if riff_size is None else riff_size) + body

sine16 = b''.join(struct.pack('<h', int(round(12000 * math.sin(2 * math.pi * 440 * i / 8000)))) for i in range(800))
# a recorder's file: the sizes are still the placeholders it writes before it knows the length
out('wav/placeholder-data-size.wav', wav(1, 1, 8000, 16, sine16, data_size=0xFFFFFFD4, riff_size=0xFFFFFFFF))
out('wav/placeholder-ffffffff.wav', wav(1, 1, 8000, 16, sine16, data_size=0xFFFFFFFF, riff_size=0xFFFFFFFF))

def lin2ulaw(x):
    BIAS, CLIP = 0x84, 32635
    sign = 0x80 if x < 0 else 0
    x = min(abs(x), CLIP) + BIAS
    exp = 7
    mask = 0x4000
    while exp > 0 and not (x & mask):
        exp -= 1
        mask >>= 1
    mant = (x >> (exp + 3)) & 0x0F
    return ~(sign | (exp << 4) | mant) & 0xFF

def lin2alaw(x):
    sign = 0x80 if x >= 0 else 0
    x = abs(x) if x >= 0 else -x - 1
    x = min(x, 32767)
    if x < 256:
        v = x >> 4
    else:
        exp = 1
        while x >= (256 << exp) and exp < 7:
            exp += 1
        v = (exp << 4) | ((x >> (exp + 3)) & 0x0F)
    return (v | sign) ^ 0x55

tone = [int(round(12000 * math.sin(2 * math.pi * 440 * i / 8000))) for i in range(800)]
out('wav/ulaw-8k.wav', wav(7, 1, 8000, 8, bytes(lin2ulaw(v) for v in tone), extra_fmt=b'\x00\x00'))
out('wav/alaw-8k.wav', wav(6, 1, 8000, 8, bytes(lin2alaw(v) for v in tone), extra_fmt=b'\x00\x00'))
# RF64 whose ds64 gives a data size near Long.MAX
ds64 = struct.pack('<QQQI', 0xFFFFFFFF, 0x7FFFFFFFFFFFFFF0, 0, 0)
fmt = struct.pack('<HHIIHH', 1, 1, 8000, 16000, 2, 16)
body = b'WAVE' + b'ds64' + struct.pack('<I', len(ds64)) + ds64 + b'fmt ' + struct.pack('<I', 16) + fmt
body += b'data' + struct.pack('<I', 0xFFFFFFFF) + sine16[:64]
out('wav/rf64-huge-ds64.wav', b'RF64' + struct.pack('<I', 0xFFFFFFFF) + body)
