package org.foleyworks.audio;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Text found in metadata chunks: UTF-8 when it is valid UTF-8, Latin-1 otherwise, trailing NULs dropped. */
final class TextDecoding {
    private TextDecoding() {
    }

    static String decode(byte[] b, int off, int len) {
        int end = off + len;
        while (end > off && (b[end - 1] == 0)) {
            end--;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, off, end - off))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(b, off, end - off, StandardCharsets.ISO_8859_1);
        }
    }

    /** An XML chunk body: honours a UTF-16 byte-order mark, drops NUL and space padding. */
    static String decodeXml(byte[] b) {
        String s;
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            s = new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        } else if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            s = new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
        } else {
            int start = b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
            s = decode(b, start, b.length - start);
        }
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == 0 || Character.isWhitespace(s.charAt(end - 1)))) {
            end--;
        }
        return s.substring(0, end);
    }
}
