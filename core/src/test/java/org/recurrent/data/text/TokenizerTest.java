package org.recurrent.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {

  @Test
  void wordsSeparatePunctuationFromLetters() {
    assertEquals(List.of("isn", "'", "t", "great", "."), Tokenizer.words().tokenize("Isn't great."));
  }

  @Test
  void wordsKeepCaseWhenNotLowercasing() {
    Tokenizer t = new Tokenizer(Tokenizer.Level.WORD, false);
    assertEquals(List.of("Hello", ",", "World", "!"), t.tokenize("  Hello,\tWorld!\n"));
  }

  @Test
  void wordsKeepDigitsAndAccentsTogetherAndSplitEverySymbol() {
    assertEquals(List.of("café", "costs", "12", "€", "(", "1930s", ")", "-", "-", "ok"),
        Tokenizer.words().tokenize("Café costs 12€ (1930s) -- ok"));
  }

  @Test
  void wordsTreatNoBreakSpaceAsSpace() {
    assertEquals(List.of("a", "b"), Tokenizer.words().tokenize("a\u00a0b"));
  }

  @Test
  void wordsOfBlankTextAreEmpty() {
    assertEquals(List.of(), Tokenizer.words().tokenize(" \t\n"));
  }

  @Test
  void charactersAreCodePointsIncludingWhitespace() {
    // U+1F600 is a surrogate pair in UTF-16 but one code point, so one token.
    assertEquals(List.of("a", " ", "B", "\n", "\uD83D\uDE00"), Tokenizer.characters().tokenize("a B\n\uD83D\uDE00"));
  }

  @Test
  void charactersCanBeLowercased() {
    assertEquals(List.of("a", "b"), new Tokenizer(Tokenizer.Level.CHARACTER, true).tokenize("AB"));
  }
}
