package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.models.ModelDirectory;

class SeedSummaryTest {

  private static RunMetrics metrics(double accuracy, double f1, Map<String, Double> baseline, int records) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("loss", 1 - accuracy);
    m.put("accuracy", accuracy);
    m.put("macro_f1", f1);
    RunMetrics.PartScores part = new RunMetrics.PartScores(records, m, baseline);
    return new RunMetrics("classification", "completed", 5, 4, OptionalDouble.of(0.1),
        Map.of("validation", part, "test", part));
  }

  private static final Map<String, Double> BASELINE = Map.of("majority_class_accuracy", 0.8);

  private static List<SeedSummary.Run> runs(long... seeds) {
    return java.util.Arrays.stream(seeds).mapToObj(s -> new SeedSummary.Run(s, "seed-" + s, "completed", 5, 4, 10.0))
        .toList();
  }

  private static List<Path> dirs(long... seeds) {
    return java.util.Arrays.stream(seeds).mapToObj(s -> Path.of("out", "seed-" + s)).toList();
  }

  @Test
  void summarisesEachMetricAndWritesSeedFreeBaselinesOnce(@TempDir Path dir) throws IOException {
    SeedSummary s = SeedSummary.of("eeg", runs(1, 2, 3), List.of(metrics(0.97, 0.90, BASELINE, 100),
        metrics(0.95, 0.80, BASELINE, 100), metrics(0.99, 0.85, BASELINE, 100)), dirs(1, 2, 3));
    s.write(dir);
    JsonNode json = ModelDirectory.JSON.readTree(dir.resolve("seeds.json").toFile());
    assertEquals("recurrent-seeds", json.path("format").asText());
    assertEquals("[1,2,3]", json.path("seeds").toString());
    JsonNode acc = json.path("test").path("metrics").path("accuracy");
    // by hand: mean 0.97, deviations -0.02, 0, +0.02 -> sample variance 0.0008 / 2, sd 0.02
    assertEquals(0.97, acc.path("mean").asDouble(), 1e-12);
    assertEquals(0.02, acc.path("sd").asDouble(), 1e-12);
    assertEquals(0.95, acc.path("min").asDouble());
    assertEquals(0.99, acc.path("max").asDouble());
    assertEquals("[0.97,0.95,0.99]", acc.path("values").toString());
    JsonNode f1 = json.path("test").path("metrics").path("macro_f1");
    assertEquals(0.85, f1.path("mean").asDouble(), 1e-12);
    assertEquals(0.05, f1.path("sd").asDouble(), 1e-12);
    assertEquals(0.8, json.path("test").path("baselines").path("majority_class_accuracy").asDouble(),
        "a seed-free baseline: one number");
    assertEquals(0, json.path("test").path("seed_dependent_baselines").size());
    assertEquals(100, json.path("test").path("records").asInt());
    assertEquals(List.of("loss", "accuracy", "macro_f1"), fieldNames(json.path("test").path("metrics")),
        "metrics.json's order");
    assertEquals(List.of("format", "version", "name", "task", "seeds", "runs", "test", "validation"), fieldNames(json));
    assertFalse(s.baselinesDependOnSeed());
    String text = s.text();
    assertTrue(text.contains("3 seeds of eeg (1, 2, 3), test part, 100 records"), text);
    assertTrue(text.lines().anyMatch(l -> l.matches(" +accuracy +0\\.9700 ± 0\\.0200  \\(0\\.9500 … 0\\.9900\\)")), text);
    assertTrue(text.contains("the same for every seed"), text);
    assertTrue(text.lines().anyMatch(l -> l.matches(" +majority_class_accuracy +0\\.8000")), text);
  }

  @Test
  void baselinesThatDifferBetweenSeedsAreAllListedWithTheirSpread() {
    Map<String, Double> a = Map.of("majority_class_accuracy", 0.5, "lr_c", 1.0);
    Map<String, Double> b = Map.of("majority_class_accuracy", 0.6, "lr_c", 1.0);
    SeedSummary s = SeedSummary.of("tiny", runs(7, 8), List.of(metrics(0.9, 0.9, a, 30), metrics(0.8, 0.8, b, 30)),
        dirs(7, 8));
    SeedSummary.PartSummary test = s.parts().get("test");
    assertTrue(test.baselines().isEmpty(), "no baseline is written as seed-free: " + test.baselines());
    assertEquals(0.55, test.seedDependentBaselines().get("majority_class_accuracy").mean(), 1e-12);
    assertEquals(0.0, test.seedDependentBaselines().get("lr_c").sd(), "agreeing by chance, but listed with the rest");
    assertTrue(s.baselinesDependOnSeed());
    assertTrue(s.text().contains("differ between seeds"), s.text());
  }

  @Test
  void partsOfDifferentSizesMakeTheBaselinesSeedDependent() {
    SeedSummary s = SeedSummary.of("tiny", runs(7, 8), List.of(metrics(0.9, 0.9, BASELINE, 30),
        metrics(0.8, 0.8, BASELINE, 31)), dirs(7, 8));
    assertEquals(List.of(30, 31), s.parts().get("test").records());
    assertTrue(s.baselinesDependOnSeed());
    assertEquals("[30,31]", ModelDirectory.JSON.valueToTree(s.json()).path("test").path("records").toString());
  }

  @Test
  void refusesRunsThatScoreOtherMetrics() {
    RunMetrics other = new RunMetrics("classification", "completed", 5, 4, OptionalDouble.empty(), Map.of("test",
        new RunMetrics.PartScores(100, Map.of("accuracy", 0.9), BASELINE)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeedSummary.of("x", runs(1, 2),
        List.of(metrics(0.9, 0.9, BASELINE, 100), other), dirs(1, 2)));
    assertTrue(e.getMessage().contains("seed-2"), e.getMessage());
    assertTrue(e.getMessage().contains("not runs of one config"), e.getMessage());
  }

  @Test
  void aNaNMetricIsWrittenAsJsonSafeSays() {
    SeedSummary s = SeedSummary.of("x", runs(1, 2), List.of(metrics(Double.NaN, 0.9, BASELINE, 10),
        metrics(0.5, 0.9, BASELINE, 10)), dirs(1, 2));
    JsonNode acc = ModelDirectory.JSON.valueToTree(s.json()).path("test").path("metrics").path("accuracy");
    assertEquals("NaN", acc.path("mean").asText());
    assertEquals(0.5, acc.path("min").asDouble());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
