package org.recurrent.models;

import java.util.Random;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchInput;
import org.recurrent.nn.Linear;
import org.recurrent.nn.MultiScaleRNN;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * Kind {@code multiscale}: a multi-time-scale RNN, G groups of H_g units, group g connected to the whole state of
 * d_g steps back (the lectures' "parallel networks with different time scales"), then a linear head.
 * <pre>{@code
 * h_t^g = act(W_ih[g] x_t + b_ih[g] + W_hh[g] h_{t-d_g} + b_hh[g])     (B, H_g)   h_t = 0 for t < 0
 * sequence output:  y = W h_{len-1} + b                                 (B, K)
 * per_step output:  y_t = W h_t + b                                     (T, B, K)
 * }</pre>
 * BPTT runs through the skips ({@link org.recurrent.rnn.SkipRnnSequence}): a group of delay d reaches n steps
 * back through n/d factors of {@code W_hh^T act'} instead of n, so its gradient decays d times more slowly in the
 * distance. State-dict keys {@code rnn.weight_ih_l0}, {@code rnn.weight_hh_l0}, {@code rnn.bias_ih_l0},
 * {@code rnn.bias_hh_l0} (a {@code torch.nn.RNN}'s when every delay is 1), {@code head.weight}, {@code head.bias}.
 *
 * <p>The state after a chunk is the last d_g states of every group, more than an (L*D, B, H) state holds, so this
 * kind does not continue from a carried state (truncated BPTT, streams) and says so.
 */
public final class MultiScaleModel extends Model {
  private final MultiScaleConfig spec;
  private final MultiScaleRNN rnn;
  private final Linear head;

  public MultiScaleModel(MultiScaleConfig spec, Random rng) {
    this.spec = spec;
    int G = spec.delays().size();
    int[] groups = new int[G];
    int[] delays = new int[G];
    for (int g = 0; g < G; g++) {
      groups[g] = spec.groupSize();
      delays[g] = spec.delays().get(g);
    }
    this.rnn = registerModule("rnn", new MultiScaleRNN(spec.inputSize(), groups, delays, spec.relu(), rng));
    this.head = registerModule("head", new Linear(spec.hiddenSize(), spec.outputSize(), rng));
  }

  public MultiScaleRNN recurrent() {
    return rnn;
  }

  /** The read-out W h + b, of the last state (B, H) or of every step's (T, B, H). */
  public Linear head() {
    return head;
  }

  @Override
  public String kind() {
    return MultiScaleKind.NAME;
  }

  @Override
  public MultiScaleConfig spec() {
    return spec;
  }

  @Override
  public DataSignature signature() {
    return new DataSignature(false, spec.inputSize(), 0, -1, spec.outputSize(), spec.perStep());
  }

  @Override
  public Output forward(Batch batch, RecurrentOutput state) {
    if (state != null) {
      throw new IllegalArgumentException("model.kind multiscale cannot continue from a carried state: its skips reach "
          + "up to " + spec.delays().stream().mapToInt(Integer::intValue).max().orElse(1) + " steps back; set "
          + "training.tbptt: 0 (whole sequences) or use kind sequence");
    }
    if (!(batch.primary() instanceof BatchInput.Dense d)) {
      throw new IllegalArgumentException("model.kind multiscale reads dense inputs, the batch holds "
          + batch.primary().getClass().getSimpleName().toLowerCase());
    }
    if (batch.input(SequenceModel.SIDE) != null) {
      throw new IllegalArgumentException("model.kind multiscale reads no side input '" + SequenceModel.SIDE + "'");
    }
    Tensor[] r = rnn.forward(d.values(), batch.lengths());                     // y (T, B, H), h_T (B, H)
    Tensor logits = head.forward(spec.perStep() ? r[0] : r[1]);                // (T, B, K) or (B, K)
    return new Output(logits, new RecurrentOutput(r[0], Ops.reshape(r[1], 1, batch.size(), spec.hiddenSize()), null));
  }
}
