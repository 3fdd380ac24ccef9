package org.recurrent.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.recurrent.tensor.Tensor;

/**
 * A layer or model: named parameters, buffers and child modules, in registration order, like
 * {@code torch.nn.Module}. State-dict keys are the dotted paths PyTorch would produce
 * ({@code encoder.weight_ih_l0}), so weights move between the two without renaming.
 *
 * <h2>Parameters, frozen parameters and buffers</h2>
 * <pre>{@code
 *                       in parameters()   gradient   in stateDict()   example
 * trainable parameter   yes               yes        yes              weight_hh_l0 of an LSTM being trained
 * frozen parameter      no                no         yes              weight_hh_l0 after freeze("weight_hh_l0")
 * buffer                no                no         yes (*)          an echo-state network's fixed reservoir
 * }</pre>
 * (*) unless registered with {@code persistent = false}. {@link #parameters()} is what an optimizer, gradient
 * clipping and {@link #zeroGrad()} get, so frozen parameters and buffers are never updated. The state dict holds
 * all three, ordered as PyTorch's {@code Module._save_to_state_dict}: per module its own parameters (trainable and
 * frozen, in registration order), then its own persistent buffers, then each child's entries under
 * {@code child.}, depth-first.
 *
 * <p>A frozen parameter is a parameter with {@code requiresGrad} cleared, as {@code p.requires_grad_(False)} in
 * PyTorch: it keeps its key and place in the state dict, gradients still flow through it to inputs and to the
 * other parameters, and {@link #unfreeze} makes it trainable again. A buffer is declared as such by the module
 * (PyTorch's {@code register_buffer}) and is never trained. Which parameters are frozen is not part of the state
 * dict (it is not in PyTorch either): a run that resumes from a checkpoint freezes the same parameters again before
 * building its optimizer, so the optimizer state's parameter indices line up.
 */
public abstract class Module {
  /** Own parameters, trainable and frozen, in registration order. */
  private final Map<String, Tensor> parameters = new LinkedHashMap<>();
  private final Map<String, Tensor> buffers = new LinkedHashMap<>();
  /** Buffers left out of the state dict (PyTorch's {@code persistent=False}). */
  private final Set<String> nonPersistent = new HashSet<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  private boolean training = true;

  /** Registers a parameter (marks it as requiring a gradient) and returns it. */
  protected final Tensor registerParameter(String name, Tensor value) {
    checkFreeName(name);
    value.requiresGrad(true);
    parameters.put(name, value);
    return value;
  }

  /**
   * Registers a persistent buffer: state that is saved and loaded with the parameters but never trained, as
   * {@code torch.nn.Module.register_buffer(name, tensor)}. Returns it. Code that updates a buffer (a running
   * statistic) writes into its {@link Tensor#data()}; {@link #loadStateDict} copies into the same tensor.
   *
   * @throws IllegalArgumentException when {@code value} requires a gradient (a parameter or an op's result:
   *     register {@code value.copy()} instead) or the name is taken
   */
  protected final Tensor registerBuffer(String name, Tensor value) {
    return registerBuffer(name, value, true);
  }

  /**
   * As {@link #registerBuffer(String, Tensor)}; with {@code persistent = false} the buffer is in
   * {@link #namedBuffers()} but not in {@link #stateDict()} (scratch state that is rebuilt rather than saved).
   */
  protected final Tensor registerBuffer(String name, Tensor value, boolean persistent) {
    checkFreeName(name);
    if (value.requiresGrad()) {
      throw new IllegalArgumentException("buffer '" + name + "' of " + getClass().getSimpleName()
          + " requires a gradient, but buffers are never trained; register a copy (value.copy()), or register it"
          + " with registerParameter and freeze it");
    }
    buffers.put(name, value);
    if (!persistent) nonPersistent.add(name);
    return value;
  }

  /** Registers a child module and returns it. */
  protected final <M extends Module> M registerModule(String name, M module) {
    checkFreeName(name);
    children.put(name, module);
    return module;
  }

  private void checkFreeName(String name) {
    if (name.isEmpty() || name.contains(".")) {
      throw new IllegalArgumentException("parameter/buffer/module name must be non-empty without '.': '" + name + "'");
    }
    if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
      throw new IllegalArgumentException("name '" + name + "' is already registered in " + getClass().getSimpleName());
    }
  }

  /**
   * The trainable parameters with their dotted names, depth-first in registration order. Frozen parameters and
   * buffers are left out: this is what an optimizer should update.
   */
  public final Map<String, Tensor> namedParameters() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collectParameters("", Boolean.TRUE, out);
    return out;
  }

  /** The frozen parameters (see {@link #freeze}) with their dotted names, depth-first in registration order. */
  public final Map<String, Tensor> namedFrozenParameters() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collectParameters("", Boolean.FALSE, out);
    return out;
  }

  /** Own and descendants' parameters whose trainability is {@code trainable}; null for all. */
  private void collectParameters(String prefix, Boolean trainable, Map<String, Tensor> out) {
    parameters.forEach((k, v) -> {
      if (trainable == null || v.requiresGrad() == trainable) out.put(prefix + k, v);
    });
    children.forEach((k, m) -> m.collectParameters(prefix + k + ".", trainable, out));
  }

  /** The values of {@link #namedParameters()}: the trainable parameters, for an optimizer or gradient clipping. */
  public final List<Tensor> parameters() {
    return new ArrayList<>(namedParameters().values());
  }

  /**
   * All buffers, persistent or not, with their dotted names, depth-first in registration order, as PyTorch's
   * {@code named_buffers()}. Frozen parameters are not buffers and are not listed here.
   */
  public final Map<String, Tensor> namedBuffers() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collectBuffers("", out);
    return out;
  }

  private void collectBuffers(String prefix, Map<String, Tensor> out) {
    buffers.forEach((k, v) -> out.put(prefix + k, v));
    children.forEach((k, m) -> m.collectBuffers(prefix + k + ".", out));
  }

  /** The values of {@link #namedBuffers()}. */
  public final List<Tensor> buffers() {
    return new ArrayList<>(namedBuffers().values());
  }

  /** Direct children by name. */
  public final Map<String, Module> children() {
    return Collections.unmodifiableMap(children);
  }

  /**
   * The number of trainable values: the sum of {@code numel} over {@link #parameters()}. Frozen parameters and
   * buffers are not counted (Keras reports them as "non-trainable"); everything saved is the sum over
   * {@link #stateDict()}.
   */
  public final long parameterCount() {
    long n = 0;
    for (Tensor p : parameters()) n += p.numel();
    return n;
  }

  /**
   * Stops training a parameter, or every parameter of a child module: {@code name} is a parameter's dotted name
   * ({@code "rnn.weight_hh_l0"}) or a child module's dotted path ({@code "rnn"}). A frozen parameter leaves
   * {@link #parameters()} (so an optimizer built afterwards does not get it), keeps its value, key and place in
   * the state dict, and its gradient is dropped; later backward passes compute none for it, though gradients
   * still flow through it. An optimizer that was built before holds the tensor but skips it, since it has no
   * gradient. Freezing a frozen parameter does nothing.
   *
   * @throws IllegalArgumentException when {@code name} is neither a parameter nor a module here, or names a buffer
   */
  public final void freeze(String name) {
    for (Tensor p : resolveParameters("freeze", name)) {
      p.requiresGrad(false);
      p.clearGrad();
    }
  }

  /**
   * Makes parameters frozen by {@link #freeze} trainable again; {@code name} as there. They are back in
   * {@link #parameters()}, so build the optimizer after unfreezing: one built before does not hold them.
   */
  public final void unfreeze(String name) {
    for (Tensor p : resolveParameters("unfreeze", name)) p.requiresGrad(true);
  }

  /** The parameters (trainable or frozen) that {@code name} denotes: one parameter, or all under a child module. */
  private List<Tensor> resolveParameters(String verb, String name) {
    Module owner = this;
    String[] path = name.split("\\.", -1);
    for (int i = 0; i < path.length; i++) {
      String part = path[i];
      boolean last = i == path.length - 1;
      Module child = owner.children.get(part);
      if (child != null) {
        owner = child;
        if (last) {
          Map<String, Tensor> all = new LinkedHashMap<>();
          owner.collectParameters("", null, all);
          return List.copyOf(all.values());
        }
        continue;
      }
      if (last && owner.parameters.containsKey(part)) return List.of(owner.parameters.get(part));
      if (last && owner.buffers.containsKey(part)) {
        throw new IllegalArgumentException("cannot " + verb + " '" + name + "': it is a buffer of "
            + owner.getClass().getSimpleName() + ", which is never trained");
      }
      break;
    }
    Map<String, Tensor> known = new LinkedHashMap<>();
    collectParameters("", null, known);
    throw new IllegalArgumentException("cannot " + verb + " '" + name + "': " + getClass().getSimpleName()
        + " has no parameter or module of that name; parameters are " + known.keySet());
  }

  /**
   * The tensors that define this module, keyed and ordered like PyTorch's {@code state_dict()}: per module its
   * own parameters (trainable and frozen), then its own persistent buffers, then its children. Shares the data.
   */
  public Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collectState("", out);
    return out;
  }

  private void collectState(String prefix, Map<String, Tensor> out) {
    parameters.forEach((k, v) -> out.put(prefix + k, v.detach()));
    buffers.forEach((k, v) -> {
      if (!nonPersistent.contains(k)) out.put(prefix + k, v.detach());
    });
    children.forEach((k, m) -> m.collectState(prefix + k + ".", out));
  }

  /**
   * Copies values into this module's parameters and persistent buffers (the entries of {@link #stateDict()}).
   * With {@code strict}, every key must match exactly, buffers included; otherwise keys present on both sides
   * are loaded and the others are ignored. Shapes must always match. Nothing is changed if any check fails.
   */
  public void loadStateDict(Map<String, Tensor> state, boolean strict) {
    Map<String, Tensor> own = new LinkedHashMap<>();
    collectState("", own);
    if (strict) {
      Set<String> missing = new TreeSet<>(own.keySet());
      missing.removeAll(state.keySet());
      Set<String> unexpected = new TreeSet<>(state.keySet());
      unexpected.removeAll(own.keySet());
      if (!missing.isEmpty() || !unexpected.isEmpty()) {
        throw new IllegalArgumentException("state dict does not match " + getClass().getSimpleName()
            + (missing.isEmpty() ? "" : ": missing keys " + missing)
            + (unexpected.isEmpty() ? "" : ": unexpected keys " + unexpected)
            + "; expected keys " + own.keySet());
      }
    }
    for (Map.Entry<String, Tensor> e : own.entrySet()) {
      Tensor src = state.get(e.getKey());
      if (src != null && !src.sameShape(e.getValue())) {
        throw new IllegalArgumentException("state dict entry '" + e.getKey() + "' has shape " + src.shapeString()
            + ", the model expects " + e.getValue().shapeString());
      }
    }
    for (Map.Entry<String, Tensor> e : own.entrySet()) {
      Tensor src = state.get(e.getKey());
      if (src != null) System.arraycopy(src.data(), 0, e.getValue().data(), 0, src.numel());
    }
  }

  public final void loadStateDict(Map<String, Tensor> state) {
    loadStateDict(state, true);
  }

  /** Sets training mode (dropout active) on this module and all children. Returns this. */
  public Module train(boolean on) {
    training = on;
    for (Module m : children.values()) m.train(on);
    return this;
  }

  public final Module eval() {
    return train(false);
  }

  public final boolean isTraining() {
    return training;
  }

  /**
   * Restarts every random generator in this module tree (dropout masks) from {@code seed}, each child from its
   * own seed derived from its name. A trainer calls this before every batch with a seed computed from
   * (run seed, epoch, batch), so that the masks of a batch do not depend on how many batches ran before it in
   * this process; that is what makes a resumed run identical to an uninterrupted one.
   */
  public final void reseed(long seed) {
    reseedOwn(seed);
    for (Map.Entry<String, Module> e : children.entrySet()) {
      e.getValue().reseed(seed * 0x9E3779B97F4A7C15L + e.getKey().hashCode());
    }
  }

  /** Modules that draw random numbers override this to restart their generator. */
  protected void reseedOwn(long seed) {
  }

  /** Zeroes the gradients of the trainable parameters. */
  public final void zeroGrad() {
    for (Tensor p : parameters()) p.zeroGrad();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(');
    int i = 0;
    for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
      sb.append(i++ == 0 ? "" : ", ").append(e.getKey()).append('=').append(Arrays.toString(e.getValue().shape()))
          .append(e.getValue().requiresGrad() ? "" : " frozen");
    }
    for (Map.Entry<String, Tensor> e : buffers.entrySet()) {
      sb.append(i++ == 0 ? "" : ", ").append(e.getKey()).append('=').append(Arrays.toString(e.getValue().shape()))
          .append(" buffer");
    }
    for (Map.Entry<String, Module> e : children.entrySet()) {
      sb.append(i++ == 0 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
    }
    return sb.append(')').toString();
  }
}
