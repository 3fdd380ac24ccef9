package org.recurrent.data.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.recurrent.data.DataFiles;

/**
 * A whole text file as one stream of token ids, for language models trained with truncated BPTT (as in PyTorch's
 * {@code word_language_model} example and min-char-rnn).
 *
 * <pre>{@code
 * String text = TextCorpus.readText(file);
 * Vocabulary vocab = Vocabulary.fit(Tokenizer.characters(), List.of(text),
 *     VocabularyOptions.defaults().withSpecials(false, false));
 * TextCorpus.Split parts = TextCorpus.split(vocab.encode(text), 0.9);
 * int[] train = TextCorpus.batchify(parts.train(), 32);   // (T_total, B), time-major
 * }</pre>
 *
 * Splitting is by position, without shuffling: the validation text is the end of the file, unseen in training.
 * (Fitting the vocabulary on the whole text is usual for characters; for words fit on {@code parts.train()}'s text.)
 */
public final class TextCorpus {

  private TextCorpus() {}

  /**
   * A contiguous split of an id stream.
   *
   * @param train      the first ids
   * @param validation the rest
   */
  public record Split(int[] train, int[] validation) {}

  /**
   * The whole file as text, read by {@link DataFiles#readString}: UTF-8 ({@code .gz} decompressed, a byte-order mark
   * dropped), and bytes that are not UTF-8 are an error at their line, so a Latin-1 file is noticed, not garbled.
   */
  public static String readText(Path file) throws IOException {
    return DataFiles.readString(file);
  }

  /** The ids of the whole file's tokens under {@code vocabulary}. */
  public static int[] read(Path file, Vocabulary vocabulary) throws IOException {
    return vocabulary.encode(readText(file));
  }

  /**
   * The first {@code floor(n * trainFraction)} ids for training and the rest for validation, in order.
   *
   * @throws IllegalArgumentException if the fraction is not in (0, 1) or leaves a part empty
   */
  public static Split split(int[] ids, double trainFraction) {
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new IllegalArgumentException("trainFraction must be in (0, 1), got " + trainFraction);
    }
    int nTrain = (int) Math.floor(ids.length * trainFraction);
    if (nTrain == 0 || nTrain == ids.length) {
      throw new IllegalArgumentException("a train fraction of " + trainFraction + " of " + ids.length
          + " ids leaves " + (nTrain == 0 ? "no training" : "no validation") + " ids");
    }
    return new Split(Arrays.copyOfRange(ids, 0, nTrain), Arrays.copyOfRange(ids, nTrain, ids.length));
  }

  /**
   * Cuts the stream into B parallel streams of T = floor(n / B) ids each (dropping the last n mod B) and lays them
   * out time-major, {@code (T, B)}:
   *
   * <pre>{@code out[t * B + b] = ids[b * T + t]}</pre>
   *
   * Column b is the b-th contiguous piece of the text, so consecutive chunks of k rows continue each other and
   * the hidden state can be carried from one chunk to the next (truncated BPTT). The target of row t is row t + 1.
   *
   * @throws IllegalArgumentException if batch < 1 or there are fewer ids than streams
   */
  public static int[] batchify(int[] ids, int batch) {
    if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
    int steps = ids.length / batch; // T
    if (steps == 0) {
      throw new IllegalArgumentException(ids.length + " ids cannot fill " + batch + " streams; use a smaller batch");
    }
    int[] out = new int[steps * batch]; // (T, B)
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < steps; t++) out[t * batch + b] = ids[b * steps + t];
    }
    return out;
  }
}
