package org.recurrent.nn;

import java.util.Random;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * A fully connected layer, {@code torch.nn.Linear}.
 * <pre>{@code
 * y = x W^T + b      x (..., in)   W (out, in)   b (out)   y (..., out)
 * }</pre>
 * Parameters {@code weight} and {@code bias} (state-dict keys as in PyTorch). Both start uniform in
 * [-1/sqrt(in), 1/sqrt(in)), PyTorch's default (its Kaiming-uniform with a = sqrt(5) reduces to this bound).
 */
public final class Linear extends Module {
  private final int inFeatures;
  private final int outFeatures;
  private final Tensor weight;
  private final Tensor bias;

  /** A layer with a bias. */
  public Linear(int inFeatures, int outFeatures, Random rng) {
    this(inFeatures, outFeatures, true, rng);
  }

  public Linear(int inFeatures, int outFeatures, boolean bias, Random rng) {
    if (inFeatures <= 0 || outFeatures <= 0) {
      throw new IllegalArgumentException("Linear: inFeatures and outFeatures must be positive, got "
          + inFeatures + " and " + outFeatures);
    }
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    float bound = (float) (1.0 / Math.sqrt(inFeatures));
    this.weight = registerParameter("weight", Tensor.uniform(rng, -bound, bound, outFeatures, inFeatures));  // (out, in)
    this.bias = bias ? registerParameter("bias", Tensor.uniform(rng, -bound, bound, outFeatures)) : null;  // (out)
  }

  /** x (..., in) to (..., out). */
  public Tensor forward(Tensor x) {
    return Ops.linear(x, weight, bias);
  }

  public Tensor weight() {
    return weight;
  }

  /** The bias, or null when built without one. */
  public Tensor bias() {
    return bias;
  }

  public int inFeatures() {
    return inFeatures;
  }

  public int outFeatures() {
    return outFeatures;
  }
}
