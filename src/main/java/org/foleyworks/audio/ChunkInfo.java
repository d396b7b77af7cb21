package org.foleyworks.audio;

/**
 * One chunk of a RIFF or IFF file as found by the reader.
 *
 * @param id     four-character chunk id
 * @param offset byte offset of the chunk header in the file
 * @param size   size of the chunk body as declared in its header
 */
public record ChunkInfo(String id, long offset, long size) {
}
