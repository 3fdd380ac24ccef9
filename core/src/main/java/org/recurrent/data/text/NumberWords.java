package org.recurrent.data.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A translation-style task: an integer written out in English words, in one of several human spellings, to its
 * digits. {@code four hundred and seven thousand , twenty-one -> 407021}. The number of digits is drawn
 * uniformly from [minDigits, maxDigits] (leading digit non-zero), so {@code maxDigits} is the length knob: a
 * longer number takes more words. Every pair is a pure function of the seed.
 *
 * <p>Spellings, one drawn per pair (the format index is in {@link #FORMATS}):
 * <pre>{@code
 * plain     one hundred twenty three thousand four hundred five
 * and       one hundred and twenty three thousand four hundred and five     (British "and")
 * hyphen    one hundred twenty-three thousand four hundred five              (hyphenated tens)
 * comma     one hundred twenty three thousand , four hundred five            (groups separated by commas)
 * }</pre>
 * Scale words up to {@code quadrillion} (10^15), so at most 18 digits.
 *
 * @param minDigits at least 1
 * @param maxDigits at most 18, at least minDigits
 */
public record NumberWords(int minDigits, int maxDigits) {
  public static final String NAME = "number_words";
  public static final List<String> FORMATS = List.of("plain", "and", "hyphen", "comma");
  private static final String[] ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
      "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
      "nineteen"};
  private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
      "ninety"};
  private static final String[] SCALES = {"", "thousand", "million", "billion", "trillion", "quadrillion"};

  public NumberWords {
    if (minDigits < 1 || maxDigits > 18 || minDigits > maxDigits) {
      throw new IllegalArgumentException(NAME + ": digits must satisfy 1 <= min_digits <= max_digits <= 18, got "
          + minDigits + ".." + maxDigits);
    }
  }

  /** {@code samples} pairs (words, digits) from {@code seed}; each pair's {@code where} is {@code number_words:i}. */
  public List<ParallelText.Pair> generate(int samples, long seed) {
    Random rng = new Random(seed);
    List<ParallelText.Pair> out = new ArrayList<>(samples);
    for (int i = 0; i < samples; i++) {
      int digits = minDigits + rng.nextInt(maxDigits - minDigits + 1);
      StringBuilder d = new StringBuilder().append((char) ('1' + rng.nextInt(9)));
      for (int k = 1; k < digits; k++) d.append((char) ('0' + rng.nextInt(10)));
      String format = FORMATS.get(rng.nextInt(FORMATS.size()));
      out.add(new ParallelText.Pair(words(d.toString(), format), d.toString(), NAME + ":" + (i + 1)));
    }
    return out;
  }

  /** The number given by its decimal digits (no leading zero) spelled in {@code format}. */
  public static String words(String digits, String format) {
    if (!FORMATS.contains(format)) throw new IllegalArgumentException("unknown number format '" + format + "'");
    if (digits.equals("0")) return ONES[0];
    List<String> groups = new ArrayList<>();
    int n = digits.length();
    for (int end = n, scale = 0; end > 0; end -= 3, scale++) {
      int value = Integer.parseInt(digits.substring(Math.max(0, end - 3), end));
      if (value == 0) continue;
      String g = group(value, format);
      groups.add(0, scale == 0 ? g : g + " " + SCALES[scale]);
    }
    return String.join(format.equals("comma") ? " , " : " ", groups);
  }

  /** 1..999 in words. */
  private static String group(int value, String format) {
    List<String> w = new ArrayList<>();
    int hundreds = value / 100, rest = value % 100;
    if (hundreds > 0) {
      w.add(ONES[hundreds]);
      w.add("hundred");
      if (rest > 0 && format.equals("and")) w.add("and");
    }
    if (rest >= 20) {
      String tens = TENS[rest / 10];
      if (rest % 10 == 0) w.add(tens);
      else if (format.equals("hyphen")) w.add(tens + "-" + ONES[rest % 10]);
      else {
        w.add(tens);
        w.add(ONES[rest % 10]);
      }
    } else if (rest > 0) {
      w.add(ONES[rest]);
    }
    return String.join(" ", w);
  }
}
