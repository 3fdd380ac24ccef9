package org.recurrent.optim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.recurrent.tensor.Tensor;

/**
 * Updates parameters from their accumulated gradients, like {@code torch.optim.Optimizer} with one parameter
 * group. Parameters whose gradient was never computed are skipped by {@link #step()}, and their state is not
 * created or advanced (PyTorch does the same for a parameter whose {@code grad} is None). Give it
 * {@code module.parameters()}: the trainable parameters only, never a module's buffers or frozen parameters
 * (a tensor that does not require a gradient is rejected). A parameter frozen after the optimizer was built has
 * its gradient dropped by {@code Module.freeze}, so it is skipped from then on.
 *
 * <h2>State for exact resume</h2>
 * {@link #stateDict()} exports everything {@link #step()} reads besides the constructor's hyperparameters, so that
 * an optimizer built with the same hyperparameters and given {@link #loadStateDict} continues with bit-identical
 * updates. Keys ({@code k} is the parameter's index in the list given to the constructor):
 * <pre>{@code
 * kind          the optimizer's PyTorch class name as UTF-16 code units: "Adam" -> [65, 100, 97, 109]
 * step          number of step() calls, as two floats [high, low]: step = high * 2^24 + low
 * lr            [lr], the current learning rate (a schedule may have changed it)
 * k.<buffer>    parameter k's buffer, shaped like the parameter, PyTorch's name: exp_avg, exp_avg_sq,
 *               momentum_buffer, square_avg, grad_avg, sum
 * k.step        parameter k's own update count [high, low] (Adam, AdamW, RMSprop, Adagrad: PyTorch's state['step'])
 * }</pre>
 * Buffers that were never created (the parameter has had no gradient yet, or the hyperparameters need none, e.g.
 * SGD without momentum) are omitted. Counts are split in two because a float holds integers exactly only up to
 * 2^24 = 16,777,216, which a long run at small batch size can pass; two floats each below 2^24 are exact up to 2^48
 * steps. Every value is a float, so the map can be written with {@code SafeTensors} next to the model's weights.
 */
public abstract class Optimizer {
  /** 2^24: the base of the [high, low] count encoding; every integer below it is exact in a float. */
  private static final long COUNT_BASE = 1L << 24;

  protected final List<Tensor> params;
  protected float lr;
  private long steps;
  /** Per-parameter buffers by PyTorch name; a parameter's slots are null until its first update. */
  private final Map<String, float[][]> buffers = new LinkedHashMap<>();
  /** Per-parameter update counts, or null for optimizers that keep none (SGD). */
  private long[] paramSteps;

  protected Optimizer(List<Tensor> params, float lr) {
    if (params.isEmpty()) throw new IllegalArgumentException("optimizer got an empty parameter list");
    if (!(lr > 0f) || !Float.isFinite(lr)) throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
    for (int k = 0; k < params.size(); k++) {
      if (!params.get(k).requiresGrad()) {
        throw new IllegalArgumentException("optimizer parameter " + k + " does not require grad (a buffer or a frozen"
            + " parameter?): " + params.get(k) + "; pass module.parameters(), which holds only trainable parameters");
      }
    }
    this.params = List.copyOf(params);
    this.lr = lr;
  }

  /** One update of every parameter that has a gradient. */
  public final void step() {
    steps++;
    update();
  }

  /** The update rule of the subclass, applied by {@link #step()}. */
  protected abstract void update();

  /** PyTorch's class name for this optimizer ({@code "Adam"}, {@code "AdamW"}, ...), written as {@code kind}. */
  protected abstract String kind();

  public final void zeroGrad() {
    for (Tensor p : params) p.zeroGrad();
  }

  public final float learningRate() {
    return lr;
  }

  /**
   * For schedules. Zero is allowed (unlike in the constructor) because schedules legitimately reach it: a
   * warm-up that starts at 0, a cosine decay to 0.
   */
  public final void setLearningRate(float lr) {
    if (!(lr >= 0f) || !Float.isFinite(lr)) throw new IllegalArgumentException("learning rate must be >= 0, got " + lr);
    this.lr = lr;
  }

  /** Number of {@link #step()} calls, restored by {@link #loadStateDict}. */
  public final long stepCount() {
    return steps;
  }

  /**
   * Registers a per-parameter buffer under its PyTorch name; called once per buffer from the subclass's
   * constructor. The returned array has one null slot per parameter, for the subclass to fill on first update.
   * All buffers of a parameter must be created together: the state of one parameter is all or nothing.
   */
  protected final float[][] registerBuffer(String name) {
    float[][] slots = new float[params.size()][];
    if (buffers.putIfAbsent(name, slots) != null) throw new IllegalStateException("buffer registered twice: " + name);
    return slots;
  }

  /** Registers per-parameter update counts (PyTorch's {@code state['step']}), written as {@code k.step}. */
  protected final long[] registerParamSteps() {
    if (paramSteps != null) throw new IllegalStateException("parameter steps registered twice");
    paramSteps = new long[params.size()];
    return paramSteps;
  }

  /** A copy of the optimizer's state; later steps do not change the returned tensors. Keys in the class doc. */
  public final Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    out.put("kind", encodeKind(kind()));
    out.put("step", encodeCount(steps));
    out.put("lr", Tensor.of(new float[] {lr}, 1));
    for (int k = 0; k < params.size(); k++) {
      if (!hasState(k)) continue;
      int[] shape = params.get(k).shape();
      for (var e : buffers.entrySet()) out.put(k + "." + e.getKey(), Tensor.of(e.getValue()[k].clone(), shape));
      if (paramSteps != null) out.put(k + ".step", encodeCount(paramSteps[k]));
    }
    return out;
  }

  /**
   * Restores a state written by {@link #stateDict()} of an optimizer of the same kind, hyperparameters and
   * parameter shapes. Everything is checked before anything is changed, so a rejected state leaves this optimizer
   * as it was; data is copied, never shared with the map.
   *
   * @throws IllegalArgumentException naming the offending key: missing {@code kind}, {@code step} or {@code lr};
   *     another optimizer's state; an unknown key (also what a buffer from other hyperparameters looks like, e.g.
   *     {@code momentum_buffer} for SGD without momentum); a parameter index out of range; a shape that differs
   *     from the parameter's; a parameter with only some of its buffers
   */
  public final void loadStateDict(Map<String, Tensor> state) {
    String savedKind = decodeKind(require(state, "kind"));
    if (!savedKind.equals(kind())) {
      throw new IllegalArgumentException("optimizer state key 'kind' says " + savedKind + ", but this optimizer is "
          + kind() + "; load it into a " + savedKind + " built with the same hyperparameters");
    }
    long newSteps = decodeCount("step", require(state, "step"));
    Tensor lrTensor = require(state, "lr");
    if (lrTensor.numel() != 1) {
      throw new IllegalArgumentException("optimizer state key 'lr' must hold 1 value, got shape " + lrTensor.shapeString());
    }
    float newLr = lrTensor.data()[0];
    if (!(newLr >= 0f) || !Float.isFinite(newLr)) {
      throw new IllegalArgumentException("optimizer state key 'lr' must be a finite value >= 0, got " + newLr);
    }

    // Per-parameter entries: parse and check each key, then check every parameter's state is complete.
    List<String> perParam = new ArrayList<>(buffers.keySet());
    if (paramSteps != null) perParam.add("step");
    Map<String, Tensor> entries = new HashMap<>();
    List<TreeSet<String>> present = new ArrayList<>();
    for (int k = 0; k < params.size(); k++) present.add(new TreeSet<>());
    for (var e : state.entrySet()) {
      String key = e.getKey();
      if (key.equals("kind") || key.equals("step") || key.equals("lr")) continue;
      int dot = key.indexOf('.');
      String name = dot < 0 ? "" : key.substring(dot + 1);
      int k = dot < 0 ? -1 : parseIndex(key.substring(0, dot));
      if (k < 0 || !perParam.contains(name)) {
        throw new IllegalArgumentException("unknown optimizer state key '" + key + "' for " + kind()
            + "; expected kind, step, lr or <paramIndex>.<buffer> with buffer one of " + perParam
            + " (a state saved with other hyperparameters, e.g. momentum or centered, has other buffers)");
      }
      if (k >= params.size()) {
        throw new IllegalArgumentException("optimizer state key '" + key + "' refers to parameter " + k
            + ", but this optimizer has " + params.size() + " parameters");
      }
      Tensor t = e.getValue();
      if (name.equals("step")) {
        decodeCount(key, t);
      } else if (!t.sameShape(params.get(k))) {
        throw new IllegalArgumentException("optimizer state key '" + key + "' has shape " + t.shapeString()
            + ", but parameter " + k + " has shape " + params.get(k).shapeString());
      }
      entries.put(key, t);
      present.get(k).add(name);
    }
    for (int k = 0; k < params.size(); k++) {
      if (present.get(k).isEmpty()) continue;
      for (String name : perParam) {
        if (!present.get(k).contains(name)) {
          throw new IllegalArgumentException("optimizer state for parameter " + k + " has " + present.get(k)
              + " but lacks key '" + k + "." + name + "'");
        }
      }
    }

    steps = newSteps;
    lr = newLr;
    for (int k = 0; k < params.size(); k++) {
      for (var b : buffers.entrySet()) {
        Tensor t = entries.get(k + "." + b.getKey());
        b.getValue()[k] = t == null ? null : t.data().clone();
      }
      if (paramSteps != null) {
        Tensor t = entries.get(k + ".step");
        paramSteps[k] = t == null ? 0 : decodeCount(k + ".step", t);
      }
    }
  }

  private boolean hasState(int k) {
    for (float[][] slots : buffers.values()) if (slots[k] != null) return true;
    return false;
  }

  private static Tensor require(Map<String, Tensor> state, String key) {
    Tensor t = state.get(key);
    if (t == null) {
      throw new IllegalArgumentException("optimizer state has no '" + key + "' entry (it has " + state.keySet()
          + "); expected a map written by Optimizer.stateDict()");
    }
    return t;
  }

  /** The index in "k.name", or -1 unless written canonically (no sign, no leading zeros). */
  private static int parseIndex(String s) {
    if (s.isEmpty() || s.length() > 9 || (s.length() > 1 && s.charAt(0) == '0')) return -1;
    for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return -1;
    return Integer.parseInt(s);
  }

  static Tensor encodeCount(long n) {
    if (n < 0 || n >= COUNT_BASE * COUNT_BASE) throw new IllegalStateException("count out of range: " + n);
    return Tensor.of(new float[] {n / COUNT_BASE, n % COUNT_BASE}, 2);
  }

  static long decodeCount(String key, Tensor t) {
    float[] d = t.data();
    if (d.length != 2 || t.dim() != 1) {
      throw new IllegalArgumentException("optimizer state key '" + key + "' must be a count [high, low] of shape (2), got "
          + t.shapeString());
    }
    for (float x : d) {
      if (!(x >= 0f && x < COUNT_BASE) || x != Math.rint(x)) {
        throw new IllegalArgumentException("optimizer state key '" + key + "' must hold integers in [0, 2^24), got ["
            + d[0] + ", " + d[1] + "]");
      }
    }
    return (long) d[0] * COUNT_BASE + (long) d[1];
  }

  private static Tensor encodeKind(String kind) {
    float[] codes = new float[kind.length()];
    for (int i = 0; i < codes.length; i++) codes[i] = kind.charAt(i);
    return Tensor.of(codes, codes.length);
  }

  private static String decodeKind(Tensor t) {
    StringBuilder sb = new StringBuilder();
    for (float c : t.data()) {
      if (!(c >= 0f && c <= Character.MAX_VALUE) || c != Math.rint(c)) {
        throw new IllegalArgumentException("optimizer state key 'kind' must hold UTF-16 code units, got " + c);
      }
      sb.append((char) c);
    }
    return sb.toString();
  }
}
