package org.recurrent.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.recurrent.data.BatchInput;
import org.recurrent.data.DataFormatException;
import org.recurrent.data.text.ParallelText;
import org.recurrent.data.text.Tokenizer;
import org.recurrent.data.text.Vocabulary;
import org.recurrent.io.AtomicFiles;
import org.recurrent.models.Decoding;
import org.recurrent.models.ModelDirectory;
import org.recurrent.models.SequenceDecoder;
import org.recurrent.pipeline.ParallelTextModelOptions;

/**
 * {@code recurrent translate}: source lines through a saved encoder-decoder. Sources are split and encoded with
 * the model's own source vocabulary ({@code vocab.json}; words it never saw become {@code <unk>} and are
 * counted), decoded in batches by the chosen {@link Decoding}, and the output ids written back as target text
 * (characters joined, words with spaces, as {@code data.options.target_level} of the training config says).
 * A line may be a whole {@code source<TAB>target} pair: the tab and what follows are ignored, so a test file
 * of the training format can be translated as it is.
 */
public final class Translation {
  private final Path dir;
  private final SequenceDecoder decoder;
  private final Vocabulary source;
  private final List<String> targets;
  private final Tokenizer.Level targetLevel;

  private Translation(Path dir, SequenceDecoder decoder, Vocabulary source, List<String> targets,
                      Tokenizer.Level targetLevel) {
    this.dir = dir;
    this.decoder = decoder;
    this.source = source;
    this.targets = targets;
    this.targetLevel = targetLevel;
  }

  /** The model in {@code dir}; it must be one that decodes (kind seq2seq) and have its source vocabulary. */
  public static Translation open(Path dir) throws IOException {
    ModelDirectory.Loaded loaded = ModelDirectory.read(dir);
    if (!(loaded.model() instanceof SequenceDecoder decoder)) {
      throw new IllegalArgumentException(dir + ": a model of kind " + loaded.model().kind() + " does not write output "
          + "sequences; translate needs a model trained with model.kind seq2seq");
    }
    Path vocabulary = loaded.file("vocabulary");
    if (vocabulary == null) throw new IOException(dir + ": the model has no source vocabulary (vocab.json)");
    Vocabulary source = Vocabulary.load(vocabulary);
    if (source.size() != loaded.model().signature().vocabularySize()) {
      throw new IOException(dir + ": vocab.json has " + source.size() + " tokens, the model reads "
          + loaded.model().signature().vocabularySize());
    }
    List<String> targets = loaded.manifest().classes();
    if (targets.size() != loaded.model().signature().outputSize()) {
      throw new IOException(dir + "/" + ModelDirectory.CONFIG + ": " + targets.size() + " target classes, the model "
          + "writes " + loaded.model().signature().outputSize());
    }
    // strictly bound (it used to read target_level alone and ignore any other option)
    Tokenizer.Level level = ParallelTextModelOptions.targetLevel(loaded.manifest().data().path("options"),
        dir.resolve(ModelDirectory.CONFIG) + " data.options");
    return new Translation(dir, decoder, source, targets, level);
  }

  /** The model's own maximum output length (model.max_decode_length). */
  public int defaultMaxLength() {
    return decoder.defaultMaxLength();
  }

  /** One translated line: its place, tokens on both sides, the output text, and the attention per output step. */
  public record Translated(String where, List<String> sourceTokens, List<String> outputTokens, String output,
                           boolean ended, double logProbability, float[][] attention) {}

  /** Source lines read from {@code reader} (named {@code name} in messages); blank lines are errors. */
  public static List<Line> readLines(BufferedReader reader, String name) throws IOException {
    List<Line> out = new ArrayList<>();
    int n = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      n++;
      int tab = line.indexOf('\t');
      String text = (tab >= 0 ? line.substring(0, tab) : line).strip();
      if (text.isEmpty()) throw new DataFormatException(name + ":" + n + ": empty source line; give one sequence per line");
      out.add(new Line(name + ":" + n, text));
    }
    if (out.isEmpty()) throw new DataFormatException(name + ": no source lines");
    return out;
  }

  /** @param where {@code file:line}; @param text the source */
  public record Line(String where, String text) {}

  /** Translates every line, {@code batchSize} at a time. {@code unknown[0]} receives the count of unknown source tokens. */
  public List<Translated> translate(List<Line> lines, Decoding how, int batchSize, long[] unknown) throws IOException {
    List<Translated> out = new ArrayList<>(lines.size());
    int unk = source.unkId().orElse(-1);
    for (int from = 0; from < lines.size(); from += batchSize) {
      List<Line> chunk = lines.subList(from, Math.min(lines.size(), from + batchSize));
      int B = chunk.size(), Ts = 0;
      List<int[]> ids = new ArrayList<>(B);
      for (Line l : chunk) {
        int[] s = source.encode(l.text());
        if (s.length == 0) throw new DataFormatException(l.where() + ": the source has no tokens");
        for (int id : s) if (id == unk) unknown[0]++;
        ids.add(s);
        Ts = Math.max(Ts, s.length);
      }
      int[] flat = new int[Ts * B], lengths = new int[B];
      for (int b = 0; b < B; b++) {
        lengths[b] = ids.get(b).length;
        for (int t = 0; t < lengths[b]; t++) flat[t * B + b] = ids.get(b)[t];
      }
      List<SequenceDecoder.Decoded> decoded = decoder.decode(new BatchInput.Tokens(flat, Ts, lengths), how);
      for (int b = 0; b < B; b++) {
        SequenceDecoder.Decoded d = decoded.get(b);
        List<String> src = new ArrayList<>();
        for (int id : ids.get(b)) src.add(source.token(id));
        List<String> outTokens = new ArrayList<>();
        for (int id : d.tokens()) outTokens.add(targets.get(id));
        if (d.ended()) outTokens.add(ParallelText.EOS);
        out.add(new Translated(chunk.get(b).where(), src, outTokens,
            ParallelText.detokenize(d.tokens(), targets, targetLevel), d.ended(), d.logProbability(), d.attention()));
      }
    }
    return out;
  }

  /**
   * Writes the attention of {@code translated} as JSON (format in docs/model-format.md, "attention.json"),
   * atomically.
   */
  public void writeAttention(Path file, List<Translated> translated, Decoding how) throws IOException {
    ObjectNode root = ModelDirectory.JSON.createObjectNode();
    root.put("format", "recurrent-attention");
    root.put("version", 1);
    root.put("model", dir.toAbsolutePath().normalize().toString());
    root.set("decoding", ModelDirectory.JSON.valueToTree(describe(how)));
    ArrayNode examples = root.putArray("examples");
    for (Translated t : translated) {
      ObjectNode e = examples.addObject();
      e.put("where", t.where());
      e.set("source_tokens", ModelDirectory.JSON.valueToTree(t.sourceTokens()));
      e.set("output_tokens", ModelDirectory.JSON.valueToTree(t.outputTokens()));
      e.put("output", t.output());
      e.put("ended", t.ended());
      e.put("log_probability", t.logProbability());
      e.set("weights", ModelDirectory.JSON.valueToTree(t.attention()));
    }
    AtomicFiles.writeString(file, ModelDirectory.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
  }

  /** The decoding's settings as JSON fields. */
  public static Map<String, Object> describe(Decoding how) {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (how) {
      case Decoding.Greedy g -> m.put("strategy", "greedy");
      case Decoding.Beam b -> {
        m.put("strategy", "beam");
        m.put("width", b.width());
        m.put("length_penalty", b.lengthPenalty());
      }
      case Decoding.Sample s -> {
        m.put("strategy", "sample");
        m.put("temperature", s.temperature());
        m.put("top_k", s.topK());
        m.put("seed", s.seed());
      }
    }
    m.put("max_length", how.maxLength());
    return m;
  }
}
