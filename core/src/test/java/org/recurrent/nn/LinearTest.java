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

  @Test
  void forwardEqualsTheLinearOp() {
    Linear layer = new Linear(7, 3, new Random(3));
    Tensor x = Tensor.uniform(new Random(4), -1, 1, 2, 5, 7);
    Tensor expected = Ops.linear(x, layer.weight(), layer.bias());
    Tensor y = layer.forward(x);
    assertArrayEquals(new int[] {2, 5, 3}, y.shape());
    assertArrayEquals(expected.data(), y.data());
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
