package org.imle.data.warcraft;

/**
 * The terrain types of the generated Warcraft-style maps, each with the hidden cost of entering a
 * cell of that type (the values of the Warcraft maps of Vlastelica et al. 2020) and the look of
 * its 8 x 8 tiles: a base colour plus a type-specific texture, both known only to the generator.
 * A model sees the pixels, never the type or the cost.
 */
public enum Terrain {
    /** Cheap open ground: green with light blades. */
    GRASS(0.8f, 86, 150, 60, 40, 50, 20),
    /** Dirt track: tan with horizontal ripples. */
    DIRT(1.2f, 170, 140, 90, 25, 20, 15),
    /** Forest: dark green with round dark tree crowns. */
    FOREST(5.3f, 40, 100, 40, 25, 45, 25),
    /** Water: blue with diagonal waves. */
    WATER(7.7f, 45, 90, 170, 20, 25, 35),
    /** Mountains: grey with diagonal ridges. */
    MOUNTAIN(9.2f, 125, 120, 115, 45, 45, 45);

    private final float cost;
    private final int[] base;
    private final int[] amplitude;

    Terrain(float cost, int r, int g, int b, int ar, int ag, int ab) {
        this.cost = cost;
        this.base = new int[] {r, g, b};
        this.amplitude = new int[] {ar, ag, ab};
    }

    /** The cost of entering a cell of this type. */
    public float cost() {
        return cost;
    }

    /** Base colour channel {@code c} (0 red, 1 green, 2 blue), 0..255. */
    int base(int c) {
        return base[c];
    }

    /** How strongly the texture moves channel {@code c}. */
    int amplitude(int c) {
        return amplitude[c];
    }

    /** The type whose cost is exactly {@code cost}, or {@code null}. */
    public static Terrain ofCost(float cost) {
        for (Terrain t : values()) {
            if (t.cost == cost) {
                return t;
            }
        }
        return null;
    }
}
