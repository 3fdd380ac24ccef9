package org.recurrent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class PrintableTextTest {

  @Test
  void escapesControlCharactersAndKeepsLetters() {
    assertEquals("a\\u001b[31mred\\u0000 é ü 中", PrintableText.escape("a\u001b[31mred\u0000 é ü 中"));
    assertEquals("line\\u000aforged: ok\\u000d", PrintableText.escape("line\nforged: ok\r"));
    assertEquals("\\u009b \\u007f \\u202e \\u2028 \\ufeff", PrintableText.escape("\u009b \u007f \u202e \u2028 \ufeff"));
    assertEquals("plain", PrintableText.escape("plain"));
    assertEquals("null", PrintableText.of(null));
  }

  @Test
  void ofCutsLongValuesAndSaysHowLongTheyWere() {
    String shown = PrintableText.of("x".repeat(1000));
    assertEquals("x".repeat(PrintableText.MAX_SHOWN) + "...(1000 chars)", shown);
    assertEquals("\"a\\u0007\"", PrintableText.quoted("a\u0007"));
  }

  @Test
  void theWriterKeepsLineBreaksAndTabsOnly() throws IOException {
    StringWriter out = new StringWriter();
    try (var w = PrintableText.writer(out)) {
      w.write("a\tb\n\u001b[2J");
      w.write('\u0007');
    }
    assertEquals("a\tb\n\\u001b[2J\\u0007", out.toString());
  }

  /** Issue 15: raw escape bytes from a file reached the terminal in error messages. */
  @Test
  void dataFormatExceptionsEscapeWhatTheyQuote() {
    var e = DataFormatException.at(java.nio.file.Path.of("d.csv"), 3, "a number", "\"\u001b]0;owned\u0007\"");
    assertEquals("d.csv:3: expected a number, found \"\\u001b]0;owned\\u0007\"", e.getMessage());
  }
}
