package org.recurrent.data;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps class labels, as written in a file, to indices 0..K-1 and back.
 *
 * <p>Fitted on training labels, the order is numeric when every label is a number ({@code "1".."5"} become
 * 0..4, and {@code "10"} sorts after {@code "9"}), else lexicographic; either way the same labels always give the
 * same indices, whatever order the file lists them in. Validation, test and prediction data must use the
 * training classes, saved with the model: build those encoders with {@link #of}, and a label the model never saw
 * is an error instead of a silently new index.
 */
public final class LabelEncoder {

  private final List<String> classes;
  private final Map<String, Integer> index = new HashMap<>();

  private LabelEncoder(List<String> classes) {
    this.classes = List.copyOf(classes);
    for (int k = 0; k < this.classes.size(); k++) {
      if (index.put(this.classes.get(k), k) != null) {
        throw new IllegalArgumentException("class \"" + this.classes.get(k) + "\" is listed twice in " + classes);
      }
    }
    if (this.classes.isEmpty()) throw new IllegalArgumentException("a label encoder needs at least one class");
  }

  /** The encoder for a fixed class list (class k is {@code classes.get(k)}), e.g. the one saved with a model. */
  public static LabelEncoder of(List<String> classes) {
    return new LabelEncoder(classes);
  }

  /** The distinct {@code labels}, ordered numerically if all are numbers, else lexicographically. */
  public static LabelEncoder fit(Collection<String> labels) {
    TreeSet<String> distinct = new TreeSet<>(labels);
    if (distinct.isEmpty()) throw new IllegalArgumentException("cannot fit a label encoder on no labels");
    boolean numeric = distinct.stream().allMatch(LabelEncoder::isNumber);
    List<String> ordered = new ArrayList<>(distinct);
    if (numeric) {
      // ties ("1" and "1.0") fall back to the text so the order stays total and deterministic
      ordered.sort(Comparator.comparing((String s) -> new BigDecimal(s)).thenComparing(Comparator.naturalOrder()));
    }
    return new LabelEncoder(ordered);
  }

  /** The class index of {@code label}; an unseen label is an error at {@code file:line}. */
  public int encode(String label, Path file, long line) throws DataFormatException {
    Integer k = index.get(label);
    if (k == null) {
      throw DataFormatException.at(file, line, "one of the training classes " + classes, PrintableText.quoted(label));
    }
    return k;
  }

  /** The label of class {@code k}. */
  public String decode(int k) {
    return classes.get(k);
  }

  /** K. */
  public int size() {
    return classes.size();
  }

  /** The labels in index order; save this with the model. */
  public List<String> classes() {
    return classes;
  }

  private static boolean isNumber(String s) {
    try {
      new BigDecimal(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "LabelEncoder" + classes;
  }
}
