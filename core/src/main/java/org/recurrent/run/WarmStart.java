package org.recurrent.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent.data.CodeVocabulary;
import org.recurrent.data.text.Vocabulary;
import org.recurrent.models.Model;
import org.recurrent.models.ModelDirectory;
import org.recurrent.pipeline.PreparedData;
import org.recurrent.tensor.Tensor;

/**
 * A config's {@code init_from}: copies into a freshly built model every tensor of a trained model directory whose
 * name and shape match, and says what was kept. Rows that stand for codes or labels are matched BY NAME when both
 * models name them, so a model from another hospital carries over what the two share:
 * <pre>{@code
 * embedding.weight[i]       <- source row of the same code (codes.json), or of the same token (vocab.json, text:
 *                              a model pretrained on another corpus, e.g. SST-2 -> review sentences); new
 *                              codes and tokens keep their fresh values
 * head.weight[k], head.bias[k] <- source row of the same output name (classes, or target names such as a
 *                              next-visit label); new outputs keep their fresh values
 * }</pre>
 * A class of its own because it is the one place that maps one model's state dict onto another's; {@link
 * TrainingRun} only calls it, once the data (and so the new codes, tokens and outputs) are read.
 */
final class WarmStart {
  private WarmStart() {}

  /**
   * Loads what matches from the model directory {@code dir} into {@code model}, whose data are {@code data}.
   *
   * @return the line a run prints: how many tensors were loaded, which by rows, which were left fresh
   * @throws IllegalArgumentException when no tensor matches by name and shape
   */
  static String load(Model model, Path dir, PreparedData data) throws IOException {
    ModelDirectory.Loaded source = ModelDirectory.read(dir);
    Map<String, Tensor> own = model.stateDict();
    Map<String, Tensor> loaded = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    List<String> mapped = new ArrayList<>();
    Path sourceCodes = source.file("codes");
    List<String> oldCodes = sourceCodes == null ? null : CodeVocabulary.load(sourceCodes).codes();
    List<String> newCodes = data.codes() == null ? null : data.codes().codes();
    // text: the token of each embedding row, when both models read tokens of the same kind
    Path sourceVocabulary = source.file("vocabulary");
    if (oldCodes == null && newCodes == null && sourceVocabulary != null && data.vocabulary() != null) {
      Vocabulary before = Vocabulary.load(sourceVocabulary);
      if (before.tokenizer().equals(data.vocabulary().tokenizer())) {
        oldCodes = before.tokens();
        newCodes = data.vocabulary().tokens();
      }
    }
    List<String> oldOutputs = outputNames(source.manifest().classes(), source.manifest().targetNames());
    List<String> newOutputs = outputNames(data.classes(), data.targetNames());
    for (var entry : source.model().stateDict().entrySet()) {
      String k = entry.getKey();
      Tensor v = entry.getValue(), mine = own.get(k);
      if (mine == null) {
        skipped.add(k);
      } else if (k.equals("embedding.weight") && oldCodes != null && newCodes != null && !oldCodes.equals(newCodes)
          && v.dim() == 2 && mine.dim() == 2 && v.size(1) == mine.size(1)) {
        int[] rows = rowMap(newCodes, oldCodes);
        loaded.put(k, byRows(mine, v, rows));
        mapped.add(k + ": " + count(rows) + " of " + newCodes.size() + (data.codes() != null ? " codes" : " tokens")
            + " from the source, the rest fresh");
      } else if (k.startsWith("head.") && !newOutputs.isEmpty() && !oldOutputs.isEmpty() && !oldOutputs.equals(newOutputs)
          && mine.dim() >= 1 && v.dim() == mine.dim() && mine.size(0) == newOutputs.size() && v.size(0) == oldOutputs.size()
          && (mine.dim() == 1 || mine.size(1) == v.size(1))) {
        int[] rows = rowMap(newOutputs, oldOutputs);
        loaded.put(k, byRows(mine, v, rows));
        mapped.add(k + ": " + count(rows) + " of " + newOutputs.size() + " outputs from the source, the rest fresh");
      } else if (mine.sameShape(v)) {
        loaded.put(k, v);
      } else {
        skipped.add(k);
      }
    }
    if (loaded.isEmpty()) {
      throw new IllegalArgumentException("init_from " + dir + ": no tensor matches this model by name and shape");
    }
    model.loadStateDict(loaded, false);
    return "warm start from " + dir + ": " + loaded.size() + " tensors loaded" + (mapped.isEmpty() ? ""
        : " (rows matched by name: " + String.join("; ", mapped) + ")") + (skipped.isEmpty() ? ""
        : ", " + skipped.size() + " left at their fresh values (different shape or name): " + skipped);
  }

  private static List<String> outputNames(List<String> classes, List<String> targetNames) {
    return classes != null && !classes.isEmpty() ? classes : targetNames == null ? List.of() : targetNames;
  }

  /** For each new name, the row of the same name in the source, or -1. */
  private static int[] rowMap(List<String> names, List<String> sourceNames) {
    Map<String, Integer> at = new HashMap<>();
    for (int i = 0; i < sourceNames.size(); i++) at.putIfAbsent(sourceNames.get(i), i);
    int[] rows = new int[names.size()];
    for (int i = 0; i < rows.length; i++) rows[i] = at.getOrDefault(names.get(i), -1);
    return rows;
  }

  private static int count(int[] rows) {
    int n = 0;
    for (int r : rows) if (r >= 0) n++;
    return n;
  }

  /** {@code fresh} with row i replaced by {@code source}'s row rows[i] where that is >= 0 (rows along dim 0). */
  private static Tensor byRows(Tensor fresh, Tensor source, int[] rows) {
    int width = fresh.dim() == 1 ? 1 : fresh.size(1);
    float[] out = fresh.data().clone(), src = source.data();
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] >= 0) System.arraycopy(src, rows[i] * width, out, i * width, width);
    }
    int[] shape = new int[fresh.dim()];
    for (int d = 0; d < shape.length; d++) shape[d] = fresh.size(d);
    return Tensor.of(out, shape);
  }
}
