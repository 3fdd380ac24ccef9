package org.recurrent.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

class LinearTest {

  @Test
  void stateDictHasPyTorchKeysAndShapes() {
    Map<String, Tensor> state = new Linear(5, 3, new Random(1)).stateDict();
    assertEquals(List.of("weight", "bias"), List.copyOf(state.keySet()));
    assertArrayEquals(new int[] {3, 5}, state.get("weight").shape());
    assertArrayEquals(new int[] {3}, state.get("bias").shape());
  }

  @Test
  void withoutBiasHasOnlyAWeight() {
    Linear layer = new Linear(5, 3, false, new Random(1));
    assertEquals(List.of("weight"), List.copyOf(layer.stateDict().keySet()));
    assertNull(layer.bias());
  }

  @Test
  void initialValuesLieWithinOneOverSquareRootOfInputSize() {
    Linear layer = new Linear(16, 40, new Random(2));
    float bound = 0.25f;
    float maxAbs = 0f;
    for (Tensor p : layer.parameters()) {
      for (float v : p.data()) {
        assertTrue(Math.abs(v) <= bound, "parameter value " + v + " outside [-0.25, 0.25]");
        maxAbs = Math.max(maxAbs, Math.abs(v));
      }
    }
    // 680 uniform draws: the largest lies close to the bound, so the scale really is 1/sqrt(in).
    assertTrue(maxAbs > 0.9f * bound, "largest |value| " + maxAbs + " should approach the bound " + bound);
  }

  /** y[n][o] = sum_i x[n][i] W[o][i] + b[o], plain loops in double over the rows of x (..., in). */
  private static double[] reference(Tensor x, Tensor w, Tensor b) {
    int in = w.size(1), out = w.size(0), rows = x.numel() / in;
    double[] y = new double[rows * out];
    for (int n = 0; n < rows; n++) {
      for (int o = 0; o < out; o++) {
        double s = b == null ? 0 : b.data()[o];
        for (int i = 0; i < in; i++) s += (double) x.data()[n * in + i] * w.data()[o * in + i];
        y[n * out + o] = s;
      }
    }
    return y;
  }

  @Test
  void forwardMatchesTheReferenceLoops() {
    for (boolean bias : new boolean[] {true, false}) {
      Linear layer = new Linear(7, 3, bias, new Random(3));
      Tensor x = Tensor.uniform(new Random(4), -1, 1, 2, 5, 7);
      Tensor y = layer.forward(x);
      assertArrayEquals(new int[] {2, 5, 3}, y.shape());
      double[] expected = reference(x, layer.weight(), layer.bias());
      for (int k = 0; k < expected.length; k++) {
        assertEquals(expected[k], y.data()[k], 1e-6, (bias ? "" : "without bias, ") + "entry " + k);
      }
    }
  }

  /** The layer of the hand-worked examples: W = [[1, 2], [3, 4], [5, 6]] (out 3, in 2), b = [1/2, -1/2, 1]. */
  private static Linear handLayer() {
    Linear layer = new Linear(2, 3, new Random(1));
    System.arraycopy(new float[] {1, 2, 3, 4, 5, 6}, 0, layer.weight().data(), 0, 6);
    System.arraycopy(new float[] {0.5f, -0.5f, 1}, 0, layer.bias().data(), 0, 3);
    return layer;
  }

  @Test
  void forwardByHand() {
    // x = [[1, -1], [0, 2]]:  row 0: [1 - 2 + 1/2, 3 - 4 - 1/2, 5 - 6 + 1] = [-1/2, -3/2, 0]
    //                         row 1: [0 + 4 + 1/2, 0 + 8 - 1/2, 0 + 12 + 1] = [9/2, 15/2, 13]
    Tensor y = handLayer().forward(Tensor.of(new float[] {1, -1, 0, 2}, 2, 2));
    assertArrayEquals(new int[] {2, 3}, y.shape());
    assertArrayEquals(new float[] {-0.5f, -1.5f, 0f, 4.5f, 7.5f, 13f}, y.data());
  }

  @Test
  void backwardByHand() {
    // L = sum of y. dL/dy = 1, so dW[o][i] = sum_n x[n][i] = [1, 1] per row o, db[o] = N = 2,
    // dx[n][i] = sum_o W[o][i] = [1 + 3 + 5, 2 + 4 + 6] = [9, 12] per row n.
    Linear layer = handLayer();
    Tensor x = Tensor.of(new float[] {1, -1, 0, 2}, 2, 2).requiresGrad(true);
    Ops.sum(layer.forward(x)).backward();
    assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, layer.weight().gradData());
    assertArrayEquals(new float[] {2, 2, 2}, layer.bias().gradData());
    assertArrayEquals(new float[] {9, 12, 9, 12}, x.gradData());
  }

  @Test
  void learnsAnAffineFunctionByGradientDescent() {
    // Fit y = 2x + 1 on 20 points in [-1, 1] with plain full-batch gradient descent on the mean squared error.
    Linear layer = new Linear(1, 1, new Random(5));
    int n = 20;
    Tensor x = Tensor.zeros(n, 1);
    Tensor target = Tensor.zeros(n, 1);
    for (int i = 0; i < n; i++) {
      float xi = -1f + 2f * i / (n - 1);
      x.data()[i] = xi;
      target.data()[i] = 2f * xi + 1f;
    }
    float lr = 0.1f;
    float first = Float.NaN;
    float loss = Float.NaN;
    for (int step = 0; step < 300; step++) {
      layer.zeroGrad();
      Tensor l = Ops.mean(Ops.square(Ops.sub(layer.forward(x), target)));
      l.backward();
      loss = l.item();
      if (step == 0) first = loss;
      for (Tensor p : layer.parameters()) {
        float[] w = p.data();
        float[] g = p.gradData();
        for (int i = 0; i < w.length; i++) w[i] -= lr * g[i];
      }
    }
    assertTrue(first > 0.5f, "initial loss " + first + " should be far from the fit");
    assertTrue(loss < 1e-4f, "loss after 300 steps " + loss + " should be below 1e-4");
    assertEquals(2f, layer.weight().item(), 0.01f);
    assertEquals(1f, layer.bias().item(), 0.01f);
  }

  @Test
  void rejectsNonPositiveSizes() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Linear(0, 3, new Random(1)));
    assertEquals("Linear: inFeatures and outFeatures must be positive, got 0 and 3", e.getMessage());
  }
}
