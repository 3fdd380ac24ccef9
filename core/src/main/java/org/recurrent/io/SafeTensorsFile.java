package org.recurrent.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.recurrent.tensor.Tensor;

/**
 * The contents of a safetensors file: named float32 tensors in the order the file lists them, and the
 * {@code __metadata__} string map (empty when the file has none). Both maps are unmodifiable; the tensors
 * themselves are not copied.
 *
 * @param tensors tensors by name (PyTorch state-dict keys for model weights), in file order
 * @param metadata the file's {@code __metadata__} entries, in file order
 */
public record SafeTensorsFile(Map<String, Tensor> tensors, Map<String, String> metadata) {

  public SafeTensorsFile {
    Objects.requireNonNull(tensors, "tensors");
    Objects.requireNonNull(metadata, "metadata");
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** The tensor with this name; the message lists the names present when it is missing. */
  public Tensor tensor(String name) {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no tensor named '" + name + "'; the file holds " + tensors.keySet());
    }
    return t;
  }
}
