package org.recurrent.nn;

import java.util.Random;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * Inverted dropout, {@code torch.nn.Dropout}: in training mode each element is zeroed with probability p and
 * the survivors are scaled by 1/(1 - p); in evaluation mode the input passes through unchanged.
 * <pre>{@code
 * y = x * m,   m_i = [u_i >= p] / (1 - p),   u_i ~ U[0, 1) from the layer's generator
 * }</pre>
 * No parameters. Masks come from the generator given at construction, so a seeded run is reproducible.
 */
public final class Dropout extends Module {
  private final float p;
  private final Random rng;

  public Dropout(float p, Random rng) {
    if (!(p >= 0f && p < 1f)) {
      throw new IllegalArgumentException("Dropout: probability p must be in [0, 1), got " + p);
    }
    this.p = p;
    this.rng = rng;
  }

  public Tensor forward(Tensor x) {
    return Ops.dropout(x, p, isTraining(), rng);
  }

  @Override
  protected void reseedOwn(long seed) {
    rng.setSeed(seed);
  }

  public float p() {
    return p;
  }
}
