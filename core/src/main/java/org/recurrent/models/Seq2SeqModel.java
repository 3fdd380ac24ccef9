package org.recurrent.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.recurrent.autograd.Autograd;
import org.recurrent.data.Batch;
import org.recurrent.data.BatchInput;
import org.recurrent.data.text.ParallelText;
import org.recurrent.nn.AdditiveAttention;
import org.recurrent.nn.Attention;
import org.recurrent.nn.DotAttention;
import org.recurrent.nn.Embedding;
import org.recurrent.nn.GRUCell;
import org.recurrent.nn.GeneralAttention;
import org.recurrent.nn.LSTMCell;
import org.recurrent.nn.Linear;
import org.recurrent.nn.Module;
import org.recurrent.nn.RecurrentConfig;
import org.recurrent.nn.RecurrentLayer;
import org.recurrent.nn.RecurrentOutput;
import org.recurrent.nn.RecurrentCell;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * Kind {@code seq2seq}: an LSTM/GRU encoder (uni- or bidirectional, L layers) reads the source, its final state
 * is bridged to an L-layer decoder of the same cell, and the decoder writes the target one token at a time,
 * reading the encoder through attention or, with {@code attention: none}, through the bridged state alone (the
 * bottleneck). Letters: B batch, Ts source steps, T target steps, E embedding, H hidden, D directions,
 * L layers, K target classes, A additive attention width.
 * <pre>{@code
 * encoder    h_1..h_Ts = RNN_enc(Emb_src(x))                                 (B, Ts, D*H)
 * bridge     s_0^l = h_Ts^l (D = 1);  tanh(W_bh [fwd; bwd] + b) (D = 2; LSTM c: W_bc [fwd; bwd] + b)
 * none       s_t = RNN_dec(Emb_tgt(y_{t-1}), s_{t-1});  z_t = W_o s_t + b_o
 * additive   c_t = Attn(s_{t-1}, h);  s_t = RNN_dec([Emb(y_{t-1}); c_t], s_{t-1});  z_t = W_o [s_t; c_t] + b_o
 * dot/general s_t = RNN_dec([Emb(y_{t-1}); g_{t-1}], s_{t-1});  c_t = Attn(s_t, h);
 *            g_t = tanh(W_c [c_t; s_t]);  z_t = W_o g_t + b_o       (Luong's attentional state, input-fed, g_0 = 0)
 * }</pre>
 * Training reads {@code y_{t-1}} from the target (teacher forcing); with {@code scheduled_sampling} p, each
 * sequence's previous token is instead the model's own argmax with probability p at every step t >= 1 (Bengio
 * et al. 2015), training mode only. Attention is masked to each source's real steps.
 *
 * <p>Keys: {@code encoder_embedding.weight}, {@code encoder.weight_ih_l0[_reverse]} ... (torch.nn.LSTM/GRU),
 * {@code bridge_h.*}, {@code bridge_c.*} (bidirectional only), {@code decoder_embedding.weight},
 * {@code decoder_l0.weight_ih} ... (torch.nn.LSTMCell/GRUCell), {@code attention.*}, {@code combine.*} (Luong),
 * {@code output.weight}, {@code output.bias}.
 */
public final class Seq2SeqModel extends Model implements SequenceDecoder {

  /**
   * The architecture ({@code config.json}'s model).
   *
   * @param cell              lstm or gru
   * @param sourceVocabulary  V_s, the source token ids
   * @param targetVocabulary  K, the target classes (the decoder's input and output ids)
   * @param embeddingDim      E, both sides
   * @param hiddenSize        H of encoder (per direction) and decoder
   * @param numLayers         L of encoder and decoder
   * @param bidirectional     a bidirectional encoder
   * @param attention         none, additive, dot or general
   * @param attentionSize     A for additive attention
   * @param scheduledSampling the probability of feeding the model's own previous token in training
   * @param maxDecodeLength   longest output of greedy decoding in evaluation, the end token included
   */
  public record Spec(Cell cell, int sourceVocabulary, int targetVocabulary, int embeddingDim, int hiddenSize,
                     int numLayers, boolean bidirectional, AttentionKind attention, int attentionSize,
                     double scheduledSampling, int maxDecodeLength) implements ModelSpec {
    public Spec {
      if (cell != Cell.LSTM && cell != Cell.GRU) {
        throw new IllegalArgumentException("model.cell for seq2seq must be lstm or gru, got " + cell.configName());
      }
      if (sourceVocabulary < 2 || targetVocabulary <= ParallelText.EOS_ID) {
        throw new IllegalArgumentException("seq2seq needs a source vocabulary of >= 2 ids and target classes beyond "
            + "the specials <pad> <unk> <bos> <eos>, got V_s=" + sourceVocabulary + ", K=" + targetVocabulary);
      }
      if (embeddingDim < 1 || hiddenSize < 1 || numLayers < 1 || attentionSize < 1) {
        throw new IllegalArgumentException("seq2seq sizes must be >= 1, got embedding_dim=" + embeddingDim
            + ", hidden_size=" + hiddenSize + ", num_layers=" + numLayers + ", attention_size=" + attentionSize);
      }
      if (!(scheduledSampling >= 0 && scheduledSampling <= 1)) {
        throw new IllegalArgumentException("model.scheduled_sampling must be in [0, 1], got " + scheduledSampling);
      }
      if (maxDecodeLength < 1) throw new IllegalArgumentException("model.max_decode_length must be >= 1, got " + maxDecodeLength);
      if (attention == AttentionKind.DOT && bidirectional) {
        throw new IllegalArgumentException("attention dot needs the decoder state (H=" + hiddenSize + ") as wide as the "
            + "encoder states (D*H=" + 2 * hiddenSize + "); use attention general or additive with a bidirectional encoder");
      }
    }

    public int directions() {
      return bidirectional ? 2 : 1;
    }

    @Override
    public double parameterCount() {
      double G = cell.gates() * (double) hiddenSize, H = hiddenSize, D = directions(), E = embeddingDim;
      double enc = 0, dec = 0;
      for (int l = 0; l < numLayers; l++) {
        enc += D * G * ((l == 0 ? E : D * H) + H + 2);
        dec += G * ((l == 0 ? decoderInput() : H) + H + 2);
      }
      double bridge = bidirectional ? 2 * (2 * H * H + H) : 0;
      double att = switch (attention) {
        case NONE, DOT -> 0;
        case ADDITIVE -> attentionSize * (H + D * H + 1);
        case GENERAL -> H * D * H;
      };
      double combine = attention.luong() ? H * (D * H + H) + H : 0;
      return (sourceVocabulary + targetVocabulary) * E + enc + dec + bridge + att + combine
          + targetVocabulary * (readoutWidth() + 1);
    }

    /** The decoder's first-layer input: the embedding, plus the context (additive) or attentional state (Luong). */
    int decoderInput() {
      return switch (attention) {
        case NONE -> embeddingDim;
        case ADDITIVE -> embeddingDim + directions() * hiddenSize;
        case DOT, GENERAL -> embeddingDim + hiddenSize;
      };
    }

    /** What the output layer reads: s_t, [s_t; c_t] or g_t. */
    int readoutWidth() {
      return attention == AttentionKind.ADDITIVE ? hiddenSize + directions() * hiddenSize : hiddenSize;
    }
  }

  private final Spec spec;
  private final Embedding encoderEmbedding;
  private final RecurrentLayer encoder;
  private final Linear bridgeH;
  private final Linear bridgeC;
  private final Embedding decoderEmbedding;
  private final RecurrentCell[] decoder;
  private final Attention attention;
  private final Linear combine;
  private final Linear output;
  private final Random samplingRng;

  public Seq2SeqModel(Spec spec, Random rng) {
    this.spec = spec;
    int E = spec.embeddingDim(), H = spec.hiddenSize(), D = spec.directions(), L = spec.numLayers();
    int K = spec.targetVocabulary();
    this.encoderEmbedding = registerModule("encoder_embedding", new Embedding(spec.sourceVocabulary(), E,
        ParallelText.PAD_ID, rng));
    this.encoder = registerModule("encoder", spec.cell().build(new RecurrentConfig(E, H, L, true, false, 0f,
        spec.bidirectional()), rng));
    boolean lstm = spec.cell() == Cell.LSTM;
    this.bridgeH = spec.bidirectional() ? registerModule("bridge_h", new Linear(2 * H, H, rng)) : null;
    this.bridgeC = spec.bidirectional() && lstm ? registerModule("bridge_c", new Linear(2 * H, H, rng)) : null;
    // no padding index: <pad> is never a real decoder input, and padded steps' outputs are masked by the loss
    this.decoderEmbedding = registerModule("decoder_embedding", new Embedding(K, E, rng));
    this.decoder = new RecurrentCell[L];
    for (int l = 0; l < L; l++) {
      int in = l == 0 ? spec.decoderInput() : H;
      decoder[l] = registerModule("decoder_l" + l, lstm ? new LSTMCell(in, H, rng) : new GRUCell(in, H, rng));
    }
    this.attention = switch (spec.attention()) {
      case NONE -> null;
      case ADDITIVE -> registerModule("attention", new AdditiveAttention(H, D * H, spec.attentionSize(), rng));
      case DOT -> registerModule("attention", new DotAttention(H));
      case GENERAL -> registerModule("attention", new GeneralAttention(H, D * H, rng));
    };
    this.combine = spec.attention().luong() ? registerModule("combine", new Linear(D * H + H, H, rng)) : null;
    this.output = registerModule("output", new Linear(spec.readoutWidth(), K, rng));
    this.samplingRng = new Random(rng.nextLong());
  }

  @Override
  protected void reseedOwn(long seed) {
    samplingRng.setSeed(seed);
  }

  @Override
  public String kind() {
    return Seq2SeqKind.NAME;
  }

  @Override
  public Spec spec() {
    return spec;
  }

  @Override
  public DataSignature signature() {
    return new DataSignature(InputKind.TOKENS, 1, spec.sourceVocabulary(), ParallelText.PAD_ID, 0,
        spec.targetVocabulary(), true);
  }

  @Override
  public int defaultMaxLength() {
    return spec.maxDecodeLength();
  }

  @Override
  public int endId() {
    return ParallelText.EOS_ID;
  }

  /** The decoder's state between steps: per layer h (and c for LSTM), and Luong's attentional state g. */
  record State(Tensor[] h, Tensor[] c, Tensor feed) {}

  /** What one decoder step gives: logits z_t (B, K), the next state, the attention weights (B, Ts) or null. */
  record Step(Tensor logits, State state, Tensor weights) {}

  /** The encoder's read of a batch of sources: the attention memory (null without attention) and s_0. */
  record Encoded(Attention.Memory memory, State initial) {}

  /** Teacher-forced logits (T, B, K) for the batch's decoder inputs {@code x} given its {@code source}. */
  @Override
  public Output forward(Batch batch, RecurrentOutput state) {
    if (!(batch.primary() instanceof BatchInput.Tokens target)) {
      throw new IllegalArgumentException("seq2seq reads token ids (<bos> y_1 .. y_n) as its primary input, got "
          + batch.primary().getClass().getSimpleName());
    }
    Encoded enc = encode(source(batch));
    int B = batch.size(), T = target.steps();
    boolean sampling = isTraining() && spec.scheduledSampling() > 0;
    List<Tensor> logits = new ArrayList<>(T);
    State s = enc.initial();
    int[] prev = new int[B];
    for (int t = 0; t < T; t++) {
      int[] teacher = Arrays.copyOfRange(target.ids(), t * B, (t + 1) * B);
      if (sampling && t > 0) {
        int[] own = argmax(logits.get(t - 1));
        for (int b = 0; b < B; b++) {
          if (samplingRng.nextDouble() < spec.scheduledSampling()) teacher[b] = own[b];
        }
      }
      prev = teacher;
      Step step = step(prev, s, enc.memory());
      logits.add(Ops.reshape(step.logits(), 1, B, spec.targetVocabulary()));
      s = step.state();
    }
    return new Output(T == 1 ? logits.get(0) : Ops.concat(logits, 0), null);   // (T, B, K)
  }

  private static BatchInput.Tokens source(Batch batch) {
    if (batch.input(ParallelText.SOURCE) instanceof BatchInput.Tokens src) return src;
    throw new IllegalArgumentException("seq2seq needs the source token ids as input '" + ParallelText.SOURCE
        + "' (data.format parallel_text), got inputs " + batch.inputs().keySet());
  }

  /** Runs the encoder over sources (Ts, B) with their own lengths; bridges its final state to the decoder's s_0. */
  Encoded encode(BatchInput.Tokens src) {
    int Ts = src.steps(), B = src.lengths().length, H = spec.hiddenSize(), L = spec.numLayers();
    for (int id : src.ids()) {
      if (id < 0 || id >= spec.sourceVocabulary()) {
        throw new IllegalArgumentException("source token id " + id + " is outside the model's source vocabulary of "
            + spec.sourceVocabulary());
      }
    }
    Tensor x = encoderEmbedding.forward(src.ids(), Ts, B);                    // (Ts, B, E)
    RecurrentOutput r = encoder.forward(x, src.lengths(), null, null);
    Attention.Memory memory = attention == null ? null
        : attention.memory(Ops.transpose(r.output(), 0, 1), Attention.mask(src.lengths(), Ts));   // (B, Ts, D*H)
    Tensor[] h = new Tensor[L], c = encoder.hasCellState() ? new Tensor[L] : null;
    for (int l = 0; l < L; l++) {
      if (!spec.bidirectional()) {
        h[l] = Ops.select(r.hN(), 0, l);                                      // s_0^l = h_Ts^l
        if (c != null) c[l] = Ops.select(r.cN(), 0, l);
      } else {
        h[l] = Ops.tanh(bridgeH.forward(Ops.concat(List.of(Ops.select(r.hN(), 0, 2 * l),
            Ops.select(r.hN(), 0, 2 * l + 1)), 1)));                          // tanh(W_bh [fwd; bwd] + b)
        if (c != null) {
          c[l] = bridgeC.forward(Ops.concat(List.of(Ops.select(r.cN(), 0, 2 * l), Ops.select(r.cN(), 0, 2 * l + 1)), 1));
        }
      }
    }
    Tensor feed = spec.attention().luong() ? Tensor.zeros(B, H) : null;      // g_0 = 0
    return new Encoded(memory, new State(h, c, feed));
  }

  /** One decoder step from the previous tokens (B) and state. */
  Step step(int[] prev, State s, Attention.Memory memory) {
    int B = prev.length, L = spec.numLayers();
    Tensor e = decoderEmbedding.forward(prev, B);                              // (B, E)
    Tensor context = null, weights = null;
    Tensor input = switch (spec.attention()) {
      case NONE -> e;
      case ADDITIVE -> {
        Attention.Result a = attention.attend(s.h()[L - 1], memory);           // c_t = Attn(s_{t-1}, h)
        context = a.context();
        weights = a.weights();
        yield Ops.concat(List.of(e, context), 1);
      }
      case DOT, GENERAL -> Ops.concat(List.of(e, s.feed()), 1);               // input feeding [Emb; g_{t-1}]
    };
    Tensor[] h = new Tensor[L], c = s.c() == null ? null : new Tensor[L];
    Tensor layerInput = input;
    for (int l = 0; l < L; l++) {
      if (decoder[l] instanceof LSTMCell cell) {
        LSTMCell.State next = cell.forward(layerInput, new LSTMCell.State(s.h()[l], s.c()[l]));
        h[l] = next.h();
        c[l] = next.c();
      } else {
        h[l] = ((GRUCell) decoder[l]).forward(layerInput, s.h()[l]);
      }
      layerInput = h[l];
    }
    Tensor top = h[L - 1], feed = null, readout;
    switch (spec.attention()) {
      case NONE -> readout = top;
      case ADDITIVE -> readout = Ops.concat(List.of(top, context), 1);       // [s_t; c_t]
      default -> {
        Attention.Result a = attention.attend(top, memory);                    // c_t = Attn(s_t, h)
        weights = a.weights();
        feed = Ops.tanh(combine.forward(Ops.concat(List.of(a.context(), top), 1)));   // g_t = tanh(W_c [c_t; s_t])
        readout = feed;
      }
    }
    return new Step(output.forward(readout), new State(h, c, feed), weights);
  }

  private static int[] argmax(Tensor logits) {
    int K = logits.size(logits.dim() - 1), B = logits.numel() / K;
    int[] out = new int[B];
    float[] z = logits.data();
    for (int b = 0; b < B; b++) {
      int best = 0;
      for (int k = 1; k < K; k++) if (z[b * K + k] > z[b * K + best]) best = k;
      out[b] = best;
    }
    return out;
  }

  @Override
  public List<Decoded> decodeForEvaluation(Batch batch) {
    return decode(source(batch), new Decoding.Greedy(spec.maxDecodeLength()));
  }

  @Override
  public List<Decoded> decode(BatchInput.Tokens source, Decoding how) {
    boolean wasTraining = isTraining();
    eval();
    try (var g = Autograd.noGrad()) {
      return switch (how) {
        case Decoding.Greedy greedy -> Seq2SeqSearch.greedy(this, encode(source), source.lengths(), greedy.maxLength());
        case Decoding.Beam beam -> {
          List<Decoded> out = new ArrayList<>();
          Encoded all = encode(source);
          for (int b = 0; b < source.lengths().length; b++) {
            out.add(Seq2SeqSearch.beam(this, Seq2SeqSearch.row(all, b, source.lengths()[b]), source.lengths()[b], beam));
          }
          yield out;
        }
        case Decoding.Sample sample -> Seq2SeqSearch.sample(this, encode(source), source.lengths(), sample);
      };
    } finally {
      train(wasTraining);
    }
  }

  /** The encoder's states as a module tree, for tests. */
  Module encoderModule() {
    return encoder;
  }
}
