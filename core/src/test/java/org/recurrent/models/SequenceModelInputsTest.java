package org.recurrent.models;

import org.recurrent.data.TargetLayout;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.BatchSource;
import org.recurrent.data.Batcher;
import org.recurrent.tasks.DataPart;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.StepInput;
import org.recurrent.ops.EmbeddingBagMode;
import org.recurrent.optim.Adam;
import org.recurrent.tasks.ClassificationTask;
import org.recurrent.tasks.MultiLabelTask;
import org.recurrent.tasks.OutputLabels;
import org.recurrent.tensor.Tensor;
import org.recurrent.testing.GradCheck;

/** The sequence kind over bags of ids per step (EHR visits) with a dense side input (time since the last visit). */
class SequenceModelInputsTest {

  private static SequenceModelConfig bagConfig(EmbeddingBagMode mode, int side, OutputMode output, int K) {
    return new SequenceModelConfig(Cell.GRU, 1, 9, 4, -1, 5, 1, false, 0f, output, Pooling.LAST, K, InputKind.BAGS, mode,
        side);
  }

  /** Three records of 3, 1 and 2 visits; visit codes in [0, 9), one empty visit; gap feature per visit. */
  private static List<SequenceExample> visits() {
    int[][][] codes = {{{1, 2}, {3}, {4, 4, 8}}, {{0}}, {{5, 6, 7}, {}}};
    List<SequenceExample> out = new ArrayList<>();
    for (int r = 0; r < codes.length; r++) {
      out.add(record("p" + r, codes[r], r % 2, new Random(r)));
    }
    return out;
  }

  private static SequenceExample record(String id, int[][] visits, float label, Random rng) {
    int total = 0;
    for (int[] v : visits) total += v.length;
    int[] ids = new int[total], offsets = new int[visits.length];
    float[] gaps = new float[visits.length];
    int n = 0;
    for (int t = 0; t < visits.length; t++) {
      offsets[t] = n;
      for (int c : visits[t]) ids[n++] = c;
      gaps[t] = (float) rng.nextDouble();
    }
    Map<String, StepInput> inputs = new LinkedHashMap<>();
    inputs.put(SequenceExample.PRIMARY, new StepInput.Bags(ids, offsets, null));
    inputs.put(SequenceModel.SIDE, new StepInput.Dense(1, gaps));
    return new SequenceExample(id, visits.length, inputs, new float[] {label}, "mem:" + id);
  }

  @Test
  void gradientsThroughBagsAndTheSideInputMatchFiniteDifferences() {
    for (EmbeddingBagMode mode : EmbeddingBagMode.values()) {
      SequenceModel model = new SequenceModel(bagConfig(mode, 1, OutputMode.SEQUENCE, 3), new Random(2));
      Batch batch = new Batcher(visits(), BatchPlan.of(3), TargetLayout.perRecord(1)).batch(0, 0);
      Tensor side = ((org.recurrent.data.BatchInput.Dense) batch.input(SequenceModel.SIDE)).values().requiresGrad(true);
      List<Tensor> params = model.parameters();
      Tensor[] inputs = new Tensor[params.size() + 1];
      inputs[0] = side;
      for (int i = 0; i < params.size(); i++) inputs[i + 1] = params.get(i);
      GradCheck.create().eps(5e-3).check("bags " + mode, () -> new Tensor[] {model.forward(batch, null).logits()}, inputs);
    }
  }

  @Test
  void aStepsVectorIsTheMeanOfItsCodesEmbeddingsThenTheSideValue() {
    // one record, one visit {1, 2}, gap 0.5: the GRU reads [(E1 + E2) / 2 ; 0.5]; rebuilt by hand through a dense model
    SequenceModel bagModel = new SequenceModel(bagConfig(EmbeddingBagMode.MEAN, 1, OutputMode.SEQUENCE, 2), new Random(5));
    Map<String, StepInput> in = new LinkedHashMap<>();
    in.put(SequenceExample.PRIMARY, new StepInput.Bags(new int[] {1, 2}, new int[] {0}, null));
    in.put(SequenceModel.SIDE, new StepInput.Dense(1, new float[] {0.5f}));
    SequenceExample e = new SequenceExample("a", 1, in, new float[] {0}, "mem");
    Batch batch = new Batcher(List.of(e), BatchPlan.of(1), TargetLayout.perRecord(1))
        .batch(0, 0);
    float[] table = bagModel.stateDict().get("embedding.weight").data();
    float[] step = new float[5];
    for (int j = 0; j < 4; j++) step[j] = (table[4 + j] + table[8 + j]) / 2;
    step[4] = 0.5f;
    SequenceModel dense = new SequenceModel(new SequenceModelConfig(Cell.GRU, 5, 0, 0, -1, 5, 1, false, 0f,
        OutputMode.SEQUENCE, Pooling.LAST, 2), new Random(9));
    Map<String, Tensor> weights = new LinkedHashMap<>(bagModel.stateDict());
    weights.remove("embedding.weight");
    dense.loadStateDict(weights);
    assertArrayEquals(dense.forward(Tensor.of(step, 1, 1, 5), null, null).logits().data(),
        bagModel.forward(batch, null).logits().data(), 1e-6f);
  }

  /** The label is 1 when code 3 appeared in the first visit; later visits are noise. Chance is 0.5. */
  @Test
  void aBagModelLearnsWhichCodeOfWhichVisitMatters() {
    Random r = new Random(11);
    List<SequenceExample> data = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      int T = 2 + r.nextInt(4);
      int[][] v = new int[T][];
      boolean positive = r.nextBoolean();
      for (int t = 0; t < T; t++) {
        int size = 1 + r.nextInt(3);
        v[t] = new int[size];
        for (int j = 0; j < size; j++) v[t][j] = 4 + r.nextInt(5);        // codes 4..8 are noise
      }
      v[0][0] = positive ? 3 : 2;                                        // codes 2 and 3 appear first, either way
      v[T - 1][0] = positive ? 2 : 3;                                    // and in reverse at the last visit
      data.add(record("p" + i, v, positive ? 1 : 0, r));
    }
    DataPart train = new DataPart("train", data.subList(0, 200), null, null, false, false, 1);
    DataPart test = new DataPart("test", data.subList(200, 300), null, null, false, false, 1);
    SequenceModel model = new SequenceModel(bagConfig(EmbeddingBagMode.SUM, 1, OutputMode.SEQUENCE, 2), new Random(3));
    ClassificationTask task = new ClassificationTask();
    Adam adam = new Adam(model.parameters(), 0.03f);
    BatchSource batches = task.batches(train, BatchPlan.of(20).shuffled(1));
    for (int epoch = 0; epoch < 25; epoch++) {
      for (int b = 0; b < batches.batchesPerEpoch(); b++) {
        Batch batch = batches.batch(epoch, b);
        adam.zeroGrad();
        task.loss(model.forward(batch, null).logits(), batch, null).backward();
        adam.step();
      }
    }
    double accuracy = new org.recurrent.eval.Evaluator(task).evaluate(model, test, BatchPlan.evaluation(64, 1),
        new OutputLabels(List.of("n", "y"), List.of(), 2, null, 0)).metrics().get("accuracy");
    // a bag-of-all-codes model cannot tell the classes apart (both hold 2 and 3 once); the order decides
    assertTrue(accuracy > 0.9, "held-out accuracy " + accuracy + " should be > 0.9 (chance 0.5)");
  }

  @Test
  void perStepMultiLabelOverBagsPredictsEveryVisit() {
    SequenceModel model = new SequenceModel(bagConfig(EmbeddingBagMode.MEAN, 0, OutputMode.PER_STEP, 4), new Random(2));
    List<SequenceExample> data = new ArrayList<>();
    for (SequenceExample e : visits()) {
      float[] y = new float[e.length() * 4];
      for (int t = 0; t < e.length(); t++) y[t * 4 + (t % 4)] = 1;               // the next visit's codes, multi-hot
      Map<String, StepInput> in = Map.of(SequenceExample.PRIMARY, e.primary());
      data.add(new SequenceExample(e.id(), e.length(), in, y, e.source()));
    }
    Batch batch = new Batcher(data, BatchPlan.of(3), TargetLayout.perStep(4))
        .batch(0, 0);
    Tensor logits = model.forward(batch, null).logits();
    assertArrayEquals(new int[] {3, 3, 4}, logits.shape());
    double loss = new MultiLabelTask().loss(logits, batch, null).item();
    assertTrue(Double.isFinite(loss) && loss > 0);
    assertEquals(6.0, new MultiLabelTask().lossWeight(batch, null), "3 + 1 + 2 real visits");
  }

  @Test
  void aMissingOrUnexpectedSideInputIsAnError() {
    SequenceModel withSide = new SequenceModel(bagConfig(EmbeddingBagMode.MEAN, 2, OutputMode.SEQUENCE, 2), new Random(1));
    Batch batch = new Batcher(visits(), BatchPlan.of(3), TargetLayout.perRecord(1))
        .batch(0, 0);
    var e = assertThrows(IllegalArgumentException.class, () -> withSide.forward(batch, null));
    assertTrue(e.getMessage().startsWith("this model reads a side input 'side' of 2 values per step"), e.getMessage());
    SequenceModel without = new SequenceModel(bagConfig(EmbeddingBagMode.MEAN, 0, OutputMode.SEQUENCE, 2), new Random(1));
    e = assertThrows(IllegalArgumentException.class, () -> without.forward(batch, null));
    assertTrue(e.getMessage().contains("this model reads none"), e.getMessage());
    SequenceModel dense = new SequenceModel(new SequenceModelConfig(Cell.GRU, 3, 0, 0, -1, 5, 1, false, 0f,
        OutputMode.SEQUENCE, Pooling.LAST, 2), new Random(1));
    e = assertThrows(IllegalArgumentException.class, () -> dense.forward(batch, null));
    assertEquals("this model reads dense inputs, the batch holds bags", e.getMessage());
  }
}
