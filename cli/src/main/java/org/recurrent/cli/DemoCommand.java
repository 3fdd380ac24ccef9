package org.recurrent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import org.recurrent.kernel.KernelProvider;
import org.recurrent.loss.CrossEntropyLoss;
import org.recurrent.models.CharLanguageModel;
import org.recurrent.models.CharVocabulary;
import org.recurrent.ops.Ops;
import org.recurrent.optim.Adam;
import org.recurrent.optim.GradClip;
import org.recurrent.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Trains a character-level LSTM on built-in text (six Shakespeare sonnets) and shows what it learned: the loss
 * falling in bits per character, and text sampled before and after training.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = {
    "Train a small character-level LSTM on built-in text and print what it learned.",
    "Takes about half a minute on two cores."})
final class DemoCommand implements Callable<Integer> {
  private static final int MAX_EVAL_WINDOWS = 256;

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--steps", defaultValue = "400", description = "Training steps (batches).")
  int steps;

  @Option(names = "--hidden", defaultValue = "128", description = "LSTM hidden size H.")
  int hidden;

  @Option(names = "--seq-len", defaultValue = "64", description = "Characters per training window (BPTT length).")
  int seqLen;

  @Option(names = "--batch", defaultValue = "32", description = "Windows per batch.")
  int batch;

  @Option(names = "--lr", defaultValue = "0.005", description = "Adam learning rate.")
  float lr;

  @Option(names = "--seed", defaultValue = "42", description = "Seed for weights, batches and sampling.")
  long seed;

  @Option(names = "--prompt", description = "Text to continue when sampling (default: \"Shall I\" for the built-in "
      + "text, else the first 8 characters of --text).")
  String promptText;

  @Option(names = "--text", description = "Train on this UTF-8 text file instead of the built-in sonnets.")
  Path textFile;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (steps < 1 || hidden < 1 || seqLen < 2 || batch < 1) {
      throw new IllegalArgumentException("--steps, --hidden, --batch must be >= 1 and --seq-len >= 2");
    }
    String text = textFile == null ? builtInText() : readText(textFile);
    if (text.codePointCount(0, text.length()) <= seqLen + 1) {
      throw new IllegalArgumentException((textFile == null ? "text" : textFile) + ": needs more than --seq-len + 1 = "
          + (seqLen + 1) + " characters");
    }
    CharVocabulary vocab = CharVocabulary.of(text);
    int[] ids = vocab.encode(text);
    Random rng = new Random(seed);
    CharLanguageModel model = new CharLanguageModel(vocab.size(), 32, hidden, 1, rng);
    Adam adam = new Adam(model.parameters(), lr);
    CrossEntropyLoss ce = new CrossEntropyLoss();
    err.printf("demo: %d characters, vocabulary %d, LSTM H=%d, %d steps of %d x %d characters; kernels: %s%n",
        ids.length, vocab.size(), hidden, steps, batch, seqLen, KernelProvider.get().name());
    int[] prompt = encodePrompt(vocab, text);
    out.println("before training: " + show(vocab, prompt, model.sample(prompt, 120, 0.8, new Random(seed))));

    long start = System.nanoTime();
    double firstBits = Double.NaN, recent = 0;
    int recentCount = 0;
    for (int step = 1; step <= steps; step++) {
      int[] x = new int[seqLen * batch], y = new int[seqLen * batch];    // (T, B) time-major
      for (int b = 0; b < batch; b++) {
        int off = rng.nextInt(ids.length - seqLen - 1);
        for (int t = 0; t < seqLen; t++) {
          x[t * batch + b] = ids[off + t];
          y[t * batch + b] = ids[off + t + 1];
        }
      }
      Tensor logits = model.forward(x, seqLen, batch);                           // (T, B, V)
      Tensor loss = ce.forward(Ops.reshape(logits, seqLen * batch, vocab.size()), y);
      model.zeroGrad();
      loss.backward();
      GradClip.clipGradNorm(model.parameters(), 5.0);
      adam.step();
      double bits = loss.item() / Math.log(2);
      if (!Double.isFinite(bits)) throw new IllegalStateException("loss became " + loss.item() + " at step " + step);
      if (step == 1) firstBits = bits;
      recent += bits;
      recentCount++;
      if (step % 50 == 0 || step == steps) {
        double secs = (System.nanoTime() - start) / 1e9;
        err.printf("step %4d/%d  loss %.3f bits/char  %.0f chars/s%n", step, steps, recent / recentCount,
            step * (double) seqLen * batch / secs);
        recent = 0;
        recentCount = 0;
      }
    }
    double secs = (System.nanoTime() - start) / 1e9;
    out.printf("learned: %.2f -> %.2f bits per character in %d steps (%.1f s); uniform guessing is %.2f%n",
        firstBits, lastBits(model, ce, ids, vocab.size(), seqLen), steps, secs, Math.log(vocab.size()) / Math.log(2));
    model.eval();
    out.println("after training:  " + show(vocab, prompt, model.sample(prompt, 300, 0.6, new Random(seed))));
    return 0;
  }

  /**
   * Bits per character of the trained model over non-overlapping windows: all of a small text, or
   * {@code MAX_EVAL_WINDOWS} spread evenly over a large one (memory stays bounded).
   */
  private static double lastBits(CharLanguageModel model, CrossEntropyLoss ce, int[] ids, int v, int seqLen) {
    int available = (ids.length - 1) / seqLen;
    int windows = Math.min(available, MAX_EVAL_WINDOWS);
    int[] x = new int[seqLen * windows], y = new int[seqLen * windows];
    for (int b = 0; b < windows; b++) {
      int start = (int) ((long) b * available / windows) * seqLen;
      for (int t = 0; t < seqLen; t++) {
        x[t * windows + b] = ids[start + t];
        y[t * windows + b] = ids[start + t + 1];
      }
    }
    try (var g = org.recurrent.autograd.Autograd.noGrad()) {
      Tensor logits = model.forward(x, seqLen, windows);
      return ce.forward(Ops.reshape(logits, seqLen * windows, v), y).item() / Math.log(2);
    }
  }

  private static String show(CharVocabulary vocab, int[] prompt, int[] sampled) {
    StringBuilder sb = new StringBuilder();
    for (int id : prompt) sb.append(vocab.decode(id));
    for (int id : sampled) sb.append(vocab.decode(id));
    return "\n" + sb.toString().indent(4).stripTrailing();
  }

  private int[] encodePrompt(CharVocabulary vocab, String text) {
    String p = promptText != null ? promptText
        : textFile == null ? "Shall I" : text.substring(0, text.offsetByCodePoints(0, 8));
    if (p.isEmpty()) throw new IllegalArgumentException("--prompt must not be empty");
    try {
      return vocab.encode(p);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--prompt: " + e.getMessage() + " of the training text");
    }
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
}
