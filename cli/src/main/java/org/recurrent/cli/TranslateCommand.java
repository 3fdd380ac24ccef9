package org.recurrent.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.recurrent.data.DataFiles;
import org.recurrent.eval.Translation;
import org.recurrent.models.Decoding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code recurrent translate}: one output sequence per input line from a seq2seq model (docs/seq2seq.md). */
@Command(name = "translate", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Translate with a trained seq2seq model: one output line per input line (a tab and what follows "
        + "it are ignored, so source<TAB>target files work as they are). Greedy by default; --beam N for beam "
        + "search, --sample for sampling. --attention-json and --attention-png write the attention weights.")
final class TranslateCommand implements Callable<Integer> {
  @Mixin StacktraceOption stacktrace;
  @Spec CommandSpec spec;
  @Mixin ThreadsOption threads;
  @Mixin ModelDirOption model;

  @Option(names = {"-i", "--input"}, defaultValue = "-", description = "Source lines, UTF-8; - for stdin.")
  String input;

  @Option(names = "--beam", defaultValue = "1", description = "Beam width (1: greedy search).")
  int beam;

  @Option(names = "--length-penalty", defaultValue = "0.6", description = "Beam search: alpha of the length "
      + "normalisation ((5 + n) / 6)^alpha; 0 ranks by raw log-probability.")
  double lengthPenalty;

  @Option(names = "--max-length", defaultValue = "0", description = "Longest output, end token included "
      + "(0: the model's max_decode_length).")
  int maxLength;

  @Option(names = "--sample", description = "Sample each token instead of searching.")
  boolean sample;

  @Option(names = "--temperature", defaultValue = "1.0", description = "Sampling: softmax temperature.")
  double temperature;

  @Option(names = "--top-k", defaultValue = "0", description = "Sampling: draw from the k most likely tokens only "
      + "(0: all).")
  int topK;

  @Mixin SeedOption seed;

  @Option(names = "--batch-size", defaultValue = "64", description = "Lines decoded together.")
  int batchSize;

  @Option(names = "--attention-json", description = "Write every line's attention weights to this JSON file "
      + "(format: docs/model-format.md, attention.json).")
  Path attentionJson;

  @Option(names = "--attention-png", description = "Write heatmaps of the first --png-limit lines' attention "
      + "(source tokens across, output tokens down) into this folder as attention-N.png.")
  Path attentionPng;

  @Option(names = "--png-limit", defaultValue = "5", description = "Heatmaps to write with --attention-png.")
  int pngLimit;

  @Override
  public Integer call() throws Exception {
    if (beam < 1) throw new IllegalArgumentException("--beam must be >= 1, got " + beam);
    if (sample && beam > 1) throw new IllegalArgumentException("--sample and --beam exclude each other; give one");
    if (batchSize < 1 || pngLimit < 0 || maxLength < 0) {
      throw new IllegalArgumentException("--batch-size must be >= 1, --png-limit and --max-length >= 0");
    }
    if (attentionPng != null && Files.exists(attentionPng) && !Files.isDirectory(attentionPng)) {
      throw new IllegalArgumentException("--attention-png " + attentionPng + " is a file; give a folder");
    }
    if (attentionJson != null) {
      Path parent = attentionJson.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new IllegalArgumentException("--attention-json " + attentionJson + ": folder " + parent + " does not exist");
      }
    }
    threads.apply();
    Translation translation = Translation.open(model.dir);
    int length = maxLength > 0 ? maxLength : translation.defaultMaxLength();
    Decoding how = sample ? new Decoding.Sample(temperature, topK, seed.seed, length)
        : beam > 1 ? new Decoding.Beam(beam, lengthPenalty, length) : new Decoding.Greedy(length);
    List<Translation.Line> lines;
    if (input.equals("-")) {
      lines = Translation.readLines(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), "stdin");
    } else {
      try (BufferedReader r = DataFiles.open(Path.of(input))) {
        lines = Translation.readLines(r, input);
      }
    }
    long[] unknown = new long[1];
    List<Translation.Translated> out = translation.translate(lines, how, batchSize, unknown);
    PrintWriter w = spec.commandLine().getOut();
    for (Translation.Translated t : out) w.println(t.output());
    w.flush();
    PrintWriter err = spec.commandLine().getErr();
    if (unknown[0] > 0) err.printf(Locale.ROOT, "translate: %d source tokens were not in the model's vocabulary and "
        + "became <unk>%n", unknown[0]);
    if (attentionJson != null) {
      translation.writeAttention(attentionJson, out, how);
      err.println("wrote the attention of " + out.size() + " lines to " + attentionJson);
    }
    if (attentionPng != null) {
      Files.createDirectories(attentionPng);
      int n = Math.min(pngLimit, out.size());
      for (int i = 0; i < n; i++) {
        Translation.Translated t = out.get(i);
        if (t.attention().length > 0 && t.attention()[0].length == 0) {
          throw new IllegalArgumentException(model.dir + ": this model has no attention (model.attention none); "
              + "there are no weights to draw");
        }
        AttentionHeatmap.write(attentionPng.resolve("attention-" + (i + 1) + ".png"), t.where() + ": "
            + String.join(" ", t.sourceTokens()) + " -> " + t.output(), t.sourceTokens(), t.outputTokens(), t.attention());
      }
      err.println("wrote " + n + " heatmaps to " + attentionPng);
    }
    err.flush();
    return 0;
  }
}
