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
 * @param xKind   what a step of x holds (default {@code DENSE}): {@code DENSE} numbers, or {@code BAGS} a set of
 *                codes per step, {@code [["A", "B"], ["C"]]}, or weighted codes {@code [{"A": 2.0}, {"C": 1}]}
 * @param sideField an optional field of per-step numbers fed beside x (e.g. the days since the previous visit):
 *                {@code [v, ...]} or {@code [[..S..], ...]}, one entry per step of x; null (default): none
 * @param codeMinFrequency bags: keep codes seen at least this often in the training part (default 1); others
 *                become the unknown code
 */
public record JsonlOptions(String idField, String xField, String yField, TargetKind target, List<String> classes,
                           XKind xKind, String sideField, Integer codeMinFrequency) {

  /** What one step of {@code x} holds. */
  public enum XKind { DENSE, BAGS }

  public JsonlOptions(String idField, String xField, String yField, TargetKind target, List<String> classes) {
    this(idField, xField, yField, target, classes, null, null, null);
  }

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
    if (xKind == null) xKind = XKind.DENSE;
    if (codeMinFrequency == null) codeMinFrequency = 1;
    if (codeMinFrequency < 1) throw new IllegalArgumentException("code_min_frequency must be >= 1, got " + codeMinFrequency);
    if (xKind != XKind.BAGS && codeMinFrequency != 1) {
      throw new IllegalArgumentException("code_min_frequency applies to x_kind: bags");
    }
    if (sideField != null && (sideField.equals(xField) || sideField.equals(yField))) {
      throw new IllegalArgumentException("side_field \"" + sideField + "\" is also the x or y field");
    }
  }

  /** Fields {@code id}, {@code x}, {@code y}; class labels fitted on the file. */
  public static JsonlOptions defaults() {
    return new JsonlOptions(null, null, null, null, null);
  }

  public JsonlOptions withIdField(String name) {
    return new JsonlOptions(name, xField, yField, target, classes, xKind, sideField, codeMinFrequency);
  }

  public JsonlOptions withXField(String name) {
    return new JsonlOptions(idField, name, yField, target, classes, xKind, sideField, codeMinFrequency);
  }

  public JsonlOptions withYField(String name) {
    return new JsonlOptions(idField, xField, name, target, classes, xKind, sideField, codeMinFrequency);
  }

  public JsonlOptions withTarget(TargetKind kind) {
    return new JsonlOptions(idField, xField, yField, kind, classes, xKind, sideField, codeMinFrequency);
  }

  public JsonlOptions withClasses(List<String> fixed) {
    return new JsonlOptions(idField, xField, yField, target, fixed, xKind, sideField, codeMinFrequency);
  }

  public JsonlOptions withBags(String side) {
    return new JsonlOptions(idField, xField, yField, target, classes, XKind.BAGS, side, codeMinFrequency);
  }
}
