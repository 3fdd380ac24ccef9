package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser harness itself: that its console-error check can fail, and that it has no internet. */
class HeadlessBrowserTest {

  @Test
  void seesUncaughtErrorsConsoleErrorsAndFetchesFromTheInternet(@TempDir Path dir) throws Exception {
    Path page = TinyRuns.write(dir.resolve("bad.html"), """
        <!DOCTYPE html><html><head><title>bad</title><link rel="icon" href="data:,">
        <script src="https://cdn.jsdelivr.net/npm/uplot@1.6.30/dist/uPlot.iife.min.js"></script></head>
        <body><script>
        console.error("logged on purpose");
        window.ready = true;
        throw new Error("thrown on purpose");
        </script></body></html>
        """);
    Path good = TinyRuns.write(dir.resolve("good.html"), """
        <!DOCTYPE html><html><head><title>good</title><link rel="icon" href="data:,"></head>
        <body><p id="p">fine</p><script>window.ready = typeof uPlot === "undefined";</script></body></html>
        """);
    try (HeadlessBrowser b = HeadlessBrowser.start()) {
      b.open(page.toUri().toString());
      assertTrue(b.eval("return window.ready === true").asBoolean(), "the page's script ran");
      List<String> errors = b.consoleErrors();
      TinyRuns.assertContainsAll(String.join("\n", errors), "logged on purpose", "thrown on purpose", "cdn.jsdelivr.net");
      assertEquals(List.of(), b.consoleErrors(), "each entry is reported once");

      b.open(good.toUri().toString());
      assertEquals("fine", b.eval("return document.getElementById('p').textContent").asText());
      Path png = b.screenshot(dir.resolve("shots").resolve("good.png"));
      byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
      assertEquals("\u0089PNG", new String(head, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
      assertEquals(List.of(), b.consoleErrors());
    }
  }

  @Test
  void withoutChromiumFailsNamingThePackagesToInstall(@TempDir Path dir) {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> HeadlessBrowser.start(dir.resolve("chromium"), dir.resolve("chromedriver")));
    TinyRuns.assertContainsAll(e.getMessage(), dir.resolve("chromium").toString(), "is not there",
        "apt-get install chromium chromium-driver");
  }
}
