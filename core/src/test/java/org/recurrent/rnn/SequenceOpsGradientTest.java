package org.recurrent.rnn;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.recurrent.tensor.Tensor;
import org.recurrent.testing.GradCheck;

/**
 * Finite-difference checks of the fused BPTT of every cell, at sizes off the SIMD lanes (T=4, B=3, I=5, H=7),
 * over inputs, all parameters and initial states, with full and ragged (unsorted) lengths.
 */
class SequenceOpsGradientTest {
  static final int T = 4, B = 3, I = 5, H = 7;

  enum Cell { RNN_TANH, RNN_RELU, LSTM, GRU, GRU_RESET_BEFORE }

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> s = Stream.builder();
    for (Cell cell : Cell.values()) {
      for (int[] lengths : new int[][] {null, {2, 4, 1}}) {
        for (boolean withState : new boolean[] {false, true}) {
          for (boolean bias : new boolean[] {true, false}) {
            if (!bias && !withState) continue;
            s.add(Arguments.of(cell, lengths, withState, bias));
          }
        }
      }
    }
    return s.build();
  }

  @ParameterizedTest(name = "{0} lengths={1} state={2} bias={3}")
  @MethodSource("cases")
  void backwardMatchesFiniteDifferences(Cell cell, int[] lengths, boolean withState, boolean bias) {
    Random rnd = new Random(7);
    int G = switch (cell) {
      case LSTM -> 4 * H;
      case GRU, GRU_RESET_BEFORE -> 3 * H;
      default -> H;
    };
    float scale = 0.5f;
    Tensor x = Tensor.uniform(rnd, -1, 1, T, B, I).requiresGrad(true);
    Tensor wIh = Tensor.uniform(rnd, -scale, scale, G, I).requiresGrad(true);
    Tensor wHh = Tensor.uniform(rnd, -scale, scale, G, H).requiresGrad(true);
    Tensor bIh = bias ? Tensor.uniform(rnd, -scale, scale, G).requiresGrad(true) : null;
    Tensor bHh = bias ? Tensor.uniform(rnd, -scale, scale, G).requiresGrad(true) : null;
    Tensor h0 = withState ? Tensor.uniform(rnd, -1, 1, B, H).requiresGrad(true) : null;
    Tensor c0 = withState && cell == Cell.LSTM ? Tensor.uniform(rnd, -1, 1, B, H).requiresGrad(true) : null;
    if (cell == Cell.RNN_RELU) {
      // ReLU has a kink at 0: shift the pre-activations away from it so central differences are valid.
      for (int j = 0; j < H; j++) if (bIh != null) bIh.data()[j] += 0.3f;
    }
    SequencePlan plan = SequencePlan.of(T, B, lengths);
    java.util.List<Tensor> inputs = new java.util.ArrayList<>(java.util.List.of(x, wIh, wHh));
    for (Tensor t : new Tensor[] {bIh, bHh, h0, c0}) if (t != null) inputs.add(t);
    GradCheck.create().maxPerInput(40).check(cell + " " + java.util.Arrays.toString(lengths), () -> switch (cell) {
      case LSTM -> LstmSequence.apply(x, plan, wIh, wHh, bIh, bHh, h0, c0);
      case GRU -> GruSequence.apply(x, plan, wIh, wHh, bIh, bHh, h0);
      case GRU_RESET_BEFORE -> GruResetBeforeSequence.apply(x, plan, wIh, wHh, bIh, bHh, h0);
      case RNN_TANH -> RnnSequence.apply(x, plan, wIh, wHh, bIh, bHh, h0, false);
      case RNN_RELU -> RnnSequence.apply(x, plan, wIh, wHh, bIh, bHh, h0, true);
    }, inputs.toArray(new Tensor[0]));
  }
}
