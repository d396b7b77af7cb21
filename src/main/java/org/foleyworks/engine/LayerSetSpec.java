package org.foleyworks.engine;

import java.util.List;

/**
 * One articulation: the layers a single trigger starts together (1 to {@value EngineConfig#MAX_LAYERS}), and its
 * choke behaviour. Voices of one trigger are linked: they are released, choked and stolen together.
 *
 * @param group  choke group this set belongs to (0: none)
 * @param offBy  a trigger of this group cuts this set's sounding voices with a short fade (0: never)
 */
public record LayerSetSpec(String name, List<LayerSpec> layers, int group, int offBy) {
    public LayerSetSpec {
        layers = List.copyOf(layers);
        if (layers.isEmpty() || layers.size() > EngineConfig.MAX_LAYERS) {
            throw new IllegalArgumentException(name + ": a layer set has 1 to " + EngineConfig.MAX_LAYERS
                    + " layers, not " + layers.size());
        }
    }

    /** True when a layer loops or plays until released (a held whoosh), so the set sounds as long as it is held. */
    public boolean sustains() {
        for (LayerSpec l : layers) {
            if (l.loop || !l.oneShot) {
                return true;
            }
        }
        return false;
    }
}
