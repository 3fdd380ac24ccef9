package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's proof for the static report: the HTML {@code recurrent report} writes for a real run opens in headless
 * Chromium from the file alone (the harness's browser reaches nothing but loopback), shows every chart, and logs
 * no console error. A screenshot goes to {@code cli/target/browser/report.png}.
 */
class ReportBrowserTest {

  @Test
  void theReportOfARealRunOpensOfflineWithEveryChartAndNoConsoleErrors(@TempDir Path dir) throws Exception {
    Path model = ReportFixtures.binaryRun(dir);
    TinyRuns.run("report", "--run", model.toString(), "--quiet").expectExit(0);
    Path html = model.resolve("report").resolve("report.html");
    long pngs;
    try (var files = Files.list(html.getParent())) {
      pngs = files.filter(f -> f.getFileName().toString().endsWith(".png")).count();
    }
    try (HeadlessBrowser b = HeadlessBrowser.start()) {
      b.open(html.toUri().toString());
      // every chart is an embedded image that decoded (naturalWidth > 0), one per PNG written beside the page
      int images = b.eval("return document.images.length").asInt();
      int decoded = b.eval("return Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length")
          .asInt();
      assertTrue(images >= 8, images + " images on the page");
      assertEquals(images, decoded, "images that did not decode");
      assertEquals(pngs, images, "one image on the page per PNG beside it");
      assertTrue(b.eval("return document.title").asText().contains("bin"), "the page is titled after the run");
      b.screenshot(Path.of("target", "browser", "report.png"));
      assertEquals(List.of(), b.consoleErrors());
    }
  }
}
