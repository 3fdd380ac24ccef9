package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.train.EventLog;
import org.recurrent.train.Progress;
import org.recurrent.train.TrainingEvent;

class EpochSamplesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TEXT = "the cat sat on the mat. ".repeat(200);

  private static List<JsonNode> train(Path dir, String name) throws IOException {
    Files.writeString(dir.resolve("corpus.txt"), TEXT);
    Path config = Files.writeString(dir.resolve("lm.yaml"), """
        seed: 5
        task: language_model
        data:
          format: text_corpus
          train: corpus.txt
          split: {method: chronological, train: 0.8, validation: 0.1}
        model: {cell: lstm, embedding_dim: 8, hidden_size: 16}
        training: {epochs: 2, batch_size: 4, tbptt: 16, optimizer: {name: adam, lr: 0.01}}
        """);
    Path out = dir.resolve(name);
    TrainingRun.run(config, new TrainingRun.Options(out, false, false, null, Progress.quiet()));
    List<JsonNode> lines = new ArrayList<>();
    for (String l : Files.readAllLines(out.resolve("events.jsonl"))) lines.add(JSON.readTree(l));
    return lines;
  }

  @Test
  void aLanguageModelRunWritesItsOwnTextAfterEveryEpochTheSameEveryTime(@TempDir Path dir) throws IOException {
    List<JsonNode> lines = train(dir, "a");
    List<JsonNode> samples = lines.stream().filter(l -> l.path("event").asText().equals("sample")).toList();
    assertEquals(2, samples.size(), "one per epoch");
    for (int k = 0; k < samples.size(); k++) {
      JsonNode s = samples.get(k);
      assertEquals(k + 1, s.path("epoch").asInt());
      assertEquals("the cat sat on t", s.path("prompt").asText(), "the first 16 characters of the training text");
      String text = s.path("text").asText();
      assertEquals(EpochSamples.TOKENS, text.length(), "160 characters: " + text);
      assertTrue(text.chars().allMatch(c -> "the casonm.".indexOf(c) >= 0), "only the corpus's characters: " + text);
      assertEquals(0.8, s.path("temperature").asDouble());
      int at = lines.indexOf(s) - 1;
      while (lines.get(at).path("event").asText().equals("checkpoint")) at--;
      assertEquals("epoch", lines.get(at).path("event").asText(), "after its epoch's line and checkpoints");
      assertEquals(k + 1, lines.get(at).path("epoch").asInt());
    }
    // drawn from the seed and the epoch, not from training's random numbers: the same run writes the same text
    List<JsonNode> again = train(dir, "b");
    List<String> first = lines.stream().map(l -> l.path("text").asText("")).toList();
    List<String> second = again.stream().map(l -> l.path("text").asText("")).toList();
    assertEquals(first, second);
    // readers of typed events skip it, as they skip "final"
    List<TrainingEvent> typed = EventLog.read(dir.resolve("a").resolve("events.jsonl"));
    assertEquals(lines.size() - 2 - 1, typed.size(), "all but the two samples and the final line");
  }
}
