package org.recurrent.data.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent.data.DataFormatException;
import org.recurrent.data.NumberedLines;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.StepInput;

/**
 * Sentence pairs for sequence-to-sequence models: one {@code source<TAB>target} pair per line (UTF-8), source
 * and target tokenised by their own {@link Tokenizer}s. Vocabularies are fitted on the training part only; a
 * token of another part that the training part lacks becomes {@code <unk>} and is counted
 * ({@link Encoded#unknownSource}, {@link Encoded#unknownTarget}).
 *
 * <p>The target vocabulary (the model's K output classes) reserves
 * {@code <pad> = 0, <unk> = 1, <bos> = 2, <eos> = 3}, then the tokens by frequency descending, ties by token.
 * A pair becomes one record whose primary input is what the decoder reads under teacher forcing and whose
 * per-step targets are what it must answer, the source riding along as input {@value #SOURCE}:
 * <pre>{@code
 * x       <bos> y_1 ... y_n          (n + 1 steps)
 * y       y_1   ... y_n  <eos>       one class per step
 * source  s_1 ... s_m                token ids of the source vocabulary
 * }</pre>
 */
public final class ParallelText {
  /** The name of the source input in records and batches. */
  public static final String SOURCE = "source";
  public static final String BOS = "<bos>";
  public static final String EOS = "<eos>";
  public static final int PAD_ID = 0;
  public static final int UNK_ID = 1;
  public static final int BOS_ID = 2;
  public static final int EOS_ID = 3;

  private ParallelText() {}

  /** One pair as read. @param where {@code file:line} or the generator's name and index */
  public record Pair(String source, String target, String where) {}

  /** Reads {@code source<TAB>target} lines; blank lines are skipped; anything else is a file:line error. */
  public static List<Pair> read(Path file) throws IOException {
    List<Pair> out = new ArrayList<>();
    try (NumberedLines lines = new NumberedLines(file)) {
      for (String line = lines.next(); line != null; line = lines.next()) {
        if (line.isBlank()) continue;
        String where = file + ":" + lines.line();
        int tab = line.indexOf('\t');
        if (tab < 0 || line.indexOf('\t', tab + 1) >= 0) {
          throw new DataFormatException(where + ": expected source<TAB>target (exactly one tab), found "
              + (tab < 0 ? "no tab" : "more than one tab"));
        }
        String source = line.substring(0, tab).strip(), target = line.substring(tab + 1).strip();
        if (source.isEmpty() || target.isEmpty()) {
          throw new DataFormatException(where + ": the " + (source.isEmpty() ? "source" : "target") + " is empty");
        }
        out.add(new Pair(source, target, where));
      }
    }
    return out;
  }

  /** The target classes fitted on {@code targets}: the four specials, then tokens by frequency, ties by token. */
  public static List<String> fitTargetTokens(Tokenizer tokenizer, List<String> targets, int minFrequency) {
    Map<String, Long> counts = new HashMap<>();
    for (String t : targets) tokenizer.forEachToken(t, tok -> counts.merge(tok, 1L, Long::sum));
    List<String> tokens = new ArrayList<>(List.of(Vocabulary.PAD, Vocabulary.UNK, BOS, EOS));
    counts.entrySet().stream()
        .filter(e -> e.getValue() >= minFrequency && !tokens.contains(e.getKey()))
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> tokens.add(e.getKey()));
    return Collections.unmodifiableList(tokens);
  }

  /** Records of one part and how many tokens of each side were unknown. */
  public record Encoded(List<SequenceExample> records, long unknownSource, long unknownTarget) {}

  /** The records of {@code pairs}: source ids from {@code source}, target ids from {@code targetTokens}. */
  public static Encoded encode(List<Pair> pairs, Vocabulary source, Tokenizer targetTokenizer,
                               List<String> targetTokens) throws DataFormatException {
    Map<String, Integer> targetIds = new HashMap<>();
    for (int i = 0; i < targetTokens.size(); i++) targetIds.put(targetTokens.get(i), i);
    int unk = source.unkId().orElseThrow(() -> new IllegalArgumentException("the source vocabulary needs <unk>"));
    List<SequenceExample> out = new ArrayList<>(pairs.size());
    long unknownSource = 0, unknownTarget = 0;
    int n = 0;
    for (Pair p : pairs) {
      n++;
      int[] s = source.encode(p.source());
      if (s.length == 0) throw new DataFormatException(p.where() + ": the source has no tokens");
      for (int id : s) if (id == unk) unknownSource++;
      List<String> t = targetTokenizer.tokenize(p.target());
      if (t.isEmpty()) throw new DataFormatException(p.where() + ": the target has no tokens");
      int[] x = new int[t.size() + 1];
      float[] y = new float[t.size() + 1];
      x[0] = BOS_ID;
      for (int i = 0; i < t.size(); i++) {
        Integer id = targetIds.get(t.get(i));
        if (id == null) {
          id = UNK_ID;
          unknownTarget++;
        }
        x[i + 1] = id;
        y[i] = id;
      }
      y[t.size()] = EOS_ID;
      Map<String, StepInput> inputs = new LinkedHashMap<>();
      inputs.put(SequenceExample.PRIMARY, new StepInput.Tokens(x));
      inputs.put(SOURCE, new StepInput.Tokens(s));
      out.add(new SequenceExample(String.valueOf(n), x.length, inputs, y, p.where()));
    }
    return new Encoded(out, unknownSource, unknownTarget);
  }

  /** Target ids back to text: characters joined as they are, words with single spaces; specials dropped. */
  public static String detokenize(int[] ids, List<String> targetTokens, Tokenizer.Level level) {
    StringBuilder s = new StringBuilder();
    for (int id : ids) {
      if (id == PAD_ID || id == BOS_ID || id == EOS_ID) continue;
      String tok = id >= 0 && id < targetTokens.size() ? targetTokens.get(id) : Vocabulary.UNK;
      if (level == Tokenizer.Level.WORD && !s.isEmpty()) s.append(' ');
      s.append(tok);
    }
    return s.toString();
  }
}
