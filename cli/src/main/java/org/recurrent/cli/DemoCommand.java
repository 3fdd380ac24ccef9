package org.recurrent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.recurrent.data.text.Vocabulary;
import org.recurrent.eval.Scoring;
import org.recurrent.models.Model;
import org.recurrent.models.ModelDirectory;
import org.recurrent.models.ModelRegistry;
import org.recurrent.pipeline.ModelData;
import org.recurrent.run.TrainingRun;
import org.recurrent.train.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains a character-level LSTM on built-in text (six Shakespeare sonnets) through the same path as
 * {@code recurrent train} — it writes a config like {@code examples/shakespeare-char.yaml} and runs it — then
 * shows what it learned: held-out bits per character against the unigram baseline and uniform guessing, and
 * text sampled from the untrained and the trained model.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, subcommands = {HfDemoCommand.class, Seq2SeqSweepCommand.class, Seq2SeqDecodingCommand.class}, description = "Train a small character-level LSTM on "
    + "built-in text (or --text FILE) through the same path as train, then print its held-out bits per character "
    + "beside the unigram baseline and samples before and after training. Takes about half a minute on two cores.")
final class DemoCommand implements Callable<Integer> {
  @Mixin StacktraceOption stacktrace;
  @Spec CommandSpec spec;

  @Option(names = "--epochs", defaultValue = "40", description = "At most this many passes over the text; training "
      + "stops earlier when the held-out loss has not improved for 5.")
  int epochs;

  @Option(names = "--hidden", defaultValue = "128", description = "LSTM hidden size H.")
  int hidden;

  @Option(names = "--seq-len", defaultValue = "64", description = "Truncated-BPTT length in characters.")
  int seqLen;

  @Option(names = "--batch", defaultValue = "16", description = "Parallel streams through the text.")
  int batch;

  @Option(names = "--lr", defaultValue = "0.005", description = "Adam learning rate.")
  double lr;

  @Mixin SeedOption seed;

  @Option(names = "--prompt", description = "Text to continue when sampling (default: \"Shall I\" for the built-in "
      + "text, else the first 8 characters of --text).")
  String promptText;

  @Option(names = "--text", description = "Train on this UTF-8 text file instead of the built-in sonnets.")
  Path textFile;

  @Option(names = {"-o", "--output"}, description = "Keep the trained model directory here (default: a temporary "
      + "folder, deleted at the end).")
  Path output;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (epochs < 1 || hidden < 1 || seqLen < 2 || batch < 1 || !(lr > 0)) {
      throw new IllegalArgumentException("--epochs, --hidden, --batch must be >= 1, --seq-len >= 2 and --lr > 0");
    }
    String text = textFile == null ? builtInText() : readText(textFile);
    if (text.codePointCount(0, text.length()) < 20L * batch) {
      throw new IllegalArgumentException((textFile == null ? "text" : textFile) + ": needs at least 20 characters "
          + "per stream (--batch " + batch + "), so " + 20 * batch);
    }
    Path work = Files.createTempDirectory("recurrent-demo");
    try {
      Path corpus = work.resolve("text.txt");
      Files.writeString(corpus, text, StandardCharsets.UTF_8);
      Path config = work.resolve("demo.yaml");
      Files.writeString(config, config(corpus), StandardCharsets.UTF_8);
      Path modelDir = output != null ? output : work.resolve("model");
      Progress progress = Progress.plain(new java.io.PrintStream(new WriterStream(err), true, StandardCharsets.UTF_8), 5);
      TrainingRun.Outcome o = TrainingRun.run(config, new TrainingRun.Options(modelDir, false, output != null, null,
          progress));
      report(out, o, text);
      return 0;
    } finally {
      DemoFiles.deleteTree(work);
    }
  }

  /** The run as a config file: exactly what a user would write for their own text (see examples/). */
  private String config(Path corpus) {
    return String.format(Locale.ROOT, """
        name: demo
        seed: %d
        task: language_model
        data:
          format: text_corpus
          train: %s
          split: {method: chronological, train: 0.9, validation: 0.1}
        model: {cell: lstm, embedding_dim: 32, hidden_size: %d}
        training:
          epochs: %d
          batch_size: %d
          tbptt: %d
          optimizer: {name: adam, lr: %s}
          clip_grad_norm: 5
          patience: 5
        """, seed.seed, corpus.toAbsolutePath(), hidden, epochs, batch, seqLen, lr);
  }

  private void report(PrintWriter out, TrainingRun.Outcome o, String text) throws IOException {
    ModelDirectory.Loaded loaded = ModelDirectory.read(o.modelDir());
    Vocabulary vocabulary = new ModelData(loaded).vocabulary();
    var validation = o.metrics().parts().get("validation");
    double bits = validation.metrics().get("bits_per_character");
    double unigram = validation.baseline().get("unigram_bits_per_character");
    double uniform = Math.log(vocabulary.size()) / Math.log(2);
    out.printf(Locale.ROOT, "learned: %.2f bits per character on the held-out last 10%% of the text (%d characters), "
        + "after %d epochs (best %d); the unigram baseline is %.2f, uniform guessing %.2f%n", bits,
        validation.records(), o.result().epochsRun(), o.result().bestEpoch() + 1, unigram,
        uniform);
    int[] prompt = encodePrompt(vocabulary, text);
    Model untrained = ModelRegistry.standard().get(loaded.model().kind()).buildFrom(loaded.model().spec(), new Random(seed.seed));
    out.println("before training: " + show(vocabulary, prompt, Scoring.sample(untrained, vocabulary, prompt, 120, 0.8, new Random(seed.seed))));
    out.println("after training:  " + show(vocabulary, prompt, Scoring.sample(loaded.model(), vocabulary, prompt, 300, 0.6,
        new Random(seed.seed))));
    if (output != null) out.println("model: " + o.modelDir() + " (try: recurrent inspect -m " + o.modelDir() + ")");
  }

  private static String show(Vocabulary vocab, int[] prompt, int[] sampled) {
    return "\n" + (vocab.decode(prompt) + vocab.decode(sampled)).indent(4).stripTrailing();
  }

  private int[] encodePrompt(Vocabulary vocab, String text) {
    String p = promptText != null ? promptText
        : textFile == null ? "Shall I" : text.substring(0, text.offsetByCodePoints(0, 8));
    if (p.isEmpty()) throw new IllegalArgumentException("--prompt must not be empty");
    int[] ids = vocab.encode(p);
    int cp = 0;
    for (int i = 0; i < ids.length; i++, cp = p.offsetByCodePoints(cp, 1)) {
      if (vocab.unkId().isPresent() && ids[i] == vocab.unkId().getAsInt()) {
        int c = p.codePointAt(cp);
        throw new IllegalArgumentException("--prompt: character '" + new String(Character.toChars(c)) + "' (U+"
            + Integer.toHexString(c).toUpperCase(Locale.ROOT) + ") is not in the training text's vocabulary");
      }
    }
    return ids;
  }

  private static String readText(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new java.nio.file.NoSuchFileException(file + ": no such text file");
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new IOException(file + ": not valid UTF-8 text", e);
    }
  }

  private static String builtInText() throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/sonnets.txt")) {
      if (in == null) throw new IOException("built-in demo text /demo/sonnets.txt is missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Progress lines go to the command's error writer (tests capture it). */
  static final class WriterStream extends java.io.OutputStream {
    private final PrintWriter w;

    WriterStream(PrintWriter w) {
      this.w = w;
    }

    @Override
    public void write(int b) {
      w.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      w.write(new String(b, off, len, StandardCharsets.UTF_8));
    }

    @Override
    public void flush() {
      w.flush();
    }
  }
}
