package org.recurrent.data.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.recurrent.data.DataFormatException;
import org.recurrent.data.NumberedLines;
import org.recurrent.data.SequenceExample;

/**
 * Reads a sentence-classification file with one example per line, {@code <label> <text>} or
 * {@code <text>\t<label>} (see {@link TextClassificationOptions}), opened like every data file
 * ({@link org.recurrent.data.DataFiles#open}: UTF-8, {@code .gz}, byte-order mark). Blank lines are skipped; the file
 * is streamed, never held whole.
 *
 * <p>Two steps, so the vocabulary and the classes can be fitted on the training split only:
 * <pre>{@code
 * List<LabelledText> train = reader.read(trainFile);
 * Vocabulary vocab = Vocabulary.fit(options.tokenizer(), train.stream().map(LabelledText::text).toList());
 * ClassLabels classes = ClassLabels.fromTexts(train);
 * List<SequenceExample> examples = reader.toExamples(train, vocab, classes);
 * List<SequenceExample> dev = reader.readExamples(devFile, vocab, classes);
 * }</pre>
 *
 * Each example has {@code features = 1}, {@code x} the token ids (as floats), {@code y = {classIndex}}, id the
 * line number and source {@code file:line}. Errors name the file and line: a missing separator, an empty text, a
 * label that is not one of the classes.
 */
public final class TextClassificationReader {
  private final TextClassificationOptions options;
  private final Pattern separator;

  public TextClassificationReader(TextClassificationOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.separator = Pattern.compile(options.separator());
  }

  public TextClassificationOptions options() {
    return options;
  }

  /** Every non-blank line of {@code file} as a text and its label. */
  public List<LabelledText> read(Path file) throws IOException {
    List<LabelledText> texts = new ArrayList<>();
    scan(file, texts::add);
    return texts;
  }

  /** Reads {@code file} straight into examples, line by line (for validation and test splits). */
  public List<SequenceExample> readExamples(Path file, Vocabulary vocabulary, ClassLabels classes) throws IOException {
    checkTokenizer(vocabulary);
    List<SequenceExample> examples = new ArrayList<>();
    scan(file, text -> examples.add(toExample(text, vocabulary, classes)));
    return examples;
  }

  public List<SequenceExample> toExamples(List<LabelledText> texts, Vocabulary vocabulary, ClassLabels classes)
      throws DataFormatException {
    checkTokenizer(vocabulary);
    List<SequenceExample> examples = new ArrayList<>(texts.size());
    for (LabelledText text : texts) examples.add(toExample(text, vocabulary, classes));
    return examples;
  }

  /**
   * One text as token ids, the first {@code maxLength} if it is longer.
   *
   * @throws DataFormatException if the label is not one of {@code classes}
   */
  public SequenceExample toExample(LabelledText text, Vocabulary vocabulary, ClassLabels classes)
      throws DataFormatException {
    int classIndex = classes.index(text.label());
    if (classIndex < 0) {
      throw DataFormatException.at(text.file(), text.line(), "a label in the classes " + classes.names(),
          "\"" + text.label() + "\"");
    }
    int[] ids = vocabulary.encode(text.text());
    if (options.maxLength() > 0 && ids.length > options.maxLength()) ids = Arrays.copyOf(ids, options.maxLength());
    if (ids.length == 0) throw DataFormatException.at(text.file(), text.line(), "a text with tokens", "none");
    return SequenceExample.tokens(Long.toString(text.line()), ids, new float[] {classIndex}, text.source());
  }

  private void checkTokenizer(Vocabulary vocabulary) {
    if (!vocabulary.tokenizer().equals(options.tokenizer())) {
      throw new IllegalArgumentException("the vocabulary tokenises with " + vocabulary.tokenizer()
          + " but the reader's options say " + options.tokenizer() + "; fit the vocabulary with options.tokenizer()");
    }
  }

  /** Receives each parsed line; may reject it. */
  private interface Sink {
    void accept(LabelledText text) throws DataFormatException;
  }

  private void scan(Path file, Sink sink) throws IOException {
    try (NumberedLines lines = new NumberedLines(file)) {
      for (String line = lines.next(); line != null; line = lines.next()) {
        String stripped = line.strip();
        if (!stripped.isEmpty()) sink.accept(parse(file, lines.line(), stripped));
      }
    }
  }

  /** Splits a non-blank line at the first (label first) or last (label last) match of the separator. */
  private LabelledText parse(Path file, long lineNumber, String line) throws DataFormatException {
    Matcher m = separator.matcher(line);
    int start = -1;
    int end = -1;
    while (m.find()) {
      start = m.start();
      end = m.end();
      if (options.labelPosition() == TextClassificationOptions.LabelPosition.FIRST) break;
    }
    boolean first = options.labelPosition() == TextClassificationOptions.LabelPosition.FIRST;
    String layout = first ? "<label>" + shown(options.separator()) + "<text>"
        : "<text>" + shown(options.separator()) + "<label>";
    if (start < 0) {
      throw DataFormatException.at(file, lineNumber, layout, "no separator in \"" + abbreviated(line) + "\"");
    }
    String label = (first ? line.substring(0, start) : line.substring(end)).strip();
    String text = (first ? line.substring(end) : line.substring(0, start)).strip();
    if (label.isEmpty()) throw DataFormatException.at(file, lineNumber, layout, "an empty label");
    if (text.isEmpty()) throw DataFormatException.at(file, lineNumber, layout, "an empty text");
    return new LabelledText(text, label, file, lineNumber);
  }

  /** The separator as a user would type it: a tab as {@code \t}. */
  private static String shown(String separator) {
    return separator.replace("\t", "\\t");
  }

  private static String abbreviated(String line) {
    return line.length() <= 40 ? line : line.substring(0, 37) + "...";
  }
}
