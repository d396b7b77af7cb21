package org.foleyworks.util;

/** Text for XML written by hand (iXML, FCP7 xmeml): content and attribute values. */
public final class Xml {
    private Xml() {
    }

    /** The five entities escaped; control characters other than tab, which XML 1.0 does not allow, dropped. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
