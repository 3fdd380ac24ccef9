package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.cli.TinyRuns.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  @TempDir static Path shared;
  private static Path model;

  @BeforeAll
  static void trainALanguageModel() throws IOException {
    Files.writeString(shared.resolve("text.txt"), "ROMEO:\nto be or not to be, that is the question.\n\n".repeat(20));
    Path config = Files.writeString(shared.resolve("lm.yaml"), """
        task: language_model
        data: {format: text_corpus, train: text.txt}
        model: {cell: lstm, hidden_size: 12, embedding_dim: 6}
        training: {epochs: 2, batch_size: 4, tbptt: 16, optimizer: {name: adam, lr: 0.02}}
        """);
    model = shared.resolve("lm");
    TinyRuns.train(config, model);
  }

  @Test
  void printsThePrimeThenTheSampledTextAndTheSameSeedRepeatsIt() {
    String a = run("generate", "--model", model.toString(), "--prime", "ROMEO:", "--length", "80", "--seed", "5",
        "--temperature", "1.0").expectExit(0).out();
    String b = run("generate", "--model", model.toString(), "--prime", "ROMEO:", "--length", "80", "--seed", "5",
        "--temperature", "1.0").expectExit(0).out();
    String c = run("generate", "--model", model.toString(), "--prime", "ROMEO:", "--length", "80", "--seed", "6",
        "--temperature", "1.0").expectExit(0).out();
    assertTrue(a.startsWith("ROMEO:"), a);
    assertEquals("ROMEO:".length() + 80 + System.lineSeparator().length(), a.length(), a);
    assertEquals(a, b);
    assertNotEquals(a, c);
  }

  @Test
  void topOneIgnoresTheSeed() {
    String a = run("generate", "-m", model.toString(), "--prime", "to", "--length", "40", "--top-k", "1", "--seed", "1")
        .expectExit(0).out();
    String b = run("generate", "-m", model.toString(), "--prime", "to", "--length", "40", "--top-k", "1", "--seed", "2")
        .expectExit(0).out();
    assertEquals(a, b);
  }

  @Test
  void streamsEachCharacterBeforeTheEnd() {
    // what stdout holds at each flush: the text must grow a character at a time, not arrive at the end
    List<String> seenAtFlush = new ArrayList<>();
    StringBuilder written = new StringBuilder();
    Writer sink = new Writer() {
      @Override
      public void write(char[] buf, int off, int len) {
        written.append(buf, off, len);
      }

      @Override
      public void flush() {
        seenAtFlush.add(written.toString());
      }

      @Override
      public void close() {}
    };
    int exit = RecurrentCommand.execute(new String[] {"generate", "-m", model.toString(), "--prime", "to", "--length",
        "30"}, new PrintWriter(sink), new PrintWriter(new StringWriter(), true));
    assertEquals(0, exit);
    List<Integer> lengths = seenAtFlush.stream().map(String::length).distinct().toList();
    for (int k = 1; k <= 30; k++) assertTrue(lengths.contains(2 + k), "stdout flushed with " + k + " characters: " + lengths);
  }

  @Test
  void badPrimesAndOptionsAreUsageErrorsNamingTheProblem() {
    String error = run("generate", "-m", model.toString(), "--prime", "JULIET:").expectExit(2).errorLine();
    assertTrue(error.contains("--prime: character 'J' (U+004A) at position 0 is not in the model's vocabulary"), error);
    error = run("generate", "-m", model.toString(), "--prime", "to", "--temperature", "0").expectExit(2).errorLine();
    assertTrue(error.contains("--temperature must be a finite number > 0, got 0.0"), error);
    error = run("generate", "-m", model.toString(), "--prime", "to", "--length", "0").expectExit(2).errorLine();
    assertTrue(error.contains("--length must be in 1..1000000, got 0"), error);
    error = run("generate", "-m", model.toString(), "--prime", "to", "--top-k", "999").expectExit(2).errorLine();
    assertTrue(error.contains("--top-k 999 exceeds the model's vocabulary of"), error);
    assertTrue(run("generate", "-m", model.toString()).expectExit(2).err().contains("Missing required option: '--prime"));
  }
}
