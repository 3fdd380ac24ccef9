package org.recurrent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.train.TrainerFixtures.classifier;
import static org.recurrent.train.TrainerFixtures.signOfSum;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.Batcher;
import org.recurrent.data.TargetLayout;
import org.recurrent.models.SequenceModel;
import org.recurrent.optim.SGD;
import org.recurrent.tasks.ClassificationTask;
import org.recurrent.tensor.Tensor;

/**
 * What happens to a step's gradients between backward and the optimizer: the after-backward hook sees them
 * before clipping and may scale them; {@code clip_grad_norm} and {@code clip_grad_value} at and around their bounds,
 * and what the batch event says about it.
 */
class TrainerGradientsTest {
  private static float[][] weights(SequenceModel model) {
    List<Tensor> ps = model.parameters();
    float[][] out = new float[ps.size()][];
    for (int i = 0; i < out.length; i++) out[i] = ps.get(i).data().clone();
    return out;
  }

  private static double norm(Iterable<Tensor> ps, boolean ofGradients) {
    double sq = 0;
    for (Tensor p : ps) for (float x : ofGradients ? p.gradData() : p.data()) sq += (double) x * x;
    return Math.sqrt(sq);
  }

  /** One epoch of one batch with plain SGD (lr 0.1), the given clipping and after-backward listener. */
  private static SequenceModel oneStep(double clipGradNorm, TrainingListener listener, ScriptedPass.Recorder recorder)
      throws IOException {
    return oneStep(TrainerOptions.defaults(1, 1).withClipGradNorm(clipGradNorm), listener, recorder);
  }

  private static SequenceModel oneStep(TrainerOptions options, TrainingListener listener, ScriptedPass.Recorder recorder)
      throws IOException {
    SequenceModel model = new SequenceModel(classifier(0f), new Random(1));
    Trainer.builder(ForwardPass.of(model, new ClassificationTask(), TrainerFixtures::accuracy),
            new SGD(model.parameters(), 0.1f, 0, false, 0), options)
        .listener(listener).listener(recorder).build()
        .fit(new Batcher(signOfSum(16, 1), BatchPlan.of(16), TargetLayout.perRecord(1)), null);
    return model;
  }

  @Test
  void theAfterBackwardHookSeesTheGradientsBeforeClipping() throws IOException {
    double[] seen = new double[1];
    TrainingListener hook = new TrainingListener() {
      @Override
      public void afterBackward(TrainingContext run, StepGradients g) {
        seen[0] = norm(g.parameters().values(), true);
      }
    };
    ScriptedPass.Recorder recorder = new ScriptedPass.Recorder();
    float[][] before = weights(new SequenceModel(classifier(0f), new Random(1)));
    SequenceModel model = oneStep(1e-3, hook, recorder);
    TrainingEvent.BatchDone batch = recorder.of(TrainingEvent.BatchDone.class).get(0);
    assertTrue(seen[0] > 0.01, "gradient norm seen by the hook " + seen[0] + " (clipping at 0.001)");
    assertEquals(seen[0], batch.gradNorm(), 1e-12 * seen[0], "the batch event reports the norm before clipping");
    assertTrue(batch.clipped());
    // the step itself was clipped: |dW| = lr * 0.001
    double step = 0;
    float[][] after = weights(model);
    for (int i = 0; i < after.length; i++) for (int j = 0; j < after[i].length; j++) step += Math.pow(after[i][j] - before[i][j], 2);
    assertEquals(0.1 * 1e-3, Math.sqrt(step), 2e-6);
  }

  @Test
  void aListenerScalingTheGradientsAfterBackwardScalesTheStep() throws IOException {
    TrainingListener halve = new TrainingListener() {
      @Override
      public void afterBackward(TrainingContext run, StepGradients g) {
        for (Tensor p : g.parameters().values()) for (int i = 0; i < p.gradData().length; i++) p.gradData()[i] *= 0.5f;
      }
    };
    float[][] before = weights(new SequenceModel(classifier(0f), new Random(1)));
    ScriptedPass.Recorder plain = new ScriptedPass.Recorder(), halved = new ScriptedPass.Recorder();
    float[][] full = weights(oneStep(0, new TrainingListener() {}, plain));
    float[][] half = weights(oneStep(0, halve, halved));
    double moved = 0;
    for (int i = 0; i < before.length; i++) {
      for (int j = 0; j < before[i].length; j++) {
        double dFull = full[i][j] - before[i][j], dHalf = half[i][j] - before[i][j];
        assertEquals(0.5 * dFull, dHalf, 1e-7, "parameter " + i + "[" + j + "]");
        moved = Math.max(moved, Math.abs(dFull));
      }
    }
    assertTrue(moved > 1e-3, "the unscaled step moved the weights by at most " + moved);
    assertEquals(0.5 * plain.of(TrainingEvent.BatchDone.class).get(0).gradNorm(),
        halved.of(TrainingEvent.BatchDone.class).get(0).gradNorm(), 1e-9, "the step used the scaled gradients");
  }

  /** One SGD step (lr 0.1) of {@link ScriptedPass}, whose gradient at w = 1 is 2 (w - 0.5) = 1 exactly. */
  private static TrainingEvent.BatchDone oneScriptedStep(TrainerOptions options, float[] w) throws IOException {
    ScriptedPass pass = new ScriptedPass(1.0);
    ScriptedPass.Recorder recorder = new ScriptedPass.Recorder();
    Trainer.builder(pass, new SGD(pass.model.parameters(), 0.1f, 0, false, 0), options).listener(recorder).build()
        .fit(ScriptedPass.batches(1), null);
    w[0] = pass.model.w.data()[0];
    return recorder.of(TrainingEvent.BatchDone.class).get(0);
  }

  private static TrainerOptions clipValue(double v) {
    return new TrainerOptions(1, 0, v, 0, 0, "loss", false, 0, 1, false);
  }

  @Test
  void aNormExactlyAtTheLimitIsNotClippedAndOneAboveItIs() throws IOException {
    float[] w = new float[1];
    // GradClip scales when max / (norm + 1e-6) < 1; the norm is 1
    TrainingEvent.BatchDone atLimit = oneScriptedStep(TrainerOptions.defaults(1, 1).withClipGradNorm(1 + 1e-6), w);
    assertEquals(1.0, atLimit.gradNorm());
    assertFalse(atLimit.clipped());
    assertEquals(0.9f, w[0], 1e-7f);                                     // 1 - 0.1 * 1
    TrainingEvent.BatchDone above = oneScriptedStep(TrainerOptions.defaults(1, 1).withClipGradNorm(1), w);
    assertEquals(1.0, above.gradNorm(), "the event reports the norm before clipping");
    assertTrue(above.clipped());
    assertEquals(1 - 0.1 / (1 + 1e-6), w[0], 1e-7);                      // scaled by 1 / (1 + 1e-6)
    TrainingEvent.BatchDone halved = oneScriptedStep(TrainerOptions.defaults(1, 1).withClipGradNorm(0.5), w);
    assertTrue(halved.clipped());
    assertEquals(0.95f, w[0], 1e-6f);                                    // 1 - 0.1 * 0.5
    TrainingEvent.BatchDone off = oneScriptedStep(TrainerOptions.defaults(1, 1), w);
    assertFalse(off.clipped(), "clipping is off");
    assertEquals(1.0, off.gradNorm());
  }

  @Test
  void clipGradValueClampsTheGradientAndSaysSoOnlyWhenAnEntryWasAboveTheBound() throws IOException {
    float[] w = new float[1];
    TrainingEvent.BatchDone clamped = oneScriptedStep(clipValue(0.25), w);
    assertTrue(clamped.clipped());
    assertEquals(1.0, clamped.gradNorm(), "the event reports the norm before clipping");
    assertEquals(0.975f, w[0], 1e-7f);                                   // 1 - 0.1 * 0.25
    TrainingEvent.BatchDone atBound = oneScriptedStep(clipValue(1), w);   // |g| = 1 is not above 1
    assertFalse(atBound.clipped());
    assertEquals(0.9f, w[0], 1e-7f);
    assertFalse(oneScriptedStep(clipValue(2), w).clipped());
  }

  @Test
  void clipGradValueClampsEveryGradientEntryOfAModel() throws IOException {
    float[][] before = weights(new SequenceModel(classifier(0f), new Random(1)));
    float[][] free = weights(oneStep(0, new TrainingListener() {}, new ScriptedPass.Recorder()));
    ScriptedPass.Recorder recorder = new ScriptedPass.Recorder();
    float c = 0.01f;
    float[][] clamped = weights(oneStep(clipValue(c), new TrainingListener() {}, recorder));
    int above = 0, below = 0;
    for (int i = 0; i < before.length; i++) {
      for (int j = 0; j < before[i].length; j++) {
        double g = (before[i][j] - free[i][j]) / 0.1;                      // SGD: w' = w - 0.1 g
        if (Math.abs(g) > c * 1.01) above++;
        if (Math.abs(g) < c * 0.99) below++;
        double expected = before[i][j] - 0.1 * Math.max(-c, Math.min(c, g));
        assertEquals(expected, clamped[i][j], 2e-7, "parameter " + i + "[" + j + "], gradient " + g);
      }
    }
    assertTrue(above > 10 && below > 10, above + " gradient entries above the bound, " + below + " below");
    assertTrue(recorder.of(TrainingEvent.BatchDone.class).get(0).clipped());
  }
}
