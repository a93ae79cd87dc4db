package org.imle.examples.dvae;

import java.util.SplittableRandom;
import org.imle.train.nn.Layers;
import org.imle.train.nn.Linear;
import org.imle.train.nn.Module;
import org.imle.train.nn.Sequential;
import org.imle.train.tensor.Tensor;

/**
 * The encoder and decoder of the discrete VAE of the I-MLE paper (Niepert, Minervini, Franceschi,
 * NeurIPS 2021, Section 6.3): two fully connected ReLU networks,
 * <pre>
 *   encoder: pixels -> 512 -> 256 -> N * M logits      (ReLU after the hidden layers)
 *   decoder: N * M code -> 256 -> 512 -> pixels logits (ReLU after the hidden layers)
 * </pre>
 * The code is N groups of M units, each group a k-subset of its M units; the decoder's outputs are
 * Bernoulli logits of the pixels. {@link #forward} is the encoder. He-uniform weights from the
 * given random source. About 0.9 million parameters for 784 pixels and N = M = 20; a forward and
 * backward pass costs O(B * parameters).
 */
public final class DvaeNetwork extends Module {

    private final Sequential encoder;
    private final Sequential decoder;
    private final int pixels;
    private final int codeSize;

    /**
     * @param pixels input size (784 for 28 x 28 images)
     * @param codeSize N * M
     * @param rng the source of the initial weights
     */
    public DvaeNetwork(int pixels, int codeSize, SplittableRandom rng) {
        if (pixels < 1 || codeSize < 1) {
            throw new IllegalArgumentException("pixels and code size must be positive, got " + pixels
                    + " and " + codeSize);
        }
        this.pixels = pixels;
        this.codeSize = codeSize;
        this.encoder = child("encoder", new Sequential(new Linear(pixels, 512, rng), Layers.relu(),
                new Linear(512, 256, rng), Layers.relu(), new Linear(256, codeSize, rng)));
        this.decoder = child("decoder", new Sequential(new Linear(codeSize, 256, rng), Layers.relu(),
                new Linear(256, 512, rng), Layers.relu(), new Linear(512, pixels, rng)));
    }

    /** The encoder: images [B, pixels] to logits [B, N * M]. */
    @Override
    public Tensor forward(Tensor x) {
        return encoder.forward(x);
    }

    /** The decoder: codes [R, N * M] to pixel logits [R, pixels]. */
    public Tensor decode(Tensor code) {
        return decoder.forward(code);
    }

    public int pixels() {
        return pixels;
    }

    public int codeSize() {
        return codeSize;
    }
}
