package org.recurrent.data.deid;

import java.util.List;
import java.util.Locale;

/**
 * What the tagger reads of one token: a bag of feature codes, embedded and averaged by the model's
 * {@code EmbeddingBag}. The word itself is only one of them, so a word never seen in training (most names, ids and
 * dates of a new note) still brings its shape and affixes, and the recurrent layers bring its context:
 * <pre>{@code
 * w:<word, lower case>       e.g. w:smith      (becomes <unk> when rarer than code_min_frequency in training)
 * s:<shape>                  e.g. s:Xxxx, s:dd/dd/dddd   (X upper, x lower, d digit; runs of letters cut at 4,
 *                                                      digits never: 7 digits of an id are not 6 of a phone)
 * c:<compact shape>          e.g. c:Xx, c:d/d/d           (runs of a class collapsed)
 * p:<first 3 letters>, x:<last 3 letters>, lower case
 * }</pre>
 */
public final class TokenFeatures {
  private TokenFeatures() {}

  public static List<String> of(String token) {
    String lower = token.toLowerCase(Locale.ROOT);
    return List.of("w:" + lower, "s:" + shape(token, 4, Integer.MAX_VALUE), "c:" + shape(token, 1, 1),
        "p:" + lower.substring(0, Math.min(3, lower.length())),
        "x:" + lower.substring(Math.max(0, lower.length() - 3)));
  }

  /**
   * X / x / d for upper, lower and digit characters, others as they are; runs of a letter class cut at
   * {@code letters}, of digits at {@code digits}.
   */
  static String shape(String token, int letters, int digits) {
    StringBuilder sb = new StringBuilder();
    char last = 0;
    int repeat = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      char k = Character.isUpperCase(c) ? 'X' : Character.isLowerCase(c) ? 'x' : Character.isDigit(c) ? 'd' : c;
      repeat = k == last ? repeat + 1 : 1;
      last = k;
      if (repeat <= (k == 'd' ? digits : letters)) sb.append(k);
    }
    return sb.toString();
  }
}
