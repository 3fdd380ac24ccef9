package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.cli.dashboard.DashboardServer;

/**
 * {@code recurrent train --dashboard} seen in a real (headless) browser: the page's curves gain points while the
 * run trains, it shows the finished run when the run ends, the same page served from the run's files
 * ({@code recurrent dashboard}) shows every batch, and none of this logs a console error. Screenshots go to
 * {@code cli/target/browser/}.
 */
class DashboardBrowserTest {
  private static final Pattern URL = Pattern.compile("dashboard: (http://127\\.0\\.0\\.1:[0-9]+/)");

  @Test
  void curvesGrowWhileTrainingAndTheFinishedRunStaysOnThePage(@TempDir Path dir) throws Exception {
    TinyRuns.wideCsv(dir, "train.csv");
    // many small batches, so that the run lasts until the time budget stops it: long enough to watch (a quiet
    // machine trains 1000 such epochs in under 12 s), and long enough for the gradient norm to fall below 1e-15,
    // which a log axis must survive
    Path config = TinyRuns.write(dir.resolve("long.yaml"), TinyRuns.wideCsvConfig("train.csv", TinyRuns.TINY_MODEL,
        "epochs: 100000\nbatch_size: 4\noptimizer: {name: adam, lr: 0.01}"));
    Path model = dir.resolve("model");
    try (HeadlessBrowser browser = HeadlessBrowser.start()) {
      StringWriter out = new StringWriter(), err = new StringWriter();
      int[] exit = {-1};
      Thread training = new Thread(() -> exit[0] = RecurrentCommand.execute(new String[] {"train", config.toString(),
          "-o", model.toString(), "--quiet", "--dashboard", "--time-budget", "12s"}, new PrintWriter(out, true),
          new PrintWriter(err, true)), "training");
      training.start();
      String url = awaitUrl(err, training);
      browser.open(url);
      browser.waitFor("the loss chart's first points", () -> points(browser) > 0, Duration.ofSeconds(30));
      int first = points(browser);
      Thread.sleep(1500);
      int second = points(browser);
      assertTrue(training.isAlive(), "the run must still be training at the second look, to see the page follow it");
      assertTrue(second > first, "the loss curve gains points while the run trains: " + first + " then " + second);
      browser.screenshot(Path.of("target", "browser", "dashboard-live.png"));

      training.join(Duration.ofMinutes(3).toMillis());
      assertEquals(0, exit[0], "train exit code; stderr:\n" + err);
      browser.waitFor("the page to say the run finished", () -> !browser.eval("return window.recurrentDashboard.live()")
          .asBoolean() && state(browser).startsWith("finished: time_budget"), Duration.ofSeconds(60));
      int batches = batchLines(model);
      assertEquals(batches, points(browser), "after the run the page keeps every batch it was sent");
      assertTrue(browser.eval("return document.querySelectorAll('#final-table tbody tr').length").asInt() > 0,
          "the final metrics are shown");
      assertTrue(browser.eval("return document.querySelectorAll('#predictions tbody tr').length").asInt() > 0,
          "the model's answers on validation records are shown");
      assertTrue(browser.eval("return document.getElementById('predictions').textContent").asText()
          .contains("true_label"), "beside the true labels");
      browser.screenshot(Path.of("target", "browser", "dashboard-finished.png"));
      assertEquals(List.of(), browser.consoleErrors(), "console errors on the live page");

      // reopened after the run: the same page from the model directory's files
      try (DashboardServer files = DashboardServer.files(model, 0)) {
        browser.open(files.url().toString());
        browser.waitFor("the page from the files to reach the final line", () -> state(browser).startsWith("finished"),
            Duration.ofSeconds(60));
        browser.waitFor("every batch to be drawn", () -> points(browser) == batches, Duration.ofSeconds(60));
        assertTrue(browser.eval("return window.recurrentDashboard.points('chart-val')").asInt() > 0,
            "the validation metrics are drawn per epoch");
        browser.screenshot(Path.of("target", "browser", "dashboard-files.png"));
        assertEquals(List.of(), browser.consoleErrors(), "console errors on the page served from the files");
      }
    }
  }

  @Test
  void aLanguageModelsSamplesAreShownAfterEachEpoch(@TempDir Path dir) throws Exception {
    TinyRuns.write(dir.resolve("corpus.txt"), "the cat sat on the mat. ".repeat(200));
    Path config = TinyRuns.write(dir.resolve("lm.yaml"), """
        seed: 5
        task: language_model
        data:
          format: text_corpus
          train: corpus.txt
          split: {method: chronological, train: 0.8, validation: 0.1}
        model: {cell: lstm, embedding_dim: 8, hidden_size: 16}
        training: {epochs: 2, batch_size: 4, tbptt: 16, optimizer: {name: adam, lr: 0.01}}
        """);
    Path model = dir.resolve("lm");
    TinyRuns.train(config, model);
    try (HeadlessBrowser browser = HeadlessBrowser.start(); DashboardServer files = DashboardServer.files(model, 0)) {
      browser.open(files.url().toString());
      browser.waitFor("the run's final line", () -> state(browser).startsWith("finished"), Duration.ofSeconds(30));
      browser.waitFor("the samples", () -> browser.eval("return document.querySelectorAll('#samples pre').length")
          .asInt() == 2, Duration.ofSeconds(10));
      String newest = browser.eval("return document.querySelector('#samples pre').textContent").asText();
      assertTrue(newest.startsWith("the cat sat on t"), "prompt then the model's text: " + newest);
      assertEquals(16 + 160, newest.length(), newest);
      browser.screenshot(Path.of("target", "browser", "dashboard-samples.png"));
      assertEquals(List.of(), browser.consoleErrors());
    }
  }

  private static int points(HeadlessBrowser b) throws IOException {
    return b.eval("return window.recurrentDashboard ? window.recurrentDashboard.points('chart-loss') : 0").asInt();
  }

  private static String state(HeadlessBrowser b) throws IOException {
    return b.eval("return window.recurrentDashboard.state()").asText();
  }

  private static int batchLines(Path model) throws IOException {
    return (int) Files.readAllLines(model.resolve("events.jsonl")).stream().filter(l -> l.contains("\"event\":\"batch\""))
        .count();
  }

  /** The address train prints on stderr before it trains. */
  private static String awaitUrl(StringWriter err, Thread training) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = URL.matcher(err.toString());
      if (m.find()) return m.group(1);
      if (!training.isAlive()) throw new AssertionError("train ended without a dashboard address:\n" + err);
      Thread.sleep(20);
    }
    throw new AssertionError("no dashboard address on stderr within 60 s:\n" + err);
  }
}
