package org.recurrent.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportPageTest {
  @Test
  void textFromFilesCannotBecomeMarkup() {
    assertEquals("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;", ReportPage.escape(
        "<script>alert(\"x\")</script> & '"));
    assertEquals("a\uFFFDb\nc", ReportPage.escape("a\u0007b\nc"), "control characters are not passed on");
    ReportPage page = new ReportPage();
    page.section("<img src=x onerror=alert(1)>");
    page.table("t", List.of("class"), List.of(List.of("<b>bold</b>")));
    page.pre("</pre><script>");
    page.endSection();
    String html = page.document("run <x>", "sub <y>");
    assertFalse(html.contains("<script") || html.contains("<img src=x") || html.contains("<b>bold"), html);
    assertTrue(html.contains("<h2>&lt;img src=x onerror=alert(1)&gt;</h2>"));
  }

  @Test
  void aChartIsEmbeddedAsTheSamePngItKeepsForItsFile() throws IOException {
    ReportPage page = new ReportPage();
    page.chart("c.png", Charts.lines("t", "x (unit)", "y (unit)", List.of(Charts.Curve.line("a", new double[] {1, 2},
        new double[] {3, 4}))), "a chart");
    byte[] png = page.charts().get("c.png");
    assertEquals('P', png[1]);
    String html = page.document("r", "s");
    String uri = html.substring(html.indexOf("data:image/png;base64,") + 22);
    assertArrayEquals(png, Base64.getDecoder().decode(uri.substring(0, uri.indexOf('"'))));
    assertThrows(IllegalStateException.class, () -> page.chart("c.png", Charts.lines("t", "x", "y", List.of()), "again"));
  }

  @Test
  void numbersShowFourDecimalsOrFourSignificantDigitsAndNonFiniteByName() {
    assertEquals("0.9744", ReportPage.number(0.974383));
    assertEquals("1.0000", ReportPage.number(1.0));
    assertEquals("0.0001235", ReportPage.number(0.00012345));
    assertEquals("NaN", ReportPage.number(Double.NaN));
    assertEquals("-Infinity", ReportPage.number(Double.NEGATIVE_INFINITY));
  }
}
