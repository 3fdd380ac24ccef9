package org.recurrent.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;
import org.recurrent.data.text.ParallelText;
import org.recurrent.metrics.Bleu;

/**
 * {@code seq2seq}: map a source sequence to a target sequence of its own length (data.format parallel_text,
 * model.kind seq2seq). Loss: cross-entropy of the teacher-forced decoder over the target's real steps, the end
 * token included. Metrics:
 * <pre>{@code
 * token_accuracy  share of target steps (end token included) whose argmax under teacher forcing is right
 * exact_match     share of records whose greedy decode equals the target exactly
 * bleu            corpus BLEU-4 (0..100) of the greedy decodes against the targets, on target tokens ({@link Bleu})
 * }</pre>
 * The last two need a model that decodes ({@code org.recurrent.models.SequenceDecoder}); without decodes only
 * the first is reported. Baseline, fitted on the training targets: {@code position_mode}, at each position the
 * most frequent training token, up to the position where the end token is most frequent; scored on the same
 * three metrics (teacher forcing is moot for it: it predicts position by position).
 */
public final class Seq2SeqTask extends RecordTask implements SoftmaxTask {
  static final String MODE = "position_mode";

  @Override
  public String name() {
    return "seq2seq";
  }

  @Override
  public void checkTargets(TargetKind kind, String format) {
    if (kind != TargetKind.PER_STEP_CLASS || !format.equals("parallel_text")) {
      throw new IllegalArgumentException("task seq2seq needs source<TAB>target pairs (data.format parallel_text), got "
          + "data.format " + format + " with " + kind.name().toLowerCase(java.util.Locale.ROOT) + " targets");
    }
  }

  @Override
  public boolean perStepOutput(TargetKind kind) {
    return true;
  }

  @Override
  public Map<String, Double> metrics(Predictions p, OutputLabels labels) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (!p.labelled()) return out;
    int right = 0;
    Map<Integer, List<Integer>> references = new LinkedHashMap<>();
    for (int row = 0; row < p.size(); row++) {
      int truth = (int) p.truth(row)[0];
      if (p.predictedClass(row) == truth) right++;
      if (truth != ParallelText.EOS_ID) references.computeIfAbsent(p.record(row), r -> new ArrayList<>()).add(truth);
      else references.computeIfAbsent(p.record(row), r -> new ArrayList<>());
    }
    out.put("token_accuracy", p.size() == 0 ? Double.NaN : (double) right / p.size());
    if (p.hasDecoded()) {
      List<int[]> candidates = new ArrayList<>(), refs = new ArrayList<>();
      references.forEach((record, ref) -> {
        candidates.add(p.decoded(record));
        refs.add(ref.stream().mapToInt(Integer::intValue).toArray());
      });
      out.putAll(sequenceScores(candidates, refs));
    }
    return out;
  }

  /** exact_match and bleu of candidates against references. */
  static Map<String, Double> sequenceScores(List<int[]> candidates, List<int[]> references) {
    int exact = 0;
    for (int i = 0; i < candidates.size(); i++) {
      if (java.util.Arrays.equals(candidates.get(i), references.get(i))) exact++;
    }
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("exact_match", candidates.isEmpty() ? Double.NaN : (double) exact / candidates.size());
    out.put("bleu", Bleu.corpus(candidates, references).bleu());
    return out;
  }

  @Override
  public FittedBaselines fitBaselines(DataPart train, OutputLabels labels) {
    if (train.records().isEmpty()) return new FittedBaselines(name(), 0, List.of());
    return new FittedBaselines(name(), train.size(), List.of(FittedBaselines.Baseline.of(MODE,
        positionMode(train.records(), labels.outputSize()))));
  }

  /** The most frequent training token at each position (first of equals), cut at the first end token. */
  static double[] positionMode(List<SequenceExample> train, int classes) {
    int longest = 0;
    for (SequenceExample e : train) longest = Math.max(longest, e.y().length);
    List<Double> mode = new ArrayList<>();
    for (int t = 0; t < longest; t++) {
      long[] counts = new long[classes];
      for (SequenceExample e : train) if (t < e.y().length) counts[(int) e.y()[t]]++;
      int best = 0;
      for (int k = 1; k < classes; k++) if (counts[k] > counts[best]) best = k;
      mode.add((double) best);
      if (best == ParallelText.EOS_ID) break;
    }
    return mode.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Override
  public Map<String, Double> scoreBaselines(FittedBaselines fitted, DataPart eval, OutputLabels labels) {
    if (eval.records().isEmpty()) return Map.of();
    return fitted.values(MODE).map(mode -> {
      int right = 0, steps = 0;
      List<int[]> candidates = new ArrayList<>(), refs = new ArrayList<>();
      List<Integer> cand = new ArrayList<>();
      for (double m : mode) if ((int) m != ParallelText.EOS_ID) cand.add((int) m);
      int[] candidate = cand.stream().mapToInt(Integer::intValue).toArray();
      for (SequenceExample e : eval.records()) {
        float[] y = e.y();
        for (int t = 0; t < y.length; t++, steps++) if (t < mode.length && (int) mode[t] == (int) y[t]) right++;
        candidates.add(candidate);
        int[] ref = new int[y.length - 1];
        for (int t = 0; t < ref.length; t++) ref[t] = (int) y[t];
        refs.add(ref);
      }
      Map<String, Double> out = new LinkedHashMap<>();
      out.put(MODE + "_token_accuracy", (double) right / steps);
      sequenceScores(candidates, refs).forEach((k, v) -> out.put(MODE + "_" + k, v));
      return out;
    }).orElse(Map.of());
  }

  @Override
  public void describe(Predictions p, int row, OutputLabels labels, Map<String, Object> into) {
    CategoricalScores.describe(p, row, labels, into);
  }

  @Override
  public boolean higherIsBetter(String metric) {
    return !metric.equals("loss");
  }
}
