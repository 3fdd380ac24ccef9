package org.recurrent.cli.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * The report being written: HTML fragments in page order and the charts as PNG bytes. The page is self-contained:
 * one HTML file with its style inline and every image a {@code data:} URI, no script, no external URL, so it opens
 * offline and from a mail attachment; each chart is also a PNG file beside it ({@link #charts()}).
 * Everything that comes from a file (names, labels, config text, generated text) goes through {@link #escape}.
 */
public final class ReportPage {
  static final int WIDTH = 880, HEIGHT = 480;
  private final StringBuilder body = new StringBuilder();
  private final List<String[]> contents = new ArrayList<>();     // anchor, title
  private final Map<String, byte[]> charts = new LinkedHashMap<>();

  /** Starts a section: its heading, with an anchor for the contents. */
  void section(String title) {
    String anchor = "s" + (contents.size() + 1);
    contents.add(new String[] {anchor, title});
    body.append("<section id=\"").append(anchor).append("\"><h2>").append(escape(title)).append("</h2>\n");
  }

  void endSection() {
    body.append("</section>\n");
  }

  /** A paragraph of plain text. */
  public void text(String text) {
    body.append("<p>").append(escape(text)).append("</p>\n");
  }

  /** A paragraph of HTML the caller built (its values escaped). */
  public void html(String html) {
    body.append(html).append('\n');
  }

  /** Pre-formatted text (config, generated text). */
  public void pre(String text) {
    body.append("<pre>").append(escape(text)).append("</pre>\n");
  }

  /** A named value tests and readers can find: {@code <span class="value" id="ID">text</span>}. */
  public static String value(String id, String text) {
    return "<span class=\"value\" id=\"" + escape(id) + "\">" + escape(text) + "</span>";
  }

  /**
   * A table: {@code header} and {@code rows} of plain text; a header of empty names makes a two-column table of
   * facts (no header row, values left-aligned).
   *
   * @param id the table's id (null: none), so that a reader can find it
   */
  public void table(String id, List<String> header, List<List<String>> rows) {
    boolean facts = header.stream().allMatch(String::isEmpty);
    body.append("<div class=\"scroll\"><table").append(id == null ? "" : " id=\"" + escape(id) + "\"").append(facts ? " class=\"facts\">" : ">");
    if (!facts) {
      body.append("<thead><tr>");
      for (String h : header) body.append("<th>").append(escape(h)).append("</th>");
      body.append("</tr></thead>");
    }
    body.append("<tbody>\n");
    for (List<String> r : rows) {
      body.append("<tr>");
      for (int i = 0; i < r.size(); i++) {
        body.append(i == 0 ? "<th>" : "<td>").append(escape(r.get(i))).append(i == 0 ? "</th>" : "</td>");
      }
      body.append("</tr>\n");
    }
    body.append("</tbody></table></div>\n");
  }

  /**
   * A chart, drawn now as PNG: embedded as a data: URI and kept as {@code file} for writing beside the page.
   *
   * @param file the PNG's file name, unique in the report ({@code loss.png})
   */
  public void chart(String file, JFreeChart chart, String description) throws IOException {
    if (charts.containsKey(file)) throw new IllegalStateException("two charts named " + file);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
    byte[] bytes = png.toByteArray();
    charts.put(file, bytes);
    body.append("<figure><img alt=\"").append(escape(description)).append("\" width=\"").append(WIDTH)
        .append("\" height=\"").append(HEIGHT).append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(bytes)).append("\"><figcaption>").append(escape(description))
        .append(" (<a href=\"").append(escape(file)).append("\">").append(escape(file)).append("</a>)</figcaption></figure>\n");
  }

  /** The charts drawn so far, by file name. */
  public Map<String, byte[]> charts() {
    return java.util.Collections.unmodifiableMap(charts);
  }

  /** The whole page. */
  public String document(String title, String subtitle) {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(STYLE).append("</style></head>\n")
        .append("<body><header><h1>").append(escape(title)).append("</h1><p>").append(escape(subtitle))
        .append("</p></header>\n<nav><ol>");
    for (String[] c : contents) {
      out.append("<li><a href=\"#").append(c[0]).append("\">").append(escape(c[1])).append("</a></li>");
    }
    out.append("</ol></nav>\n<main>\n").append(body).append("</main></body></html>\n");
    return out.toString();
  }

  private static final String STYLE = """
      body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 960px; color: #17202a; padding: 0 1em; }
      h1 { margin-bottom: 0.2em; } header p { color: #555; margin-top: 0; }
      h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 2em; }
      table { border-collapse: collapse; margin: 0.8em 0; font-variant-numeric: tabular-nums; }
      th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
      td { white-space: nowrap; } table.facts td { text-align: left; white-space: normal; overflow-wrap: anywhere; }
      .scroll { overflow-x: auto; }
      thead th { background: #f2f3f4; } tbody th { text-align: left; font-weight: normal; background: #fafafa; }
      figure { margin: 1em 0; } img { max-width: 100%; height: auto; border: 1px solid #eee; }
      figcaption { color: #555; font-size: 0.9em; }
      pre { background: #f7f7f7; padding: 0.8em; overflow-x: auto; white-space: pre-wrap; }
      .value { font-weight: bold; } .note { color: #7d3c98; }
      nav ol { columns: 2; }
      """;

  /** Text made safe inside HTML elements and attribute values. */
  public static String escape(String s) {
    if (s == null) return "";
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }

  /** A number as the tables show it: 4 decimals, or 4 significant digits when very small or large. */
  public static String number(double v) {
    if (Double.isNaN(v)) return "NaN";
    if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
    return String.format(Locale.ROOT, Math.abs(v) >= 1e-3 && Math.abs(v) < 1e6 ? "%.4f" : "%.4g", v);
  }
}
