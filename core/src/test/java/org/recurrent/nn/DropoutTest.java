package org.recurrent.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

class DropoutTest {

  @Test
  void hasNoParameters() {
    Dropout d = new Dropout(0.5f, new Random(1));
    assertTrue(d.stateDict().isEmpty());
    assertEquals(0, d.parameterCount());
  }

  @Test
  void trainingForwardEqualsTheOpWithTheSameGenerator() {
    Tensor x = Tensor.uniform(new Random(2), -1, 1, 3, 5, 7);
    Tensor y = new Dropout(0.3f, new Random(7)).forward(x);
    Tensor expected = Ops.dropout(x, 0.3f, true, new Random(7));
    assertArrayEquals(expected.data(), y.data());
    int zeros = 0;
    for (float v : y.data()) if (v == 0f) zeros++;
    assertTrue(zeros > 0, "training mode drops some of 105 elements at p = 0.3");
  }

  @Test
  void evalModePassesInputThrough() {
    Dropout d = new Dropout(0.9f, new Random(3));
    d.eval();
    Tensor x = Tensor.ones(4);
    assertSame(x, d.forward(x));
  }

  @Test
  void rejectsProbabilityOfOne() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1f, new Random(1)));
    assertEquals("Dropout: probability p must be in [0, 1), got 1.0", e.getMessage());
  }
}
