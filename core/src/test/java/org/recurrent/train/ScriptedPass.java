package org.recurrent.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchSource;
import org.recurrent.nn.Module;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * A stand-in for a model and a task, for tests of the loop itself: one parameter w, training loss (w - 0.5)^2 on
 * every batch, and validation scores read from a script, one per evaluation (the last one repeated past its end):
 * {@code loss} and the metric {@code score} = -loss (higher is better).
 */
final class ScriptedPass implements ForwardPass {
  final Scalar model = new Scalar();
  private final double[] validationLosses;
  int evaluations;

  static final class Scalar extends Module {
    final Tensor w = registerParameter("w", Tensor.of(new float[] {1f}, 1));
  }

  ScriptedPass(double... validationLosses) {
    this.validationLosses = validationLosses;
  }

  @Override
  public Module model() {
    return model;
  }

  @Override
  public Loss forward(Chunk chunk, RecurrentOutput initial) {
    return new Loss(Ops.sum(Ops.square(Ops.addScalar(model.w, -0.5f))), chunk.batch().size(), null);
  }

  @Override
  public Validation evaluate(BatchSource source) {
    double loss = validationLosses[Math.min(evaluations++, validationLosses.length - 1)];   // then the last again
    return new Validation(loss, Map.of("score", -loss));
  }

  /** Without consuming a scripted score: the script is one score per epoch's evaluation. */
  @Override
  public java.util.List<String> valueNames(BatchSource sample) {
    return java.util.List.of("loss", "score");
  }

  @Override
  public boolean perStep() {
    return false;
  }

  @Override
  public String task() {
    return "scripted";
  }

  /** {@code n} batches of one record each (their content is not read). */
  static BatchSource batches(int n) {
    return new BatchSource() {
      @Override
      public int batchesPerEpoch() {
        return n;
      }

      @Override
      public Batch batch(int epoch, int index) {
        return new Batch(new int[] {index}, 1, Tensor.zeros(1, 1, 1), null, new int[] {1}, new float[] {0}, 1, false,
            false);
      }

      @Override
      public long recordsPerEpoch() {
        return n;
      }
    };
  }

  /** Records every call as text, e.g. {@code batch 1.2 step 2}, and keeps the events. */
  static final class Recorder implements TrainingListener {
    final List<String> calls = new ArrayList<>();
    final List<TrainingEvent> events = new ArrayList<>();

    @Override
    public void onStart(TrainingContext run, TrainingEvent.Started e) {
      add("start", e);
    }

    @Override
    public void onResume(TrainingContext run, TrainingEvent.Resumed e) {
      add("resume " + e.epoch() + "." + e.batch(), e);
    }

    @Override
    public void afterBackward(TrainingContext run, StepGradients g) {
      calls.add("backward " + g.epoch() + "." + g.batch() + " step " + g.step());
    }

    @Override
    public void onBatchEnd(TrainingContext run, TrainingEvent.BatchDone e) {
      add("batch " + e.epoch() + "." + e.batch() + " step " + e.step(), e);
    }

    @Override
    public void onEpochEnd(TrainingContext run, TrainingEvent.EpochDone e) {
      add("epoch " + e.epoch(), e);
    }

    @Override
    public void onCheckpoint(TrainingContext run, TrainingEvent.CheckpointWritten e) {
      add("checkpoint " + e.file(), e);
    }

    @Override
    public void onStop(TrainingContext run, TrainingEvent.Stopped e) {
      add("stop " + e.reason(), e);
    }

    private void add(String call, TrainingEvent e) {
      calls.add(call);
      events.add(e);
    }

    <E extends TrainingEvent> List<E> of(Class<E> type) {
      List<E> out = new ArrayList<>();
      for (TrainingEvent e : events) if (type.isInstance(e)) out.add(type.cast(e));
      return out;
    }
  }
}
