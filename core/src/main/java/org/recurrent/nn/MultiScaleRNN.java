package org.recurrent.nn;

import java.util.Arrays;
import java.util.Random;
import org.recurrent.rnn.SkipRnnSequence;
import org.recurrent.tensor.Tensor;

/**
 * A one-layer RNN of G groups of units, group g connected to the state of {@code d_g} steps back
 * ({@link SkipRnnSequence} has the equations and the BPTT). With every delay 1 it is {@code torch.nn.RNN}, under
 * its names: {@code weight_ih_l0} (H, I), {@code weight_hh_l0} (H, H), {@code bias_ih_l0}, {@code bias_hh_l0}
 * (H), the groups' rows one after the other. Init PyTorch's: every entry U(-1/sqrt(H), 1/sqrt(H)).
 */
public final class MultiScaleRNN extends Module {
  private final int inputSize;
  private final int[] groups;
  private final int[] delays;
  private final boolean relu;
  private final Tensor weightIh;
  private final Tensor weightHh;
  private final Tensor biasIh;
  private final Tensor biasHh;

  /**
   * @param groups H_g, the units of each group
   * @param delays d_g >= 1, each group's recurrent delay
   * @param relu   ReLU instead of tanh
   */
  public MultiScaleRNN(int inputSize, int[] groups, int[] delays, boolean relu, Random rng) {
    if (inputSize < 1) throw new IllegalArgumentException("inputSize must be >= 1, got " + inputSize);
    if (groups.length == 0 || groups.length != delays.length) {
      throw new IllegalArgumentException("one delay per group is needed, got " + groups.length + " groups and "
          + delays.length + " delays");
    }
    for (int g = 0; g < groups.length; g++) {
      if (groups[g] < 1) throw new IllegalArgumentException("group " + g + " must have >= 1 unit, got " + groups[g]);
      if (delays[g] < 1) throw new IllegalArgumentException("delay " + g + " must be >= 1, got " + delays[g]);
    }
    this.inputSize = inputSize;
    this.groups = groups.clone();
    this.delays = delays.clone();
    this.relu = relu;
    int H = hiddenSize();
    float bound = (float) (1.0 / Math.sqrt(H));
    this.weightIh = registerParameter("weight_ih_l0", Tensor.uniform(rng, -bound, bound, H, inputSize));
    this.weightHh = registerParameter("weight_hh_l0", Tensor.uniform(rng, -bound, bound, H, H));
    this.biasIh = registerParameter("bias_ih_l0", Tensor.uniform(rng, -bound, bound, H));
    this.biasHh = registerParameter("bias_hh_l0", Tensor.uniform(rng, -bound, bound, H));
  }

  /** H = sum of the groups' units. */
  public int hiddenSize() {
    return Arrays.stream(groups).sum();
  }

  public Tensor weightIh() {
    return weightIh;
  }

  public Tensor weightHh() {
    return weightHh;
  }

  public Tensor biasIh() {
    return biasIh;
  }

  public Tensor biasHh() {
    return biasHh;
  }

  /**
   * @param x       (T, B, I) time-major
   * @param lengths (B) or null for all T
   * @return {y (T, B, H), h_T (B, H), each sequence's state after its last real step}
   */
  public Tensor[] forward(Tensor x, int[] lengths) {
    if (x.dim() != 3 || x.size(2) != inputSize) {
      throw new IllegalArgumentException("multi-time-scale RNN input must be (T, B, I=" + inputSize + "), got "
          + x.shapeString());
    }
    return SkipRnnSequence.apply(x, lengths, weightIh, weightHh, biasIh, biasHh, groups, delays, relu);
  }

  @Override
  public String toString() {
    return "MultiScaleRNN(" + inputSize + ", groups=" + Arrays.toString(groups) + ", delays=" + Arrays.toString(delays)
        + ", " + (relu ? "relu" : "tanh") + ")";
  }
}
