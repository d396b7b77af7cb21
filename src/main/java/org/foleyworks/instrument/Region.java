package org.foleyworks.instrument;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One sample mapping of an imported library (an SFZ region or a Decent Sampler sample), as opcode values with
 * SFZ names after inheritance from its headers, and where it was defined.
 */
final class Region {
    final Map<String, String> op = new LinkedHashMap<>();
    final String where;

    Region(String where) {
        this.where = where;
    }

    String get(String k, String d) {
        return op.getOrDefault(k, d);
    }

    double num(String k, double d) {
        String v = op.get(k);
        if (v == null) {
            return d;
        }
        try {
            double x = Double.parseDouble(v.trim());
            return Double.isFinite(x) ? x : d;
        } catch (NumberFormatException e) {
            return d;
        }
    }

    /** A key opcode (number or note name), moved by the {@code <control>}'s note_offset and octave_offset. */
    int key(String k, int d) {
        String v = op.get(k);
        if (v == null) {
            return d;
        }
        int key = SfzImport.parseKey(v, Integer.MIN_VALUE);
        if (key == Integer.MIN_VALUE) {
            return d;
        }
        String off = op.get("key_offset");
        return off == null || key < 0 ? key : key + Integer.parseInt(off);
    }
}
