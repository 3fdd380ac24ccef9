package org.recurrent.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent.baselines.ngram.KneserNey;
import org.recurrent.baselines.ngram.NgramCounts;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.BatchSource;
import org.recurrent.tasks.DataPart;
import org.recurrent.data.TargetKind;
import org.recurrent.data.TokenStreamBatches;
import org.recurrent.metrics.LanguageModelMetrics;

/**
 * {@code language_model}: the next token at every step of one long text (format {@code text_corpus}), trained
 * with truncated BPTT over parallel streams. Loss: cross-entropy over the vocabulary; judged by its loss alone:
 * <pre>{@code
 * cross_entropy (nats per token), perplexity = exp(cross_entropy), bits_per_character = cross_entropy / ln 2
 * unigram_*: the training part's token frequencies (add-one smoothed) as the prediction at every step
 * kneser_ney_n_*, n = 2..5: interpolated modified Kneser-Ney n-gram models fitted on the training part
 * }</pre>
 * The n-gram baselines ({@link KneserNey}) score each token of the evaluated part given the tokens before it in
 * that part (the first token only as history), over the same vocabulary as the model: characters the vocabulary
 * lacks are {@code <unk>} for both, and Kneser-Ney gives every id of the vocabulary a probability above zero.
 * Orders whose n-gram keys do not fit in 64 bits (very large word vocabularies) are left out.
 * The same {@link #batches} cut serves validation during training and {@code recurrent eval}, so both give the
 * same number on the same text.
 */
public final class LanguageModelTask implements SoftmaxTask {
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

  /**
   * The n-gram baseline's name: its metrics are {@code kneser_ney_<order>_*}. What it keeps is the model's
   * {@link NgramCounts} (the top-order n-gram counts and the last n-1 training tokens, from which every level
   * follows), not the training text: for tiny Shakespeare 133,293 5-grams rather than a million ids.
   */
  static final String KNESER_NEY = "kneser_ney";

  /** The n-gram orders reported beside the model: the lectures' range, bigram to 5-gram. */
  static final int LOWEST_ORDER = 2, HIGHEST_ORDER = 5;

  /** How often each token occurs in the training text, and the text for the n-gram models; nothing without one. */
  @Override
  public FittedBaselines fitBaselines(DataPart train, OutputLabels labels) {
    if (train.corpus() == null) return new FittedBaselines(name(), 0, List.of());
    double[] count = new double[labels.outputSize()];
    for (int id : train.corpus()) count[id]++;
    List<FittedBaselines.Baseline> list = new ArrayList<>(List.of(FittedBaselines.Baseline.of(UNIGRAM, count)));
    int highest = Math.min(HIGHEST_ORDER, KneserNey.largestOrder(count.length));
    if (train.corpus().length > 0 && highest >= LOWEST_ORDER) {
      list.add(FittedBaselines.Baseline.ofCounts(KNESER_NEY, KneserNey.fit(train.corpus(), count.length, highest).counts()));
    }
    return new FittedBaselines(name(), train.size(), list);
  }

  /**
   * Add-one smoothed token frequencies, p(id) = (count + 1) / (N + V); and the Kneser-Ney models of orders 2-5
   * fitted on the training text, over the same V ids.
   */
  @Override
  public Map<String, Double> scoreBaselines(FittedBaselines fitted, DataPart eval, OutputLabels labels) {
    double[] count = fitted.values(UNIGRAM).orElse(null);
    if (eval.corpus() == null || count == null) return Map.of();
    int vocabulary = count.length;
    double tokens = 0;
    for (double c : count) tokens += c;
    double nll = 0;
    for (int id : eval.corpus()) nll -= Math.log((count[id] + 1) / (tokens + vocabulary));
    Map<String, Double> out = new LinkedHashMap<>(
        RegressionTask.prefixed(UNIGRAM + "_", LanguageModelMetrics.summary(nll, eval.corpus().length)));
    KneserNey lm = ngramModel(fitted, vocabulary);
    if (lm != null && eval.corpus().length >= 2) {
      for (int order = LOWEST_ORDER; order <= lm.maxOrder(); order++) {
        out.putAll(RegressionTask.prefixed(KNESER_NEY + "_" + order + "_", LanguageModelMetrics.summary(
            lm.negativeLogLikelihood(order, eval.corpus()), eval.corpus().length - 1)));
      }
    }
    return out;
  }

  /**
   * The Kneser-Ney model of {@code fitted}, from its counts; from a version-1 {@code baselines.json}, which kept the
   * training text's ids as the values instead, refitted from that text (the same counts, so the same scores).
   * Null without one.
   */
  static KneserNey ngramModel(FittedBaselines fitted, int vocabulary) {
    java.util.Optional<NgramCounts> counts = fitted.ngrams(KNESER_NEY);
    if (counts.isPresent()) {
      if (counts.get().vocabularySize() != vocabulary) {
        throw new IllegalArgumentException("the fitted Kneser-Ney model has a vocabulary of "
            + counts.get().vocabularySize() + " tokens but the unigram baseline " + vocabulary);
      }
      return KneserNey.fromCounts(counts.get());
    }
    double[] text = fitted.values(KNESER_NEY).orElse(null);
    int highest = Math.min(HIGHEST_ORDER, KneserNey.largestOrder(vocabulary));
    if (text == null || text.length == 0 || highest < LOWEST_ORDER) return null;
    int[] ids = new int[text.length];
    for (int i = 0; i < ids.length; i++) ids[i] = (int) text[i];
    return KneserNey.fit(ids, vocabulary, highest);
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
