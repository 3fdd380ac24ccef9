package org.recurrent.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Provisional ids for the codes a reader meets (first seen, first numbered), shared by every file of a run, so
 * that records can hold integer bags before the vocabulary is fitted on the training part; a
 * {@link CodeVocabulary} then maps each provisional id to its final one.
 */
public final class CodeIndex {
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> codes = new ArrayList<>();

  public int id(String code) {
    return ids.computeIfAbsent(code, c -> {
      codes.add(c);
      return codes.size() - 1;
    });
  }

  public String code(int id) {
    return codes.get(id);
  }

  public int size() {
    return codes.size();
  }
}
