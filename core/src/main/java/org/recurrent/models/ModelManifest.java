package org.recurrent.models;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * {@code config.json} of a model directory: what the model is and how to feed it. Together with
 * {@code model.safetensors} it fully reproduces the trained model; {@code predict} and {@code eval} need nothing
 * else besides the side files it names.
 *
 * @param format       always {@value #FORMAT}
 * @param version      format version, {@value #VERSION}
 * @param task         classification, multilabel, regression, tagging or language_model
 * @param model        the architecture: {@code kind} (default {@code sequence}) and the kind's spec fields
 * @param data         how training data were read (format and reader options, without file paths), so new
 *                     files in the same layout can be read for prediction
 * @param featureNames F input feature names (numeric inputs)
 * @param classes      class labels in index order (empty when the targets are not classes)
 * @param targetNames  names of the K regression targets (empty otherwise)
 * @param files        side files by role: {@code vocabulary}, {@code codes}, {@code feature_scaler},
 *                     {@code series_scaler}; each a bare file name in the model directory (no folder, no
 *                     {@code ..}, no absolute path), so a shared model cannot make the tool read files elsewhere
 */
public record ModelManifest(String format, int version, String task, JsonNode model, JsonNode data,
                            List<String> featureNames, List<String> classes, List<String> targetNames,
                            Map<String, String> files) {
  public static final String FORMAT = "recurrent-model";
  public static final int VERSION = 1;

  /** config.json's {@code model} object for a model: its kind first, then its spec's fields. */
  public static JsonNode describe(Model model) {
    var node = ModelDirectory.JSON.createObjectNode();
    node.put("kind", model.kind());
    try {   // through text, so the tree equals one read back from config.json (numbers as JSON has them)
      node.setAll((com.fasterxml.jackson.databind.node.ObjectNode) ModelDirectory.JSON.readTree(
          ModelDirectory.JSON.writeValueAsString(model.spec())));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("model spec is not JSON-serialisable: " + e.getOriginalMessage(), e);
    }
    return node;
  }

  /** The kind named in {@code model} ({@code sequence} when absent, as in files written before kinds existed). */
  public String kind() {
    return model == null ? ModelRegistry.DEFAULT_KIND : model.path("kind").asText(ModelRegistry.DEFAULT_KIND);
  }

  public ModelManifest {
    if (model == null || !model.isObject()) throw new IllegalArgumentException("model: expected an object describing the architecture");
    featureNames = featureNames == null ? List.of() : List.copyOf(featureNames);
    classes = classes == null ? List.of() : List.copyOf(classes);
    targetNames = targetNames == null ? List.of() : List.copyOf(targetNames);
    files = files == null ? Map.of() : Map.copyOf(files);
    for (Map.Entry<String, String> f : files.entrySet()) {
      String bad = badFileName(f.getValue());
      if (bad != null) throw new IllegalArgumentException("files." + f.getKey() + ": " + bad);
    }
  }

  /**
   * Null when {@code name} is a bare file name (one path element, not {@code .} or {@code ..}, no separator, no
   * control character); else why not, in words.
   */
  static String badFileName(String name) {
    String expected = "must be a bare file name inside the model directory (like \"scaler.json\")";
    if (name == null || name.isEmpty()) return expected + ", got nothing";
    if (name.equals(".") || name.equals("..")) return expected + ", got \"" + name + "\"";
    if (name.length() > 255) return expected + ", got a name of " + name.length() + " characters";
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == '\\') return expected + ", got a path with a folder or an absolute path";
      if (Character.isISOControl(c) || c == ':') return expected + ", got a name with a control character or ':'";
    }
    return null;
  }
}
