package org.recurrent.data.text;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.recurrent.data.LabelEncoder;

/**
 * Class label → index in [0, K). {@link #of} sorts the labels numerically if all of them are numbers (so "2" comes
 * before "10") and lexicographically otherwise; fit on the training labels so every split uses the same indices,
 * or give the list explicitly with {@link #ClassLabels(List)}.
 *
 * @param names the labels in index order, distinct, at least one
 */
public record ClassLabels(List<String> names) {

  public ClassLabels {
    names = List.copyOf(names);
    if (names.isEmpty()) throw new IllegalArgumentException("need at least one class label");
    if (new TreeSet<>(names).size() != names.size()) {
      throw new IllegalArgumentException("class labels must be distinct, got " + names);
    }
  }

  /**
   * The distinct labels, sorted numerically if all are numbers, else lexicographically: the order of
   * {@link LabelEncoder#fit}, so text and CSV data give the same labels the same indices.
   */
  public static ClassLabels of(Collection<String> labels) {
    if (labels.isEmpty()) throw new IllegalArgumentException("need at least one class label");
    return new ClassLabels(LabelEncoder.fit(labels).classes());
  }

  /** The labels of {@code texts}, ordered as {@link #of(Collection)} says. */
  public static ClassLabels fromTexts(Collection<LabelledText> texts) {
    return of(texts.stream().map(LabelledText::label).toList());
  }

  public int size() {
    return names.size();
  }

  /** The index of {@code label}, or -1 if it is not one of the classes (a linear scan: K is small). */
  public int index(String label) {
    return names.indexOf(label);
  }

  public String name(int index) {
    return names.get(index);
  }
}
