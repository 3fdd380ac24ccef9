package org.recurrent.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.recurrent.data.SequenceExample;
import org.recurrent.models.Cell;
import org.recurrent.models.OutputMode;
import org.recurrent.models.Pooling;
import org.recurrent.models.SequenceModel;
import org.recurrent.models.SequenceModelConfig;
import org.recurrent.optim.Adam;
import org.recurrent.tasks.ClassificationTask;
import org.recurrent.tasks.Predictions;

/**
 * What the trainer tests share: a classification task (the sign of a sum) and a tagging task (the previous step's
 * value), the small models that learn them, a trainer over the classifier, and a listener that asks to stop at a
 * given step.
 */
final class TrainerFixtures {
  private TrainerFixtures() {}

  /** Label 1 when the first feature sums to more than 0 over the sequence; lengths 3..10. */
  static List<SequenceExample> signOfSum(int n, long seed) {
    Random r = new Random(seed);
    List<SequenceExample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int T = 3 + r.nextInt(8);
      float[] x = new float[T * 2];
      double s = 0;
      for (int j = 0; j < x.length; j++) x[j] = (float) r.nextGaussian();
      for (int t = 0; t < T; t++) s += x[2 * t];
      out.add(new SequenceExample("s" + i, T, 2, x, new float[] {s > 0 ? 1 : 0}, "gen:" + i));
    }
    return out;
  }

  /** The metric the classifier's runs report: the share of records whose predicted class is the true one. */
  static Map<String, Double> accuracy(Predictions p) {
    int right = 0;
    for (int i = 0; i < p.size(); i++) if (p.predictedClass(i) == (int) p.truth(i)[0]) right++;
    return Map.of("accuracy", right / (double) p.size());
  }

  /** An LSTM (H = 12) over F = 2 for {@link #signOfSum}: the last step's state to 2 classes. */
  static SequenceModelConfig classifier(float dropout) {
    return new SequenceModelConfig(Cell.parse("lstm"), 2, 0, 0, -1, 12, 1, false, dropout, OutputMode.SEQUENCE, Pooling.LAST, 2);
  }

  /** A trainer of {@code model} on the classification task with Adam (lr 0.02), checkpoints when a folder is given. */
  static Trainer trainer(SequenceModel model, TrainerOptions options, Path checkpoints) {
    Trainer.Builder b = Trainer.builder(ForwardPass.of(model, new ClassificationTask(), TrainerFixtures::accuracy),
        new Adam(model.parameters(), 0.02f), options);
    return (checkpoints == null ? b : b.checkpoints(checkpoints)).build();
  }

  /** Tagging data: per step the previous step's value (0, 1 or 2) of one numeric feature, T = 16 for all. */
  static List<SequenceExample> echo(int n, long seed) {
    Random r = new Random(seed);
    List<SequenceExample> data = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int T = 16;
      float[] x = new float[T], y = new float[T];
      for (int t = 0; t < T; t++) {
        x[t] = r.nextInt(3);
        y[t] = t == 0 ? 0 : x[t - 1];
      }
      data.add(new SequenceExample("e" + i, T, 1, x, y, "gen:" + i));
    }
    return data;
  }

  /** A per-step model (H = 5) over F = 1 for {@link #echo}: 3 classes per step. */
  static SequenceModel tagger(String cell) {
    return new SequenceModel(new SequenceModelConfig(Cell.parse(cell), 1, 0, 0, -1, 5, 1, false, 0f, OutputMode.PER_STEP, null, 3), new Random(4));
  }

  /** A listener that asks to stop after step {@code step}. */
  static TrainingListener stepBudget(long step) {
    return new TrainingListener() {
      @Override
      public void onBatchEnd(TrainingContext run, TrainingEvent.BatchDone e) {
        if (e.step() == step) run.requestStop("step_budget");
      }
    };
  }
}
