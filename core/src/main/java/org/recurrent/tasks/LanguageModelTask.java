package org.recurrent.tasks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.BatchSource;
import org.recurrent.tasks.DataPart;
import org.recurrent.data.TargetKind;
import org.recurrent.data.TokenStreamBatches;
import org.recurrent.metrics.LanguageModelMetrics;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * {@code language_model}: the next token at every step of one long text (format {@code text_corpus}), trained
 * with truncated BPTT over parallel streams. Loss: cross-entropy over the vocabulary; judged by its loss alone:
 * <pre>{@code
 * cross_entropy (nats per token), perplexity = exp(cross_entropy), bits_per_character = cross_entropy / ln 2
 * unigram_*: the training part's token frequencies (add-one smoothed) as the prediction at every step
 * }</pre>
 * The same {@link #batches} cut serves validation during training and {@code recurrent eval}, so both give the
 * same number on the same text.
 */
public final class LanguageModelTask implements Task {
  @Override
  public String name() {
    return "language_model";
  }

  @Override
  public void checkTargets(TargetKind kind, String format) {
    if (!format.equals("text_corpus")) throw Requirements.unmet(this, "data.format text_corpus", kind, format);
  }

  @Override
  public boolean perStepOutput(TargetKind kind) {
    return true;
  }

  @Override
  public Tensor loss(Tensor logits, Batch batch, float[] mask) {
    return TargetLoss.crossEntropy(logits, batch, mask);
  }

  @Override
  public Tensor readout(Tensor logits) {
    return Ops.softmax(logits);
  }

  @Override
  public boolean collectsPredictions() {
    return false;
  }

  @Override
  public Map<String, Double> metrics(Predictions p, OutputLabels labels) {
    if (p.lossWeight() == 0) return Map.of();
    return new LinkedHashMap<>(LanguageModelMetrics.summary(p.meanLoss() * p.lossWeight(), Math.round(p.lossWeight())));
  }

  /** The unigram baseline's name, and its metrics' prefix. */
  static final String UNIGRAM = "unigram";

  /** How often each token occurs in the training text; nothing without one. */
  @Override
  public FittedBaselines fitBaselines(DataPart train, OutputLabels labels) {
    if (train.corpus() == null) return new FittedBaselines(name(), 0, List.of());
    double[] count = new double[labels.outputSize()];
    for (int id : train.corpus()) count[id]++;
    return new FittedBaselines(name(), train.size(), List.of(FittedBaselines.Baseline.of(UNIGRAM, count)));
  }

  /** Add-one smoothed token frequencies: p(id) = (count + 1) / (N + V). */
  @Override
  public Map<String, Double> scoreBaselines(FittedBaselines fitted, DataPart eval, OutputLabels labels) {
    double[] count = fitted.values(UNIGRAM).orElse(null);
    if (eval.corpus() == null || count == null) return Map.of();
    int vocabulary = count.length;
    double tokens = 0;
    for (double c : count) tokens += c;
    double nll = 0;
    for (int id : eval.corpus()) nll -= Math.log((count[id] + 1) / (tokens + vocabulary));
    return RegressionTask.prefixed("unigram_", LanguageModelMetrics.summary(nll, eval.corpus().length));
  }

  @Override
  public void describe(Predictions p, int row, OutputLabels labels, Map<String, Object> into) {
    throw new UnsupportedOperationException("a language model's predictions are generated text, not rows");
  }

  @Override
  public boolean higherIsBetter(String metric) {
    return false;
  }

  /**
   * Training: {@code batchSize} parallel streams. Evaluation: as many streams, but at most (n - 1) / 2 so that
   * every stream holds at least two tokens of a short text.
   */
  @Override
  public BatchSource batches(DataPart part, BatchPlan plan) {
    int[] ids = part.corpus();
    if (ids == null || ids.length < 2) return null;
    int streams = plan.shuffle() ? plan.batchSize() : Math.max(1, Math.min(plan.batchSize(), (ids.length - 1) / 2));
    return new TokenStreamBatches(ids, streams, plan.steps());
  }

  @Override
  public String toString() {
    return name();
  }
}
