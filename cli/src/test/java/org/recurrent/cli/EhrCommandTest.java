package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ehr cohort} and {@code demo hf} through the command line. */
class EhrCommandTest {
  @TempDir Path dir;

  private Path config() throws IOException {
    Path c = dir.resolve("hf.yaml");
    Files.writeString(c, """
        name: hf
        seed: 4
        task: hf-onset
        data:
          format: ehr
          options: {generator: {patients: 400, seed: 8}, cohort: {controls_per_case: 2}}
          split: {method: ratio, train: 0.6, validation: 0.2}
        model: {cell: gru, hidden_size: 4, embedding_dim: 4, bag_mode: sum}
        training: {epochs: 1, batch_size: 16, optimizer: {name: adam, lr: 0.01}}
        """);
    return c;
  }

  @Test
  void cohortWritesItsTableAndOneCsvRowPerMemberAsTrainWouldBuildIt() throws IOException {
    Path out = dir.resolve("cohort");
    TinyRuns.Run r = TinyRuns.run("ehr", "cohort", config().toString(), "-o", out.toString()).expectExit(0);
    assertTrue(r.out().contains("train (240 patients): "), r.out());
    JsonNode table = TinyRuns.JSON.readTree(out.resolve("cohort.json").toFile());
    List<String> csv = Files.readAllLines(out.resolve("cohort.csv"));
    assertEquals("part,patient_id,role,prediction_point,matched_case,visits", csv.get(0));
    int members = 0;
    for (String part : List.of("train", "validation", "test")) {
      JsonNode t = table.path("cohorts").path(part);
      members += t.path("cases").asInt() + t.path("controls").asInt();
    }
    assertEquals(members, csv.size() - 1);
    // train builds the same cohort: its cohort.json is the same table
    Path model = dir.resolve("m");
    TinyRuns.train(config(), model);
    assertEquals(table.path("cohorts"), TinyRuns.JSON.readTree(model.resolve("cohort.json").toFile()).path("cohorts"));
    assertTrue(Files.isRegularFile(model.resolve("roc_test.png")), "train draws the ROC curves");
  }

  @Test
  void ehrWithoutASubcommandAndCohortWithoutOutputAreUsageErrors() throws IOException {
    TinyRuns.run("ehr").expectExit(2);
    TinyRuns.run("ehr", "cohort", config().toString()).expectExit(2);
    TinyRuns.Run bad = TinyRuns.run("ehr", "cohort", dir.resolve("missing.yaml").toString(), "-o",
        dir.resolve("c").toString()).expectExit(2);
    assertTrue(bad.err().contains("missing.yaml"), bad.err());
  }

  @Test
  void demoHfPrintsTheModelAndEveryCountBaseline() {
    TinyRuns.Run r = TinyRuns.run("demo", "hf", "--patients", "400", "--epochs", "2", "-o",
        dir.resolve("d").toString()).expectExit(0);
    for (String row : List.of("GRU over visits", "logistic regression (counts)", "mlp (counts)",
        "k nearest neighbours (counts)", "linear svm (counts)")) {
      assertTrue(r.out().contains(row), row + " in " + r.out());
    }
    assertTrue(Files.isRegularFile(dir.resolve("d").resolve("roc_test.png")));
  }
}
