package org.foleyworks.bounce;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.foleyworks.audio.Bext;

/**
 * Universal Category System names for a variation set's files: {@code CatID_FXName_CreatorID_SourceID.wav}, with
 * the category and a description also in each file's bext description and iXML {@code USER} fields (as sound
 * library tools read them). The CatID must be one from the UCS list (e.g. {@code DOORWood}); it is taken as
 * given, with only its form checked, since the list is not shipped here.
 *
 * @param catId       the UCS CatID, e.g. {@code FOLYFeet}
 * @param category    the UCS category the CatID stands for (e.g. {@code FOLEY}), or empty
 * @param subCategory its subcategory (e.g. {@code FEET}), or empty
 * @param creatorId   who made the sound (sound designer, recordist or vendor)
 * @param sourceId    the project, show or library
 */
public record Ucs(String catId, String category, String subCategory, String creatorId, String sourceId) {
    public Ucs {
        if (catId == null || !catId.matches("[A-Z]{2,}[A-Za-z0-9]*")) {
            throw new IllegalArgumentException("--ucs " + catId + ": a UCS CatID is capitals then the subcategory's "
                    + "abbreviation, no '_' or spaces (e.g. DOORWood, FOLYFeet)");
        }
        category = category == null ? "" : category.trim().toUpperCase(Locale.ROOT);
        subCategory = subCategory == null ? "" : subCategory.trim().toUpperCase(Locale.ROOT);
        creatorId = block(creatorId == null || creatorId.isBlank() ? "FW" : creatorId, "--ucs-creator");
        sourceId = block(sourceId == null || sourceId.isBlank() ? "Foleyworks" : sourceId, "--ucs-source");
    }

    /** A UCS block: anything but '_' (which separates the blocks) and characters file systems refuse. */
    private static String block(String s, String option) {
        String r = s.trim().replaceAll("[_/\\\\:*?\"<>|\\p{Cntrl}]+", "-").replaceAll("\\s+", " ");
        if (r.isEmpty()) {
            throw new IllegalArgumentException(option + " \"" + s + "\": nothing left once '_' and unsafe characters are removed");
        }
        return r;
    }

    /** FXName: "Footstep Gravel 01", "Whoosh Wind 02 Loop", with " T2" for takes after the first. */
    String fxName(String event, String context, int variant, int take, String suffix) {
        String n = title(event) + " " + title(context) + String.format(Locale.ROOT, " %02d", variant)
                + (take > 1 ? " T" + take : "");
        if (!suffix.isEmpty()) {
            n += " " + title(suffix.replace("_", ""));
        }
        return block(n, "FXName");
    }

    private static String title(String s) {
        StringBuilder b = new StringBuilder();
        for (String w : s.trim().split("[\\s_-]+")) {
            if (!w.isEmpty()) {
                b.append(b.length() == 0 ? "" : " ").append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
            }
        }
        return b.toString();
    }

    String fileName(String event, String context, int variant, int take, String suffix) {
        return catId + "_" + fxName(event, context, variant, take, suffix) + "_" + creatorId + "_" + sourceId + ".wav";
    }

    /** The FXName back from a UCS file name. */
    static String fxNameOf(String fileName) {
        String[] p = fileName.replaceFirst("(?i)\\.wav$", "").split("_");
        return p.length >= 2 ? p[1] : fileName;
    }

    String categoryFull() {
        return category.isEmpty() ? "" : subCategory.isEmpty() ? category : category + "-" + subCategory;
    }

    String description(String event, String context, String fileName) {
        return fxNameOf(fileName) + ": " + event + " on " + context + ", a Foleyworks variation"
                + (categoryFull().isEmpty() ? "" : " (" + categoryFull() + ")");
    }

    Bext bext(String event, String context, String fileName, String software) {
        ZonedDateTime now = ZonedDateTime.now();
        String desc = description(event, context, fileName);
        if (desc.length() > 256) {
            desc = desc.substring(0, 256);
        }
        return Bext.of(desc, "Foleyworks", creatorId.length() > 32 ? creatorId.substring(0, 32) : creatorId,
                now.format(DateTimeFormatter.ISO_LOCAL_DATE), now.format(DateTimeFormatter.ofPattern("HH:mm:ss")), 0,
                "A=PCM,F=48000,W=24,M=stereo,T=Foleyworks " + software + " variation\r\n");
    }

    /** iXML with the UCS fields in USER, as Soundminer and BaseHead write and read them. */
    String ixml(String event, String context, String fileName, int sampleRate) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BWFXML>\n");
        el(b, 1, "IXML_VERSION", "2.10");
        el(b, 1, "PROJECT", sourceId);
        el(b, 1, "NOTE", description(event, context, fileName));
        b.append("  <USER>\n");
        for (var e : userFields(event, context, fileName).entrySet()) {
            if (!e.getValue().isEmpty()) {
                el(b, 2, e.getKey(), e.getValue());
            }
        }
        b.append("  </USER>\n");
        b.append("  <SPEED>\n");
        el(b, 2, "FILE_SAMPLE_RATE", Integer.toString(sampleRate));
        el(b, 2, "AUDIO_BIT_DEPTH", "24");
        b.append("  </SPEED>\n</BWFXML>\n");
        return b.toString();
    }

    Map<String, String> userFields(String event, String context, String fileName) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("CATEGORY", category);
        m.put("SUBCATEGORY", subCategory);
        m.put("CATID", catId);
        m.put("CATEGORYFULL", categoryFull());
        m.put("FXNAME", fxNameOf(fileName));
        m.put("DESCRIPTION", description(event, context, fileName));
        m.put("KEYWORDS", event + ", " + context);
        m.put("DESIGNER", creatorId);
        m.put("LIBRARY", sourceId);
        return m;
    }

    /** For the set's manifest. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("naming", "CatID_FXName_CreatorID_SourceID (Universal Category System)");
        m.put("cat_id", catId);
        m.put("category", category);
        m.put("subcategory", subCategory);
        m.put("creator_id", creatorId);
        m.put("source_id", sourceId);
        return m;
    }

    private static void el(StringBuilder b, int depth, String name, String value) {
        b.append("  ".repeat(depth)).append('<').append(name).append('>').append(Ixml.escape(value)).append("</")
                .append(name).append(">\n");
    }
}
