package org.recurrent.tasks;

import java.util.Map;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchSource;
import org.recurrent.data.BatchPlan;
import org.recurrent.tasks.DataPart;
import org.recurrent.data.TargetKind;
import org.recurrent.tensor.Tensor;

/**
 * What a model is trained to do. A task owns everything that depends on it: which targets it accepts, whether
 * the model answers per step, the loss, how outputs are read, the metrics, the baselines a practitioner would
 * compare with (fitted on the training part only) and the columns of a prediction. Nothing outside a task asks
 * which task it is; a new task is one class plus one line in {@link TaskRegistry#standard()}.
 *
 * <p>Shapes: B batch, T steps, K outputs. Sequence outputs are logits (B, K); per-step outputs (T, B, K), whose
 * rows are masked by {@code m[t, b] = [t < len_b]} (and by a truncated-BPTT chunk's own mask).
 */
public interface Task {

  /** The config spelling ({@code task: classification}). */
  String name();

  /** Throws {@link IllegalArgumentException} saying what the task needs when the data's targets do not suit it. */
  void checkTargets(TargetKind kind, String format);

  /** Whether the model must answer at every step (T, B, K) rather than once per sequence (B, K). */
  boolean perStepOutput(TargetKind kind);

  /**
   * The loss over the batch's real targets, a scalar tensor.
   *
   * @param mask per-step row mask (T*B) of a truncated-BPTT chunk, or null for the batch's own lengths
   */
  Tensor loss(Tensor logits, Batch batch, float[] mask);

  /** How many targets {@link #loss} averaged over: its weight when losses of several batches are averaged. */
  default double lossWeight(Batch batch, float[] mask) {
    if (!batch.perStep()) return batch.size();
    float[] m = mask != null ? mask : batch.stepMask();
    double s = 0;
    for (float v : m) s += v;
    return s;
  }

  /** Logits turned into what predictions and metrics read: probabilities or values. */
  Tensor readout(Tensor logits);

  /**
   * The readable outputs of {@code batch}'s logits; by default {@link #readout(Tensor)}. A task whose outputs
   * depend on an input of the batch (a residual forecast adds the last observed value) overrides this.
   */
  default Tensor readout(Tensor logits, Batch batch) {
    return readout(logits);
  }

  /** Whether predictions are collected row by row for metrics (a language model is judged by its loss alone). */
  default boolean collectsPredictions() {
    return true;
  }

  /** The task's metrics on labelled predictions (empty when unlabelled). */
  Map<String, Double> metrics(Predictions predictions, OutputLabels labels);

  /**
   * The baselines fitted on {@code train} only: what each learnt there (the majority class, the label
   * frequencies, the mean), kept in a model directory's {@code baselines.json} so that {@code eval} can score them
   * on other data ({@link #scoreBaselines}) without the training data.
   */
  FittedBaselines fitBaselines(DataPart train, OutputLabels labels);

  /**
   * {@link #fitBaselines(DataPart, OutputLabels)} for a task whose stored baselines choose a hyper-parameter on
   * the {@code validation} part (empty when there is none), such as classification's bag-of-words logistic
   * regressions of text, whose C validation picks. What a training run calls. Default: validation is not used.
   */
  default FittedBaselines fitBaselines(DataPart train, DataPart validation, OutputLabels labels) {
    return fitBaselines(train, labels);
  }

  /**
   * The fitted baselines scored on {@code eval}; keys are prefixed with the baseline's name
   * ({@code majority_class_accuracy}). Empty when {@code eval} has nothing to score (or nothing was fitted).
   */
  Map<String, Double> scoreBaselines(FittedBaselines fitted, DataPart eval, OutputLabels labels);

  /** The baselines fitted on {@code train} and scored on {@code eval}, as a training run reports them. */
  default Map<String, Double> baselines(DataPart train, DataPart eval, OutputLabels labels) {
    return scoreBaselines(fitBaselines(train, labels), eval, labels);
  }

  /**
   * Baselines that need a validation part to choose their hyper-parameters on (chosen on {@code validation},
   * fitted on {@code train}, scored on {@code eval}), such as the count-based classifiers of {@code hf-onset}.
   * Reported by a training run beside {@link #scoreBaselines}'s, on the test part only (validation chose their
   * hyper-parameters); not kept in {@code baselines.json} (they are whole models), so {@code eval} does not repeat
   * them. Default: none.
   */
  default TunedBaselines tunedBaselines(DataPart train, DataPart validation, DataPart eval, OutputLabels labels) {
    return TunedBaselines.NONE;
  }

  /**
   * ROC curves of a binary task on {@code eval}: the model's (named {@code model}, from its predictions of
   * {@code eval}) and its tuned baselines' (from their scores in {@code tuned}), saved by a training run as
   * {@code roc.json} and drawn as {@code roc_test.png}. Default: none.
   */
  default Map<String, org.recurrent.metrics.RocCurve> rocCurves(Predictions model, DataPart eval, TunedBaselines tuned) {
    return Map.of();
  }

  /**
   * Decision parameters of the trained model chosen on its predictions of the validation part (such as the
   * probability threshold that turns a multi-label output into a set), added to {@code fitted} so that a model
   * directory's {@code baselines.json} keeps them and {@code eval} and {@code predict} apply the same ones.
   * {@code validation} is called only by a task that tunes something (it runs the model once more). Default:
   * nothing to choose, {@code fitted} unchanged.
   */
  default FittedBaselines tuneDecision(FittedBaselines fitted, java.util.function.Supplier<Predictions> validation,
                                       OutputLabels labels) {
    return fitted;
  }

  /**
   * The model's metrics that need the decision parameters {@link #tuneDecision} kept in {@code fitted} (a set
   * prediction's Jaccard at the chosen threshold); added to {@link #metrics} wherever a run or {@code eval}
   * scores a model. Default: none.
   */
  default Map<String, Double> decisionMetrics(Predictions predictions, OutputLabels labels, FittedBaselines fitted) {
    return Map.of();
  }

  /**
   * {@link #describe(Predictions, int, OutputLabels, Map)} with the model directory's fitted baselines and
   * decision parameters ({@code null} when it has none); what {@code predict} calls. Default: ignores them.
   */
  default void describe(Predictions predictions, int row, OutputLabels labels, Map<String, Object> into,
                        FittedBaselines fitted) {
    describe(predictions, row, labels, into);
  }

  /** The model under evaluation, run on records of a task's making: each record's read-out outputs, in order. */
  @FunctionalInterface
  interface ModelRunner {
    float[][] outputs(java.util.List<org.recurrent.data.SequenceExample> records);
  }

  /**
   * Scores that need the model run again on inputs the task makes, beyond its one pass over the part: a
   * forecaster's error at each horizon step, rolled ahead step by step for a recursive one. Added to the
   * metrics of {@link org.recurrent.eval.Evaluator#evaluate}. Default: none.
   */
  default Map<String, Double> modelMetrics(DataPart part, OutputLabels labels, ModelRunner model) {
    return Map.of();
  }

  /** Adds row {@code row}'s task columns (label, probabilities, values) to a prediction record. */
  void describe(Predictions predictions, int row, OutputLabels labels, Map<String, Object> into);

  /**
   * {@code predict --redact}: each record written back with what the model found replaced by its type, one row
   * per record, for tasks whose records are texts ({@code deid}). Default: refused.
   */
  default java.util.List<Map<String, Object>> redact(Predictions predictions, java.util.List<org.recurrent.data.SequenceExample> records,
                                           OutputLabels labels) {
    throw new IllegalArgumentException("--redact writes notes back with their PHI replaced: it applies to task deid, "
        + "not " + name());
  }

  /** Whether a larger value of {@code metric} (or {@code loss}) is better, for early stopping and "best". */
  boolean higherIsBetter(String metric);

  /**
   * The batches of a data part; null when the part is empty.
   *
   * @param plan batch size, shuffling and bucketing, seed, and steps per batch for token streams
   */
  BatchSource batches(DataPart part, BatchPlan plan);
}
