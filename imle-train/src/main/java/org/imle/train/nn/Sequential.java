package org.imle.train.nn;

import java.util.ArrayList;
import java.util.List;
import org.imle.train.tensor.Tensor;

/** Modules applied one after another; children are named 0, 1, 2, ... */
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
        for (Module m : layers) {
            y = m.forward(y);
        }
        return y;
    }
}
