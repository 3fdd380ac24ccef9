package org.recurrent.models;

import java.util.Random;
import org.recurrent.autograd.Autograd;
import org.recurrent.nn.Embedding;
import org.recurrent.nn.LSTM;
import org.recurrent.nn.Linear;
import org.recurrent.nn.Module;
import org.recurrent.nn.RecurrentConfig;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * A character-level language model (Karpathy's char-rnn): embedding, LSTM stack, linear read-out to the next
 * character's logits. Many-to-many during training; one-to-many (generation) by feeding samples back in.
 * <pre>{@code
 * e_t = E[c_t]            (T, B, Emb)
 * h_t = LSTM(e_t, h_{t-1})  (T, B, H)
 * logits_t = h_t W^T + b  (T, B, V)      p(c_{t+1} | c_<=t) = softmax(logits_t)
 * }</pre>
 */
public final class CharLanguageModel extends Module {
  private final Embedding embedding;
  private final LSTM lstm;
  private final Linear head;
  private final int vocab;

  public CharLanguageModel(int vocab, int embeddingDim, int hiddenSize, int numLayers, Random rng) {
    this.vocab = vocab;
    this.embedding = registerModule("embedding", new Embedding(vocab, embeddingDim, rng));
    this.lstm = registerModule("lstm", new LSTM(RecurrentConfig.of(embeddingDim, hiddenSize).withNumLayers(numLayers), rng));
    this.head = registerModule("head", new Linear(hiddenSize, vocab, rng));
  }

  /** ids (T, B) time-major flattened -> logits (T, B, V). */
  public Tensor forward(int[] ids, int steps, int batch) {
    return forward(ids, steps, batch, null).logits;
  }

  private record Step(Tensor logits, RecurrentOutput state) {}

  private Step forward(int[] ids, int steps, int batch, RecurrentOutput state) {
    Tensor e = embedding.forward(ids, steps, batch);                           // (T, B, Emb)
    RecurrentOutput o = state == null ? lstm.forward(e) : lstm.forward(e, null, state.hN(), state.cN());
    return new Step(head.forward(o.output()), o);                             // (T, B, V)
  }

  /**
   * Continues {@code prompt} (ids) by {@code count} sampled characters at the given temperature
   * (lower is more conservative). Runs without recording gradients.
   */
  public int[] sample(int[] prompt, int count, double temperature, Random rng) {
    if (prompt.length == 0) throw new IllegalArgumentException("sampling needs a prompt of at least one character");
    if (!(temperature > 0)) throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
    int[] out = new int[count];
    try (var g = Autograd.noGrad()) {
      Step s = forward(prompt, prompt.length, 1, null);
      float[] last = Ops.select(s.logits, 0, prompt.length - 1).data();
      RecurrentOutput state = s.state;
      for (int k = 0; k < count; k++) {
        int next = Sampling.draw(last, temperature, rng);
        out[k] = next;
        s = forward(new int[] {next}, 1, 1, state);
        state = s.state;
        last = s.logits.data();
      }
    }
    return out;
  }
}
