package org.recurrent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchInputTest {
  // record a: visits {1,2} {3}; record b: visit {4} {} {5,6}
  private static final StepInput.Bags A = new StepInput.Bags(new int[] {1, 2, 3}, new int[] {0, 2}, null);
  private static final StepInput.Bags B = new StepInput.Bags(new int[] {4, 5, 6}, new int[] {0, 1, 1}, new float[] {2, 1, 3});

  @Test
  void bagsArePaddedTimeMajorWithEmptyBagsAfterEachRecordsEnd() {
    BatchInput.Bags g = (BatchInput.Bags) BatchInput.pad("x", List.of(A, B));
    assertEquals(3, g.steps());
    assertArrayEquals(new int[] {2, 3}, g.lengths());
    // bags in order (t0,a) (t0,b) (t1,a) (t1,b) (t2,a) (t2,b)
    assertArrayEquals(new int[] {1, 2, 4, 3, 5, 6}, g.ids());
    assertArrayEquals(new int[] {0, 2, 3, 4, 4, 4}, g.offsets());
    assertArrayEquals(new float[] {1, 1, 2, 1, 1, 3}, g.weights(), "unweighted records get weight 1");
    assertEquals(4, g.start(2, 1));
    assertEquals(6, g.end(2, 1));
    assertEquals(g.start(2, 0), g.end(2, 0), "record a has ended: an empty bag");
  }

  @Test
  void aSliceOfBagsEqualsPaddingTheSlicedRecords() {
    BatchInput.Bags whole = (BatchInput.Bags) BatchInput.pad("x", List.of(A, B));
    BatchInput.Bags tail = (BatchInput.Bags) whole.slice(1, 2);
    // steps 1..2: a: {3} (then padding), b: {} {5,6}
    assertArrayEquals(new int[] {3, 5, 6}, tail.ids());
    assertArrayEquals(new int[] {0, 1, 1, 1}, tail.offsets());
    assertArrayEquals(new float[] {1, 1, 3}, tail.weights());
    assertArrayEquals(new int[] {1, 2}, tail.lengths());
  }

  @Test
  void tokensAndDenseSliceTheirOwnSteps() {
    BatchInput.Tokens t = (BatchInput.Tokens) BatchInput.pad("x", List.of(new StepInput.Tokens(new int[] {7, 8, 9}),
        new StepInput.Tokens(new int[] {5})));
    assertArrayEquals(new int[] {7, 5, 8, 0, 9, 0}, t.ids());
    assertArrayEquals(new int[] {8, 0, 9, 0}, ((BatchInput.Tokens) t.slice(1, 2)).ids());
    BatchInput.Dense d = (BatchInput.Dense) BatchInput.pad("x", List.of(new StepInput.Dense(2, new float[] {1, 2, 3, 4}),
        new StepInput.Dense(2, new float[] {5, 6})));
    assertArrayEquals(new float[] {3, 4, 0, 0}, d.slice(1, 1) instanceof BatchInput.Dense s ? s.values().data() : null);
  }

  @Test
  void mixedTypesOrWidthsInOneBatchAreErrors() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> BatchInput.pad("codes", List.of(A, new StepInput.Tokens(new int[] {1}))));
    assertEquals("input 'codes' is bags of ids in one record and token ids in another of the same batch", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> BatchInput.pad("side", List.of(
        new StepInput.Dense(2, new float[] {1, 2}), new StepInput.Dense(1, new float[] {1}))));
    assertTrue(e.getMessage().startsWith("input 'side' has 1 values per step"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new StepInput.Bags(new int[] {1}, new int[] {0, 2}, null));
    assertTrue(e.getMessage().startsWith("bag offsets must start at 0"), e.getMessage());
  }

  /** An encoder's source side has lengths of its own: padded to its own longest, with its own lengths. */
  @Test
  void anInputOfOtherLengthsKeepsThemInTheBatch() {
    java.util.Map<String, StepInput> a = new java.util.LinkedHashMap<>();
    a.put(SequenceExample.PRIMARY, new StepInput.Tokens(new int[] {1, 2}));
    a.put("source", new StepInput.Tokens(new int[] {5, 6, 7, 8}));
    java.util.Map<String, StepInput> b = new java.util.LinkedHashMap<>();
    b.put(SequenceExample.PRIMARY, new StepInput.Tokens(new int[] {3}));
    b.put("source", new StepInput.Tokens(new int[] {9}));
    List<SequenceExample> records = List.of(new SequenceExample("a", 2, a, new float[0], "m:1"),
        new SequenceExample("b", 1, b, new float[0], "m:2"));
    Batch batch = new Batcher(records, BatchPlan.of(2), TargetLayout.none()).batch(0, 0);
    assertEquals(2, batch.steps());
    assertArrayEquals(new int[] {2, 1}, batch.lengths());
    BatchInput.Tokens source = (BatchInput.Tokens) batch.input("source");
    assertEquals(4, source.steps());
    assertArrayEquals(new int[] {4, 1}, source.lengths());
    assertArrayEquals(new int[] {5, 9, 6, 0, 7, 0, 8, 0}, source.ids());
  }
}
