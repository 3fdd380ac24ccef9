package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recurrent.cli.TinyRuns.run;
import static org.recurrent.cli.TinyRuns.write;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recurrent forecast}: CSV on stdout with the time column continued, a PNG, and its refusals. */
class ForecastCommandTest {
  @TempDir static Path shared;
  static Path series, direct, recursive;

  /** 200 days from 2024-01-01 of a weekly wave, 10 + 5 sin(2 pi d / 7), and a covariate column. */
  static List<String> lines(int days) {
    List<String> out = new ArrayList<>(List.of("day,load,other"));
    LocalDate d = LocalDate.of(2024, 1, 1);
    for (int i = 0; i < days; i++) {
      out.add(String.format(Locale.ROOT, "%s,%.3f,%d", d.plusDays(i), 10 + 5 * Math.sin(2 * Math.PI * i / 7), i % 3));
    }
    return out;
  }

  static Path config(String name, String strategyOptions) throws IOException {
    return write(shared.resolve(name + ".yaml"), """
        task: forecast
        seed: 1
        data:
          format: timeseries_csv
          train: series.csv
          options: {time_column: day, targets: [load], lags: 14, horizon: 7, season_length: 7, %s}
          split: {method: chronological, train: 0.8, validation: 0.1}
        model: {cell: gru, hidden_size: 8}
        training: {epochs: 3, batch_size: 32, optimizer: {name: adam, lr: 0.01}}
        """.formatted(strategyOptions));
  }

  @BeforeAll
  static void trainModels() throws IOException {
    series = write(shared.resolve("series.csv"), lines(200));
    direct = shared.resolve("direct");
    recursive = shared.resolve("recursive");
    TinyRuns.train(config("direct", "mode: multi"), direct);
    TinyRuns.train(config("recursive", "strategy: recursive, target_inputs_only: true"), recursive);
  }

  @Test
  void printsTheForecastWithTheDatesContinuedAndDrawsIt(@TempDir Path dir) throws IOException {
    Path png = dir.resolve("forecast.png");
    TinyRuns.Run r = run("forecast", "-m", direct.toString(), "-i", series.toString(), "--horizon", "7", "-o",
        png.toString()).expectExit(0);
    List<String> rows = r.out().lines().toList();
    assertEquals("day,load", rows.get(0));
    assertEquals(8, rows.size(), r.out());
    // the series ends 2024-07-18 (day 199); the forecast continues daily
    assertTrue(rows.get(1).startsWith("2024-07-19,"), rows.get(1));
    assertTrue(rows.get(7).startsWith("2024-07-25,"), rows.get(7));
    for (String row : rows.subList(1, 8)) {
      double v = Double.parseDouble(row.split(",")[1]);
      assertTrue(v > 0 && v < 20, "a forecast within the data's range, in data units: " + row);
    }
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(ForecastChart.WIDTH, image.getWidth());
    try (var files = Files.list(dir)) {
      assertEquals(List.of(png), files.toList(), "the PNG and no temp file");
    }
  }

  @Test
  void aRecursiveModelRollsBeyondItsTrainingHorizonADirectOneRefuses() {
    TinyRuns.Run rolled = run("forecast", "-m", recursive.toString(), "-i", series.toString(), "-n", "30").expectExit(0);
    assertEquals(31, rolled.out().lines().count());
    TinyRuns.Run refused = run("forecast", "-m", direct.toString(), "-i", series.toString(), "-n", "8").expectExit(2);
    assertTrue(refused.errorLine().contains("forecasts directly at most 7 steps ahead"), refused.err());
    assertEquals("", refused.out());
  }

  @Test
  void theInputMustHaveTheModelsColumnsAndEvenlySpacedRows(@TempDir Path dir) throws IOException {
    List<String> other = new ArrayList<>(lines(40));
    other.replaceAll(l -> l.substring(0, l.lastIndexOf(',')));          // no "other" column
    Path missing = write(dir.resolve("missing.csv"), other);
    TinyRuns.Run r = run("forecast", "-m", direct.toString(), "-i", missing.toString(), "-n", "3").expectExit(2);
    assertTrue(r.errorLine().contains("missing.csv"), r.err());
    List<String> gap = new ArrayList<>(lines(40));
    gap.remove(35);                                                      // a day missing within the last 14 rows
    Path irregular = write(dir.resolve("gap.csv"), gap);
    TinyRuns.Run g = run("forecast", "-m", direct.toString(), "-i", irregular.toString(), "-n", "3").expectExit(2);
    assertTrue(g.errorLine().contains("gap.csv:36: the time column is irregular"), g.err());
    Path png = dir.resolve("out.jpg");
    TinyRuns.Run wrong = run("forecast", "-m", direct.toString(), "-i", series.toString(), "-n", "3", "-o",
        png.toString()).expectExit(2);
    assertTrue(wrong.errorLine().contains("name the file .png"), wrong.err());
    assertFalse(Files.exists(png));
  }
}
