package org.recurrent.data;

import java.util.List;

/**
 * How to read JSON Lines records (see {@link JsonlReader}). Every field may be left out (null) in a YAML or JSON
 * config and takes the default below; start from {@link #defaults()} in code and use the withers.
 *
 * @param idField the record id's field (default {@code "id"}); records without it are numbered 0, 1, ... in file order
 * @param xField  the inputs' field (default {@code "x"}): {@code [[..F..], ...]} per step, or {@code [v, ...]} for F = 1
 * @param yField  the target's field (default {@code "y"}); ignored when {@code target} is NONE
 * @param target  what y holds (default {@code CLASS}): NONE, CLASS (a label string or integer), MULTILABEL (a list of
 *                label names, or a multi-hot 0/1 array), REGRESSION (a number or an array of K numbers),
 *                PER_STEP_CLASS (a label per step) or PER_STEP_REGRESSION (a number, or an array of K, per step)
 * @param classes the fixed class list for evaluation data; null (default): fitted on the file's labels (for a
 *                multi-hot MULTILABEL array: {@code "0".."K-1"})
 */
public record JsonlOptions(String idField, String xField, String yField, TargetKind target, List<String> classes) {

  public JsonlOptions {
    if (idField == null) idField = "id";
    if (xField == null) xField = "x";
    if (yField == null) yField = "y";
    if (target == null) target = TargetKind.CLASS;
    classes = classes == null ? null : List.copyOf(classes);
    if (classes != null && !target.hasClasses()) {
      throw new IllegalArgumentException("classes apply to CLASS, MULTILABEL and PER_STEP_CLASS targets, not " + target);
    }
    if (xField.equals(yField)) throw new IllegalArgumentException("xField and yField are both \"" + xField + "\"");
  }

  /** Fields {@code id}, {@code x}, {@code y}; class labels fitted on the file. */
  public static JsonlOptions defaults() {
    return new JsonlOptions(null, null, null, null, null);
  }

  public JsonlOptions withIdField(String name) {
    return new JsonlOptions(name, xField, yField, target, classes);
  }

  public JsonlOptions withXField(String name) {
    return new JsonlOptions(idField, name, yField, target, classes);
  }

  public JsonlOptions withYField(String name) {
    return new JsonlOptions(idField, xField, name, target, classes);
  }

  public JsonlOptions withTarget(TargetKind kind) {
    return new JsonlOptions(idField, xField, yField, kind, classes);
  }

  public JsonlOptions withClasses(List<String> fixed) {
    return new JsonlOptions(idField, xField, yField, target, fixed);
  }
}
