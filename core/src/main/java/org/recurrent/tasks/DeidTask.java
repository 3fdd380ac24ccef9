package org.recurrent.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchPlan;
import org.recurrent.data.BatchSource;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;
import org.recurrent.data.deid.BioSpans;
import org.recurrent.data.deid.Note;
import org.recurrent.data.deid.NoteWords;
import org.recurrent.tensor.Tensor;

/**
 * {@code deid}: de-identification as BIO tagging of notes ({@code data.format: deid_notes}, docs/deid.md). The
 * model, loss and read-out are {@code tagging}'s (cross-entropy over every real token, softmax); the metrics add
 * span- and token-level precision, recall and F1 of the PHI, per type and micro-averaged ({@link DeidScores});
 * the baseline is {@link RegexDictionaryTagger} fitted on the training notes ({@value #BASELINE}), scored with
 * the same metrics. {@code predict --redact} writes each note back with its predicted spans replaced by
 * {@code [TYPE]} ({@link #redact}).
 */
public final class DeidTask implements Task {
  /** The baseline's name, and its metrics' prefix. */
  static final String BASELINE = "regex_dictionary";

  private final TaggingTask tagging = new TaggingTask();

  @Override
  public String name() {
    return "deid";
  }

  @Override
  public void checkTargets(TargetKind kind, String format) {
    if (!"deid_notes".equals(format)) {
      throw new IllegalArgumentException("task deid reads notes with BIO tags: data.format deid_notes (docs/deid.md), "
          + "not " + format);
    }
    tagging.checkTargets(kind, format);
  }

  @Override
  public boolean perStepOutput(TargetKind kind) {
    return true;
  }

  @Override
  public Tensor loss(Tensor logits, Batch batch, float[] mask) {
    return tagging.loss(logits, batch, mask);
  }

  @Override
  public Tensor readout(Tensor logits) {
    return tagging.readout(logits);
  }

  /** Token accuracy and macro F1 over the tags (as {@code tagging}), then the PHI scores of {@link DeidScores}. */
  @Override
  public Map<String, Double> metrics(Predictions p, OutputLabels labels) {
    Map<String, Double> out = new LinkedHashMap<>(CategoricalScores.of(p));
    if (!p.labelled() || p.size() == 0) return out;
    List<List<String>> truth = new ArrayList<>(), predicted = new ArrayList<>();
    for (Tagged t : byRecord(p, labels).values()) {
      truth.add(t.truth());
      predicted.add(t.predicted());
    }
    out.putAll(DeidScores.of(truth, predicted, ""));
    return out;
  }

  /** One record's tags in step order, predicted and (when labelled) true. */
  private record Tagged(List<String> predicted, List<String> truth) {}

  private static Map<Integer, Tagged> byRecord(Predictions p, OutputLabels labels) {
    Map<Integer, List<int[]>> rows = new LinkedHashMap<>();   // record -> {step, row}
    for (int i = 0; i < p.size(); i++) rows.computeIfAbsent(p.record(i), r -> new ArrayList<>()).add(new int[] {p.step(i), i});
    Map<Integer, Tagged> out = new java.util.TreeMap<>();
    rows.forEach((record, steps) -> {
      steps.sort(java.util.Comparator.comparingInt(s -> s[0]));
      List<String> predicted = new ArrayList<>(), truth = new ArrayList<>();
      for (int[] s : steps) {
        predicted.add(labels.name(p.predictedClass(s[1])));
        if (p.truth(s[1]).length > 0) truth.add(labels.name((int) p.truth(s[1])[0]));
      }
      out.put(record, new Tagged(predicted, truth));
    });
    return out;
  }

  @Override
  public FittedBaselines fitBaselines(DataPart train, OutputLabels labels) {
    if (train.records().isEmpty()) return new FittedBaselines(name(), 0, List.of());
    RegexDictionaryTagger tagger = RegexDictionaryTagger.fit(notes(train));
    return new FittedBaselines(name(), train.size(), List.of(FittedBaselines.Baseline.of(BASELINE,
        tagger.values(labels.classes()))));
  }

  @Override
  public Map<String, Double> scoreBaselines(FittedBaselines fitted, DataPart eval, OutputLabels labels) {
    if (eval.records().isEmpty() || eval.targetWidth() == 0) return Map.of();
    return fitted.values(BASELINE).map(v -> {
      RegexDictionaryTagger tagger = RegexDictionaryTagger.of(v, labels.classes());
      List<List<String>> truth = new ArrayList<>(), predicted = new ArrayList<>();
      for (SequenceExample e : eval.records()) {
        Note note = note(e);
        predicted.add(tagger.tag(note));
        List<String> t = new ArrayList<>();
        for (float y : e.y()) t.add(labels.name((int) y));
        truth.add(t);
      }
      return DeidScores.of(truth, predicted, BASELINE + "_");
    }).orElse(Map.of());
  }

  @Override
  public void describe(Predictions p, int row, OutputLabels labels, Map<String, Object> into) {
    CategoricalScores.describe(p, row, labels, into);
  }

  /**
   * One row per note: {@code id}, {@code text} (the note with each predicted span replaced by {@code [TYPE]},
   * {@link BioSpans#redact}) and {@code spans} (type, first token, end token exclusive, and the text replaced).
   */
  @Override
  public List<Map<String, Object>> redact(Predictions p, List<SequenceExample> records, OutputLabels labels) {
    List<Map<String, Object>> out = new ArrayList<>();
    byRecord(p, labels).forEach((record, tagged) -> {
      SequenceExample e = records.get(record);
      Note note = note(e);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", e.id());
      row.put("text", BioSpans.redact(note, tagged.predicted()));
      List<Map<String, Object>> spans = new ArrayList<>();
      for (BioSpans.Span s : BioSpans.of(tagged.predicted())) {
        Map<String, Object> span = new LinkedHashMap<>();
        span.put("type", s.type());
        span.put("start", s.start());
        span.put("end", s.end());
        StringBuilder text = new StringBuilder();
        for (int t = s.start(); t < s.end(); t++) {
          text.append(note.tokens().get(t));
          if (t + 1 < s.end()) text.append(note.after().get(t));
        }
        span.put("text", text.toString());
        spans.add(span);
      }
      row.put("spans", spans);
      out.add(row);
    });
    return out;
  }

  private static List<Note> notes(DataPart part) {
    return part.records().stream().map(DeidTask::note).toList();
  }

  private static Note note(SequenceExample e) {
    if (e.input(NoteWords.NAME) instanceof NoteWords w) return w.note();
    throw new IllegalArgumentException(e.source() + ": record '" + e.id() + "' carries no note text; task deid reads "
        + "data.format deid_notes");
  }

  @Override
  public boolean higherIsBetter(String metric) {
    return CategoricalScores.higherIsBetter(metric);
  }

  @Override
  public BatchSource batches(DataPart part, BatchPlan plan) {
    return tagging.batches(part, plan);
  }
}
