package org.imle.train.nn;

import java.util.ArrayList;
import java.util.List;
import org.imle.train.tensor.Tensor;

/**
 * Modules applied one after another; children are named 0, 1, 2, ... A {@link BatchNorm2d}
 * followed by {@link Layers#relu()} runs as one fused operation (the same numbers, one
 * intermediate tensor less); the two stay separate children, so names and state files do not
 * change.
 */
public final class Sequential extends Module {

    private final List<Module> layers = new ArrayList<>();

    public Sequential(Module... modules) {
        for (Module m : modules) {
            layers.add(child(Integer.toString(layers.size()), m));
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = x;
        for (int i = 0; i < layers.size(); i++) {
            Module m = layers.get(i);
            if (m instanceof BatchNorm2d && i + 1 < layers.size() && layers.get(i + 1) instanceof Layers.Relu) {
                y = ((BatchNorm2d) m).forwardRelu(y);
                i++;
            } else {
                y = m.forward(y);
            }
        }
        return y;
    }
}
