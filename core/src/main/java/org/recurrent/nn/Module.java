package org.recurrent.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.recurrent.tensor.Tensor;

/**
 * A layer or model: named parameters and named child modules, in registration order, like
 * {@code torch.nn.Module}. State-dict keys are the dotted paths PyTorch would produce
 * ({@code encoder.weight_ih_l0}), so weights move between the two without renaming.
 */
public abstract class Module {
  private final Map<String, Tensor> parameters = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  private boolean training = true;

  /** Registers a parameter (marks it as requiring a gradient) and returns it. */
  protected final Tensor registerParameter(String name, Tensor value) {
    checkFreeName(name);
    value.requiresGrad(true);
    parameters.put(name, value);
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
      throw new IllegalArgumentException("parameter/module name must be non-empty without '.': '" + name + "'");
    }
    if (parameters.containsKey(name) || children.containsKey(name)) {
      throw new IllegalArgumentException("name '" + name + "' is already registered in " + getClass().getSimpleName());
    }
  }

  /** All parameters with their dotted names, depth-first in registration order. */
  public final Map<String, Tensor> namedParameters() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collect("", out);
    return out;
  }

  private void collect(String prefix, Map<String, Tensor> out) {
    parameters.forEach((k, v) -> out.put(prefix + k, v));
    children.forEach((k, m) -> m.collect(prefix + k + ".", out));
  }

  public final List<Tensor> parameters() {
    return new ArrayList<>(namedParameters().values());
  }

  /** Direct children by name. */
  public final Map<String, Module> children() {
    return java.util.Collections.unmodifiableMap(children);
  }

  public final long parameterCount() {
    long n = 0;
    for (Tensor p : parameters()) n += p.numel();
    return n;
  }

  /** The tensors that define this module, keyed like PyTorch's {@code state_dict()}. Shares the data. */
  public Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    namedParameters().forEach((k, v) -> out.put(k, v.detach()));
    return out;
  }

  /**
   * Copies values into this module's parameters. With {@code strict}, every key must match exactly;
   * otherwise keys present on both sides are loaded and the others are ignored. Shapes must always match.
   * Nothing is changed if any check fails.
   */
  public void loadStateDict(Map<String, Tensor> state, boolean strict) {
    Map<String, Tensor> own = namedParameters();
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

  public final void zeroGrad() {
    for (Tensor p : parameters()) p.zeroGrad();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(');
    int i = 0;
    for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
      sb.append(i++ == 0 ? "" : ", ").append(e.getKey()).append('=')
          .append(Arrays.toString(e.getValue().shape()));
    }
    for (Map.Entry<String, Module> e : children.entrySet()) {
      sb.append(i++ == 0 ? "" : ", ").append(e.getKey()).append('=').append(e.getValue());
    }
    return sb.append(')').toString();
  }
}
