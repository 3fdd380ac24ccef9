package org.recurrent.data.deid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Synthetic clinical-style notes with BIO tags of six PHI types, from one seed (docs/deid.md). Every name, date,
 * age, place, phone number and record number is made up from the pools below; no real patient is in them.
 *
 * <p>A note is one family's header, 3 to 6 of its PHI sentences and 1 to 3 plain sentences (shuffled), and its
 * sign-off ({@link NoteTemplates}). Each slot takes one of several formats: dates in 8 ({@code 03/04/2019},
 * {@code 2019-04-03}, {@code 3 April 2019}, {@code April 3, 2019}, {@code 03.04.2019}, {@code 3rd Apr},
 * {@code 03/04/19}, {@code Apr 3 2019}), phone numbers in 5, record numbers in 4, names with and without
 * initials and titles (titles are not PHI). Noise: with probability {@code typoRate} a word of letters gets a
 * typo (two letters swapped, one dropped or doubled), names are written in lower case with probability 0.1,
 * and one note in 12 is written in capitals.
 *
 * <p>{@link #generate} with {@code heldOut} draws only from {@link NoteTemplates#HELD_OUT}'s families, which
 * training notes never use: the held-out test of a tagger on contexts it has not seen.
 */
public final class NoteGenerator {
  /** The PHI types, in the order tags are listed. */
  public static final List<String> TYPES = List.of("NAME", "DATE", "AGE", "PLACE", "PHONE", "ID");

  private static final String[] FIRST = {"Ann", "James", "Mary", "John", "Fatima", "Wei", "Olga", "Raj", "Siobhan",
      "Kwame", "Lucia", "Tomasz", "Aisha", "Pedro", "Ingrid", "Yusuf", "Chloe", "Dmitri", "Priya", "Liam", "Grace",
      "Hope", "May", "Will", "Mark", "Rose", "June", "Faith", "Bill", "Ella", "Noah", "Zara", "Omar", "Mei",
      "Hannah", "Samuel", "Niamh", "Arjun", "Leila", "Victor", "Agnes", "Bernard", "Carmen", "Desmond", "Eileen",
      "Farid", "Gwen", "Hamish", "Imogen", "Jorge", "Kiran", "Lars", "Maeve", "Nadia", "Oscar", "Petra", "Quentin",
      "Rhys", "Sunita", "Teodor", "Ursula", "Vikram", "Wanda", "Xavier", "Yara", "Zoltan"};
  private static final String[] LAST = {"Smith", "Patel", "O'Brien", "Nowak", "Okafor", "Chen", "Garcia", "Ivanova",
      "MacLeod", "Brown", "Green", "White", "Young", "Black", "Wood", "Hill", "Stone", "Cook", "Hall", "Bell",
      "Khan", "Kowalski", "Murphy", "Nguyen", "Rossi", "Schmidt", "Tanaka", "Williams", "Jones", "Evans", "Dubois",
      "Haddad", "Lindqvist", "Mensah", "Papadopoulos", "Quinn", "Reyes", "Sato", "Thompson", "Usman", "Varga",
      "Walsh", "Yilmaz", "Zhou", "Fernandes", "Gallagher", "Hussain", "Jankowski", "Kaur", "Lloyd", "Moreau",
      "Nakamura", "Ortiz", "Price", "Rahman", "Sullivan", "Turner", "Abbott", "Baker", "Castillo", "Doyle"};
  private static final String[] TOWNS = {"Leeds", "Bristol", "Reading", "Bath", "Wells", "Norwich", "Derby",
      "Swansea", "Dundee", "Exeter", "Lincoln", "Preston", "Carlisle", "Truro", "Bangor", "Stirling", "Ely",
      "Hereford", "Salford", "Worthing", "Kendal", "Ripon", "Oban", "Buxton", "Frome", "Ashford"};
  private static final String[] STREETS = {"Oak", "Mill", "Church", "Station", "Victoria", "Park", "High", "Elm",
      "Queens", "Albert", "Chapel", "Manor"};
  private static final String[] STREET_KINDS = {"Road", "Street", "Lane", "Avenue", "Close", "Drive"};
  private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
      "September", "October", "November", "December"};

  private final double typoRate;

  /** @param typoRate the probability that a word of letters gets a typo, in [0, 0.5] */
  public NoteGenerator(double typoRate) {
    if (!(typoRate >= 0 && typoRate <= 0.5)) throw new IllegalArgumentException("typo rate must be in [0, 0.5], got " + typoRate);
    this.typoRate = typoRate;
  }

  /**
   * {@code count} notes from {@code seed}, ids {@code prefix + i}.
   *
   * @param heldOut draw from the held-out families only (test); otherwise from the training families only
   */
  public List<Note> generate(int count, long seed, boolean heldOut, String prefix) {
    Random r = new Random(seed);
    List<NoteTemplates.Family> families = heldOut ? NoteTemplates.HELD_OUT : NoteTemplates.TRAINING;
    List<Note> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) out.add(note(prefix + i, families.get(r.nextInt(families.size())), r));
    return out;
  }

  /** A piece of a note's text, and its PHI type (null: not PHI). */
  private record Piece(String text, String type) {}

  private Note note(String id, NoteTemplates.Family f, Random r) {
    List<String> body = new ArrayList<>();
    List<String> phi = new ArrayList<>(f.sentences());
    java.util.Collections.shuffle(phi, r);
    body.addAll(phi.subList(0, Math.min(phi.size(), 3 + r.nextInt(4))));
    for (int k = 1 + r.nextInt(3); k > 0; k--) body.add(NoteTemplates.PLAIN.get(r.nextInt(NoteTemplates.PLAIN.size())));
    java.util.Collections.shuffle(body, r);
    StringBuilder template = new StringBuilder(f.headers().get(r.nextInt(f.headers().size())));
    for (String s : body) template.append(s).append(r.nextInt(3) == 0 ? "\n" : " ");
    template.append('\n').append(f.endings().get(r.nextInt(f.endings().size())));
    boolean capitals = r.nextInt(12) == 0;
    List<Piece> pieces = fill(template.toString(), r);
    List<String> tokens = new ArrayList<>(), after = new ArrayList<>(), tags = new ArrayList<>();
    for (Piece p : pieces) {
      NoteTokenizer.Tokens tk = NoteTokenizer.tokenize(p.text());
      if (!tokens.isEmpty()) after.set(after.size() - 1, after.get(after.size() - 1) + tk.leading());
      for (int t = 0; t < tk.tokens().size(); t++) {
        String token = noisy(tk.tokens().get(t), p.type(), capitals, r);
        tokens.add(token);
        after.add(tk.after().get(t));
        tags.add(p.type() == null ? BioSpans.OUTSIDE : (t == 0 ? "B-" : "I-") + p.type());
      }
    }
    after.set(after.size() - 1, "");
    return new Note(id, f.name(), tokens, after, tags, "generator");
  }

  private String noisy(String token, String type, boolean capitals, Random r) {
    boolean word = token.length() >= 4 && token.chars().allMatch(Character::isLetter);
    double rate = "NAME".equals(type) || "PLACE".equals(type) || "DATE".equals(type) ? typoRate / 2 : typoRate;
    if (word && r.nextDouble() < rate) token = typo(token, r);
    if (capitals) return token.toUpperCase(Locale.ROOT);
    return token;
  }

  private static String typo(String w, Random r) {
    int i = 1 + r.nextInt(w.length() - 2);
    return switch (r.nextInt(3)) {
      case 0 -> w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2);   // swap
      case 1 -> w.substring(0, i) + w.substring(i + 1);                                    // drop
      default -> w.substring(0, i + 1) + w.charAt(i) + w.substring(i + 1);                 // double
    };
  }

  /** The template's text cut at its slots, each slot filled with a made-up value of its type. */
  private List<Piece> fill(String template, Random r) {
    List<Piece> out = new ArrayList<>();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      if (open < 0) {
        out.add(new Piece(template.substring(i), null));
        break;
      }
      if (open > i) out.add(new Piece(template.substring(i, open), null));
      int close = template.indexOf('}', open);
      String slot = template.substring(open + 1, close);
      out.addAll(slot(slot, r));
      i = close + 1;
    }
    return out;
  }

  private List<Piece> slot(String slot, Random r) {
    return switch (slot) {
      case "NAME" -> List.of(new Piece(name(r), "NAME"));
      case "DR" -> clinician(r);
      case "DATE" -> List.of(new Piece(date(r), "DATE"));
      case "AGE" -> List.of(new Piece(Integer.toString(18 + r.nextInt(82)), "AGE"));
      case "PLACE" -> List.of(new Piece(place(r), "PLACE"));
      case "PHONE" -> List.of(new Piece(phone(r), "PHONE"));
      case "ID" -> List.of(new Piece(recordNumber(r), "ID"));
      default -> throw new IllegalStateException("unknown slot {" + slot + "}");
    };
  }

  private static String pick(String[] pool, Random r) {
    return pool[r.nextInt(pool.length)];
  }

  private static String name(Random r) {
    String first = pick(FIRST, r), last = pick(LAST, r);
    String name = switch (r.nextInt(6)) {
      case 0, 1 -> first + " " + last;
      case 2 -> last + ", " + first;
      case 3 -> first.charAt(0) + ". " + last;
      case 4 -> first + " " + (char) ('A' + r.nextInt(26)) + ". " + last;
      default -> last.toUpperCase(Locale.ROOT) + ", " + first;
    };
    return r.nextInt(10) == 0 ? name.toLowerCase(Locale.ROOT) : name;
  }

  /** A clinician: the title, and an "MD" after, are outside the name's span. */
  private static List<Piece> clinician(Random r) {
    String first = pick(FIRST, r), last = pick(LAST, r);
    return switch (r.nextInt(5)) {
      case 0 -> List.of(new Piece("Dr ", null), new Piece(last, "NAME"));
      case 1 -> List.of(new Piece("Dr. ", null), new Piece(first.charAt(0) + ". " + last, "NAME"));
      case 2 -> List.of(new Piece("Dr ", null), new Piece(first + " " + last, "NAME"));
      case 3 -> List.of(new Piece(first + " " + last, "NAME"), new Piece(", MD", null));
      default -> List.of(new Piece("Prof. ", null), new Piece(last, "NAME"));
    };
  }

  private static String date(Random r) {
    int d = 1 + r.nextInt(28), m = 1 + r.nextInt(12), y = 1930 + r.nextInt(95);
    String month = MONTHS[m - 1];
    return switch (r.nextInt(8)) {
      case 0 -> String.format(Locale.ROOT, "%02d/%02d/%d", d, m, y);
      case 1 -> String.format(Locale.ROOT, "%d-%02d-%02d", y, m, d);
      case 2 -> d + " " + month + " " + y;
      case 3 -> month + " " + d + ", " + y;
      case 4 -> String.format(Locale.ROOT, "%02d.%02d.%d", d, m, y);
      case 5 -> d + ordinal(d) + " " + month.substring(0, 3);
      case 6 -> String.format(Locale.ROOT, "%02d/%02d/%02d", d, m, y % 100);
      default -> month.substring(0, 3) + " " + d + " " + y;
    };
  }

  private static String ordinal(int d) {
    if (d >= 11 && d <= 13) return "th";
    return switch (d % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
  }

  private static String place(Random r) {
    return switch (r.nextInt(6)) {
      case 0, 1 -> pick(TOWNS, r);
      case 2 -> pick(TOWNS, r) + " General Hospital";
      case 3 -> "St " + pick(FIRST, r) + "'s Hospital";
      case 4 -> pick(LAST, r) + " Memorial Hospital";
      default -> (1 + r.nextInt(120)) + " " + pick(STREETS, r) + " " + pick(STREET_KINDS, r) + ", " + pick(TOWNS, r);
    };
  }

  private static String phone(Random r) {
    int a = 200 + r.nextInt(800), b = 200 + r.nextInt(800), c = r.nextInt(10000);
    return switch (r.nextInt(5)) {
      case 0 -> String.format(Locale.ROOT, "(%d) %d-%04d", a, b, c);
      case 1 -> String.format(Locale.ROOT, "%d-%d-%04d", a, b, c);
      case 2 -> String.format(Locale.ROOT, "%d.%d.%04d", a, b, c);
      case 3 -> String.format(Locale.ROOT, "+44 %d %d %04d", a, b, c);
      default -> String.format(Locale.ROOT, "0%04d %06d", 1000 + r.nextInt(9000), r.nextInt(1_000_000));
    };
  }

  private static String recordNumber(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> Integer.toString(1_000_000 + r.nextInt(9_000_000));
      case 1 -> String.format(Locale.ROOT, "%08d", r.nextInt(100_000_000));
      case 2 -> "" + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26)) + (100_000 + r.nextInt(900_000));
      default -> String.format(Locale.ROOT, "%03d-%02d-%04d", r.nextInt(1000), r.nextInt(100), r.nextInt(10000));
    };
  }
}
