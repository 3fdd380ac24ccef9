package org.recurrent.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;
import org.recurrent.autograd.Autograd;
import org.recurrent.data.Batch;
import org.recurrent.data.text.Tokenizer;
import org.recurrent.data.text.Vocabulary;
import org.recurrent.models.InputKind;
import org.recurrent.models.Model;
import org.recurrent.models.ModelDirectory;
import org.recurrent.models.Sampling;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.ops.Ops;
import org.recurrent.pipeline.ModelData;
import org.recurrent.tasks.Task;
import org.recurrent.tasks.TaskRegistry;

/**
 * Text generation from a trained language model (one-to-many), what {@code recurrent generate} runs: the prime is
 * read once, then each drawn token is fed back with the carried state and handed to a listener as soon as it is
 * drawn, so a caller can stream it.
 * <pre>{@code
 * h_0 = 0;  (z_t, h_t) = model(x_t, h_{t-1}) over the prime x_1 .. x_P
 * y_1 ~ Sampling(z_P; temperature, top-k);  (z, h) = model(y_k, h);  y_{k+1} ~ Sampling(z; ...)
 * }</pre>
 * Works for any per-step token model over a {@link Vocabulary}: characters are joined as they are, words with one
 * space between them (as {@link Vocabulary#decode} joins them). The specials {@code <unk>} and {@code <pad>} are
 * never drawn (their logits are set to minus infinity): they are not text, and a character model's {@code <unk>},
 * never seen in training, would otherwise come out now and then as the five characters "&lt;unk&gt;".
 */
public final class Generation {
  private Generation() {}

  /** The most tokens one call generates. */
  public static final int MAX_LENGTH = Scoring.MAX_GENERATE;

  /**
   * What to generate.
   *
   * @param length      tokens to draw after the prime, 1 .. {@value #MAX_LENGTH}
   * @param temperature a finite number > 0
   * @param topK        sample among the k most likely tokens only; 0 = all
   * @param seed        the generator's seed: the same model, prime and options give the same text
   */
  public record Options(int length, double temperature, int topK, long seed) {
    public Options {
      if (length < 1 || length > MAX_LENGTH) {
        throw new IllegalArgumentException("--length must be in 1.." + MAX_LENGTH + ", got " + length);
      }
      if (!(temperature > 0 && Double.isFinite(temperature))) {
        throw new IllegalArgumentException("--temperature must be a finite number > 0, got " + temperature);
      }
      if (topK < 0) throw new IllegalArgumentException("--top-k must be >= 0 (0 = sample among all tokens), got " + topK);
    }
  }

  /** Receives each generated token's text as soon as it is drawn (a character, or a word with its leading space). */
  public interface TokenListener {
    void token(String text) throws IOException;
  }

  /**
   * Continues {@code prime} with the model in {@code modelDir}, handing every token to {@code listener} as it is
   * drawn; returns the generated text (without the prime).
   *
   * @throws IllegalArgumentException if the model is not a language model, the prime is empty or holds a token
   *                                  outside the model's vocabulary, or top-k exceeds the vocabulary
   */
  public static String generate(Path modelDir, String prime, Options options, TokenListener listener)
      throws IOException {
    ModelDirectory.Loaded loaded = ModelDirectory.read(modelDir);
    Task task = TaskRegistry.standard().get(loaded.manifest().task());
    Model model = loaded.model();
    if (task.collectsPredictions() || model.signature().input() != InputKind.TOKENS || !model.signature().perStep()) {
      throw new IllegalArgumentException(modelDir + " holds a " + loaded.manifest().task() + " model; generate needs a "
          + "language model (task: language_model). HINT: use 'recurrent predict' for this model");
    }
    Vocabulary vocabulary = new ModelData(loaded).vocabulary();
    int[] ids = encodePrime(vocabulary, prime);
    boolean words = vocabulary.tokenizer().level() == Tokenizer.Level.WORD;
    StringBuilder text = new StringBuilder();
    IOException[] failed = new IOException[1];
    int[] never = specials(vocabulary);
    if (options.topK() > vocabulary.size() - never.length) {
      throw new IllegalArgumentException("--top-k " + options.topK() + " exceeds the model's vocabulary of "
          + (vocabulary.size() - never.length) + " tokens (without " + Vocabulary.UNK + "); use at most "
          + (vocabulary.size() - never.length) + " (or 0 for all)");
    }
    sample(model, ids, options.length(), options.temperature(), options.topK(), never, new Random(options.seed()), id -> {
      String piece = (words ? " " : "") + vocabulary.token(id);
      text.append(piece);
      if (failed[0] != null) return;
      try {
        listener.token(piece);
      } catch (IOException e) {
        failed[0] = e;
      }
    });
    if (failed[0] != null) throw failed[0];
    return text.toString();
  }

  /**
   * The prime's token ids; every token must be in the vocabulary as itself (not as {@code <unk>}: a model never
   * shown a character cannot be primed with it).
   */
  static int[] encodePrime(Vocabulary vocabulary, String prime) {
    boolean characters = vocabulary.tokenizer().level() == Tokenizer.Level.CHARACTER;
    List<String> tokens = new ArrayList<>();
    vocabulary.tokenizer().forEachToken(prime, tokens::add);
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("--prime must hold at least one " + (characters ? "character" : "word")
          + ", got \"" + prime + "\"");
    }
    int[] ids = new int[tokens.size()];
    for (int i = 0; i < ids.length; i++) {
      String t = tokens.get(i);
      if (!vocabulary.contains(t) || t.equals(Vocabulary.UNK) || t.equals(Vocabulary.PAD)) {
        String what = characters ? "character " + describe(t) + " at position " + i : "word \"" + t + "\" (word " + (i + 1) + ")";
        throw new IllegalArgumentException("--prime: " + what + " is not in the model's vocabulary of "
            + vocabulary.size() + " tokens. HINT: prime with text made of the training text's "
            + (characters ? "characters" : "words"));
      }
      ids[i] = vocabulary.id(t);
    }
    return ids;
  }

  private static String describe(String ch) {
    int cp = ch.codePointAt(0);
    String shown = Character.isISOControl(cp) || Character.isWhitespace(cp) ? "" : "'" + ch + "' ";
    return shown + String.format("(U+%04X)", cp);
  }

  /**
   * Continues {@code prompt} by {@code count} tokens drawn from a per-step token model, calling {@code onToken}
   * with each id as soon as it is drawn: the prompt runs once, then each drawn token is fed back from the carried
   * state.
   *
   * @param never ids never drawn (their logits are set to minus infinity)
   */
  public static int[] sample(Model model, int[] prompt, int count, double temperature, int topK, int[] never,
                             Random rng, IntConsumer onToken) {
    if (prompt.length == 0) throw new IllegalArgumentException("sampling needs a prompt of at least one token");
    int[] out = new int[count];
    boolean wasTraining = model.isTraining();
    try (var g = Autograd.noGrad()) {
      model.eval();
      Model.Output o = model.forward(tokens(prompt), null);
      float[] last = Ops.select(o.logits(), 0, prompt.length - 1).data();
      RecurrentOutput state = o.state();
      for (int k = 0; k < count; k++) {
        for (int id : never) last[id] = Float.NEGATIVE_INFINITY;
        int next = Sampling.draw(last, temperature, topK, rng);
        out[k] = next;
        onToken.accept(next);
        if (k + 1 == count) break;                                            // the last token needs no step
        o = model.forward(tokens(new int[] {next}), state);
        state = o.state();
        last = o.logits().data();
      }
    } finally {
      model.train(wasTraining);
    }
    return out;
  }

  /** One unlabelled sequence of token ids as a batch of one (T, 1). */
  private static Batch tokens(int[] ids) {
    return new Batch(new int[] {0}, ids.length, null, ids.clone(), new int[] {ids.length}, new float[0], 0, true, false);
  }

  /** The ids of the vocabulary's {@code <unk>} and {@code <pad>}, which sampling never draws (see the class comment). */
  public static int[] specials(Vocabulary vocabulary) {
    return java.util.stream.IntStream.concat(vocabulary.unkId().stream(), vocabulary.padId().stream()).toArray();
  }
}
