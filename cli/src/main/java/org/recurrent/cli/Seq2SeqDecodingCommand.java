package org.recurrent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.recurrent.config.ConfigOverrides;
import org.recurrent.config.TrainConfig;
import org.recurrent.data.BatchInput;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.StepInput;
import org.recurrent.data.text.ParallelText;
import org.recurrent.data.text.Vocabulary;
import org.recurrent.metrics.Bleu;
import org.recurrent.models.Decoding;
import org.recurrent.models.ModelDirectory;
import org.recurrent.models.SequenceDecoder;
import org.recurrent.pipeline.DataPreparation;
import org.recurrent.pipeline.PreparedData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recurrent demo seq2seq-decoding}: greedy search against beam search on a seq2seq run's own held-out
 * part. The part is made again from the run's config and {@code --set} overrides (the generator and the split are
 * seeded, so it is the part the run was scored on; the model's source vocabulary and target tokens must equal
 * the ones those data give, else it is refused). Exact match and corpus BLEU as the task {@code seq2seq} defines
 * them, per decoding; a markdown table on stdout.
 */
@Command(name = "seq2seq-decoding", mixinStandardHelpOptions = true, description = "Greedy against beam search on a "
    + "seq2seq run's held-out part (made again from its config): exact match and BLEU per decoding, as a table.")
final class Seq2SeqDecodingCommand implements Callable<Integer> {
  @Mixin StacktraceOption stacktrace;
  @Spec CommandSpec spec;

  @Option(names = {"-c", "--config"}, required = true, description = "The run's training config.")
  Path config;

  @Option(names = "--set", paramLabel = "KEY.PATH=VALUE", description = "The run's config overrides, as given to train.")
  List<String> sets = new ArrayList<>();

  @Option(names = {"-m", "--model"}, required = true, description = "The run's model directory.")
  Path model;

  @Option(names = "--beam", split = ",", defaultValue = "4,8", description = "Beam widths to compare with greedy "
      + "(default: ${DEFAULT-VALUE}).")
  List<Integer> beams;

  @Option(names = "--length-penalty", defaultValue = "0.6", description = "Beam search: alpha of the length "
      + "normalisation log p / ((5 + n) / 6)^alpha (default: ${DEFAULT-VALUE}); 0 ranks by log p.")
  double lengthPenalty;

  @Option(names = "--part", defaultValue = "test", description = "test or validation (default: ${DEFAULT-VALUE}).")
  String part;

  @Option(names = "--batch-size", defaultValue = "64", description = "Sources decoded together.")
  int batchSize;

  @Override
  public Integer call() throws IOException {
    if (!part.equals("test") && !part.equals("validation")) {
      throw new IllegalArgumentException("--part must be test or validation, got " + part);
    }
    if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
    ModelDirectory.Loaded loaded = ModelDirectory.read(model);
    if (!(loaded.model() instanceof SequenceDecoder decoder)) {
      throw new IllegalArgumentException(model + ": a model of kind " + loaded.model().kind() + " does not decode; "
          + "seq2seq-decoding needs a model trained with model.kind seq2seq");
    }
    TrainConfig c = ConfigOverrides.parse(sets).readTrainConfig(config);
    PreparedData data = DataPreparation.prepare(c, config.toAbsolutePath().getParent());
    Path vocabularyFile = loaded.file("vocabulary");
    if (vocabularyFile == null || data.vocabulary() == null
        || !Vocabulary.load(vocabularyFile).tokens().equals(data.vocabulary().tokens())
        || !loaded.manifest().classes().equals(data.classes())) {
      throw new IllegalArgumentException(model + ": its source vocabulary or target tokens differ from those of the "
          + "data " + config + (sets.isEmpty() ? "" : " with " + sets) + " makes: give the config and --set options "
          + "the model was trained with");
    }
    List<SequenceExample> records = part.equals("test") ? data.test() : data.validation();
    if (records.isEmpty()) throw new IllegalArgumentException(config + ": the " + part + " part is empty");
    List<int[]> references = new ArrayList<>();
    for (SequenceExample e : records) {
      int n = e.y().length;
      while (n > 0 && (int) e.y()[n - 1] == ParallelText.EOS_ID) n--;
      int[] ref = new int[n];
      for (int t = 0; t < n; t++) ref[t] = (int) e.y()[t];
      references.add(ref);
    }
    int maxLength = decoder.defaultMaxLength();
    List<Decoding> decodings = new ArrayList<>();
    decodings.add(new Decoding.Greedy(maxLength));
    for (int w : beams) decodings.add(new Decoding.Beam(w, lengthPenalty, maxLength));
    // one untimed decode first, so that the first timed row does not pay for the JIT's warm-up
    decoder.decode(sources(records.subList(0, Math.min(records.size(), batchSize))), decodings.get(0));
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "%s part: %d pairs; model %s%n%n", part, records.size(), model);
    out.println("| decoding | exact match | BLEU | mean output length | seconds |");
    out.println("|---|---|---|---|---|");
    for (Decoding how : decodings) {
      long started = System.nanoTime();
      List<int[]> candidates = new ArrayList<>();
      for (int from = 0; from < records.size(); from += batchSize) {
        List<SequenceExample> batch = records.subList(from, Math.min(records.size(), from + batchSize));
        for (SequenceDecoder.Decoded d : decoder.decode(sources(batch), how)) candidates.add(d.tokens());
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      int exact = 0;
      long length = 0;
      for (int i = 0; i < candidates.size(); i++) {
        if (java.util.Arrays.equals(candidates.get(i), references.get(i))) exact++;
        length += candidates.get(i).length;
      }
      out.printf(Locale.ROOT, "| %s | %.3f | %.1f | %.2f | %.1f |%n", describe(how), (double) exact / candidates.size(),
          Bleu.corpus(candidates, references).bleu(), (double) length / candidates.size(), seconds);
      out.flush();
    }
    return 0;
  }

  private static String describe(Decoding how) {
    return switch (how) {
      case Decoding.Greedy g -> "greedy";
      case Decoding.Beam b -> String.format(Locale.ROOT, "beam %d, alpha %.1f", b.width(), b.lengthPenalty());
      case Decoding.Sample s -> "sampling";
    };
  }

  /** The records' sources padded time-major, {@code ids[t * B + b]}, with their lengths. */
  private static BatchInput.Tokens sources(List<SequenceExample> batch) {
    int B = batch.size(), T = 0;
    int[] lengths = new int[B];
    for (int b = 0; b < B; b++) {
      lengths[b] = ((StepInput.Tokens) batch.get(b).input(ParallelText.SOURCE)).ids().length;
      T = Math.max(T, lengths[b]);
    }
    int[] ids = new int[T * B];                                  // 0 = <pad>
    for (int b = 0; b < B; b++) {
      int[] s = ((StepInput.Tokens) batch.get(b).input(ParallelText.SOURCE)).ids();
      for (int t = 0; t < s.length; t++) ids[t * B + b] = s[t];
    }
    return new BatchInput.Tokens(ids, T, lengths);
  }
}
