package org.recurrent.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.recurrent.tasks.DataPart;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;
import org.recurrent.metrics.BinaryMetrics;
import org.recurrent.metrics.MultiLabelMetrics;

/**
 * {@code multilabel}: any subset of K labels per sequence (B, K), or per step (T, B, K) for per-step targets
 * (the codes of the next visit at every visit). Loss: binary cross-entropy with logits over the real rows; read
 * out as {@code sigmoid}. Metrics over rows (records or real steps):
 * <pre>{@code
 * recall@k, precision@k for k in 1, 5, 10, 20, 30 (those <= K); roc_auc_micro over all (record, label) pairs
 * label_frequency_*: every record scored by the training part's label frequencies
 * }</pre>
 */
public final class MultiLabelTask extends RecordTask implements SigmoidTask {
  private static final int[] TOP_K = {1, 5, 10, 20, 30};

  @Override
  public String name() {
    return "multilabel";
  }

  @Override
  public void checkTargets(TargetKind kind, String format) {
    if (kind != TargetKind.MULTILABEL && kind != TargetKind.PER_STEP_MULTILABEL) {
      throw Requirements.unmet(this, "multi-label targets (data.options.target: multilabel or per_step_multilabel)",
          kind, format);
    }
  }

  @Override
  public boolean perStepOutput(TargetKind kind) {
    return kind.perStep();
  }

  @Override
  public Map<String, Double> metrics(Predictions p, OutputLabels labels) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (!p.labelled() || p.size() == 0) return out;
    int n = p.size(), K = p.output(0).length;
    int[][] truth = new int[n][K];
    float[][] scores = new float[n][];
    int[] flatTruth = new int[n * K];
    double[] flatScores = new double[n * K];
    for (int i = 0; i < n; i++) {
      scores[i] = p.output(i);
      for (int k = 0; k < K; k++) {
        truth[i][k] = p.truth(i)[k] > 0.5f ? 1 : 0;
        flatTruth[i * K + k] = truth[i][k];
        flatScores[i * K + k] = scores[i][k];
      }
    }
    out.putAll(topK(truth, scores, K));
    if (hasBoth(flatTruth)) out.put("roc_auc_micro", BinaryMetrics.rocAuc(flatTruth, flatScores));
    return out;
  }

  /** The label-frequency baseline's name, and its metrics' prefix. */
  static final String LABEL_FREQUENCY = "label_frequency";

  /** How often each label is set in the training part (the baseline ranks the labels by it for every row). */
  @Override
  public FittedBaselines fitBaselines(DataPart train, OutputLabels labels) {
    int K = labels.outputSize();
    float[] frequency = new float[K];
    for (float[] y : rows(train.records(), K)) for (int k = 0; k < K; k++) frequency[k] += y[k];
    double[] values = new double[K];
    for (int k = 0; k < K; k++) values[k] = frequency[k];
    return new FittedBaselines(name(), train.size(), List.of(FittedBaselines.Baseline.of(LABEL_FREQUENCY, values)));
  }

  @Override
  public Map<String, Double> scoreBaselines(FittedBaselines fitted, DataPart eval, OutputLabels labels) {
    int K = labels.outputSize();
    List<float[]> rows = rows(eval.records(), K);
    double[] fittedFrequency = fitted.values(LABEL_FREQUENCY).orElse(null);
    if (rows.isEmpty() || fittedFrequency == null) return Map.of();
    if (fittedFrequency.length != K) {
      throw new IllegalArgumentException("the label-frequency baseline has " + fittedFrequency.length + " labels, the "
          + "model " + K);
    }
    float[] frequency = new float[K];
    for (int k = 0; k < K; k++) frequency[k] = (float) fittedFrequency[k];
    int[][] truth = new int[rows.size()][K];
    float[][] scores = new float[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      scores[i] = frequency;
      for (int k = 0; k < K; k++) truth[i][k] = rows.get(i)[k] > 0.5f ? 1 : 0;
    }
    Map<String, Double> out = new LinkedHashMap<>();
    topK(truth, scores, K).forEach((k, v) -> out.put("label_frequency_" + k, v));
    return out;
  }

  /** The K-wide target rows: one per record, or one per real step of per-step targets. */
  private static List<float[]> rows(List<SequenceExample> records, int K) {
    List<float[]> out = new ArrayList<>();
    for (SequenceExample e : records) {
      for (int from = 0; from + K <= e.y().length; from += K) out.add(java.util.Arrays.copyOfRange(e.y(), from, from + K));
    }
    return out;
  }

  /** Empty when no record has a positive label (recall is undefined). */
  private static Map<String, Double> topK(int[][] truth, float[][] scores, int K) {
    boolean any = false;
    for (int[] row : truth) for (int t : row) any |= t == 1;
    if (!any) return Map.of();
    return MultiLabelMetrics.summary(truth, scores, IntStream.of(TOP_K).filter(k -> k <= K).toArray());
  }

  @Override
  public void describe(Predictions p, int row, OutputLabels labels, Map<String, Object> into) {
    float[] out = p.output(row);
    List<String> predicted = new ArrayList<>();
    for (int k = 0; k < out.length; k++) if (out[k] >= BinaryMetrics.DEFAULT_THRESHOLD) predicted.add(labels.name(k));
    into.put("labels", String.join(" ", predicted));
    for (int k = 0; k < out.length; k++) into.put("p_" + labels.name(k), (double) out[k]);
  }

  @Override
  public boolean higherIsBetter(String metric) {
    return !metric.equals("loss");
  }

  private static boolean hasBoth(int[] truth) {
    boolean zero = false, one = false;
    for (int t : truth) {
      zero |= t == 0;
      one |= t == 1;
    }
    return zero && one;
  }
}
