package org.recurrent.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.StepInput;
import org.recurrent.models.Cell;
import org.recurrent.models.InputKind;
import org.recurrent.models.OutputMode;
import org.recurrent.models.Pooling;
import org.recurrent.models.SequenceModel;
import org.recurrent.models.SequenceModelConfig;
import org.recurrent.ops.EmbeddingBagMode;

class IntegratedGradientsTest {
  private static SequenceModel model(EmbeddingBagMode mode, long seed) {
    return new SequenceModel(new SequenceModelConfig(Cell.GRU, 1, 9, 4, -1, 6, 1, false, 0f, OutputMode.SEQUENCE,
        Pooling.LAST, 2, InputKind.BAGS, mode, 2), new Random(seed));
  }

  private static SequenceExample record(int[] ids, int[] offsets) {
    Map<String, StepInput> in = new LinkedHashMap<>();
    in.put(SequenceExample.PRIMARY, new StepInput.Bags(ids, offsets, null));
    float[] side = new float[offsets.length * 2];
    for (int i = 0; i < side.length; i++) side[i] = 0.1f * i;
    in.put(SequenceExample.SIDE, new StepInput.Dense(2, side));
    return new SequenceExample("r", offsets.length, in, new float[] {1}, "mem:1");
  }

  @Test
  void attributionsAddUpToTheChangeFromEmptyVisitsToTheRecord() {
    SequenceModel m = model(EmbeddingBagMode.SUM, 3);
    var a = IntegratedGradients.explain(m, record(new int[] {1, 2, 3, 4, 4, 8}, new int[] {0, 2, 3}), 1, 64);
    assertTrue(Math.abs(a.output() - a.baseline()) > 1e-3, "the codes move the output: " + a);
    assertEquals(0, a.completenessGap(), 2e-3 * Math.max(1, Math.abs(a.output() - a.baseline())) + 1e-4);
    assertEquals(6, a.attributions().length);
    assertEquals(a.attributions()[0] + a.attributions()[1], a.visits()[0], 1e-6);
    assertEquals(a.attributions()[2], a.visits()[1], 1e-6);
    assertEquals(a.attributions()[3] + a.attributions()[4] + a.attributions()[5], a.visits()[2], 1e-6);
  }

  @Test
  void aSingleCodeGetsTheWholeChangeAndTheClassesAreOpposite() {
    SequenceModel m = model(EmbeddingBagMode.SUM, 5);
    SequenceExample r = record(new int[] {7}, new int[] {0, 1});
    var up = IntegratedGradients.explain(m, r, 1, 64);
    var down = IntegratedGradients.explain(m, r, 0, 64);
    assertEquals(up.output() - up.baseline(), up.attributions()[0], 1e-3);
    assertEquals(0, up.visits()[1], 0f, "the empty second visit has nothing to attribute");
    // p0 + p1 = 1 along the whole path, so the attributions to the two classes cancel
    assertEquals(-up.attributions()[0], down.attributions()[0], 1e-5);
  }

  @Test
  void refusesWhatItCannotExplain() {
    assertThrows(IllegalArgumentException.class, () -> IntegratedGradients.explain(model(EmbeddingBagMode.MEAN, 1),
        record(new int[] {1}, new int[] {0}), 1, 8));
    assertThrows(IllegalArgumentException.class, () -> IntegratedGradients.explain(model(EmbeddingBagMode.SUM, 1),
        record(new int[] {1}, new int[] {0}), 2, 8));
    assertThrows(IllegalArgumentException.class, () -> IntegratedGradients.explain(model(EmbeddingBagMode.SUM, 1),
        record(new int[] {}, new int[] {0}), 1, 8));
  }
}
