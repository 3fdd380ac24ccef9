package org.recurrent.cli;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.recurrent.io.AtomicFiles;

/**
 * A PNG of one decoded sequence's attention: source tokens across (columns), output tokens down (rows), each
 * cell's darkness its weight w[t, s] in [0, 1] (white 0, black 1), the weight printed in cells of at least 0.1.
 * Plain Java2D, so the picture depends on nothing but the weights and the tokens.
 */
final class AttentionHeatmap {
  private static final int CELL = 28;

  private AttentionHeatmap() {}

  /** Writes the heatmap to {@code file} atomically. */
  static void write(Path file, String title, List<String> source, List<String> output, float[][] weights)
      throws IOException {
    if (weights.length != output.size()) {
      throw new IllegalArgumentException("attention heatmap: " + weights.length + " rows of weights for "
          + output.size() + " output tokens");
    }
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    FontMetrics fm = probe.createGraphics().getFontMetrics(font);
    int left = 10 + output.stream().mapToInt(fm::stringWidth).max().orElse(0);
    int top = 30 + source.stream().mapToInt(fm::stringWidth).max().orElse(0);
    int width = Math.max(left + CELL * source.size() + 10, 20 + fm.stringWidth(title));
    int height = top + CELL * output.size() + 10;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setFont(font);
    g.setColor(Color.BLACK);
    g.drawString(title, 10, 16);
    for (int s = 0; s < source.size(); s++) {                                 // source tokens, written upwards
      AffineTransform saved = g.getTransform();
      g.translate(left + s * CELL + CELL / 2 + fm.getAscent() / 2, top - 4);
      g.rotate(-Math.PI / 2);
      g.drawString(source.get(s), 0, 0);
      g.setTransform(saved);
    }
    for (int t = 0; t < output.size(); t++) {
      g.setColor(Color.BLACK);
      g.drawString(output.get(t), left - 6 - fm.stringWidth(output.get(t)), top + t * CELL + CELL / 2 + fm.getAscent() / 2 - 2);
      if (weights[t].length != source.size()) {
        throw new IllegalArgumentException("attention heatmap: row " + t + " has " + weights[t].length
            + " weights for " + source.size() + " source tokens");
      }
      for (int s = 0; s < source.size(); s++) {
        float w = Math.max(0f, Math.min(1f, weights[t][s]));
        int level = Math.round(255 * (1 - w));
        g.setColor(new Color(level, level, level));
        g.fillRect(left + s * CELL, top + t * CELL, CELL, CELL);
        if (w >= 0.1f) {
          g.setColor(w > 0.5f ? Color.WHITE : Color.BLACK);
          String label = String.format(Locale.ROOT, "%.1f", w);
          g.drawString(label, left + s * CELL + (CELL - fm.stringWidth(label)) / 2, top + t * CELL + CELL / 2 + 4);
        }
      }
    }
    g.setColor(Color.GRAY);
    g.drawRect(left, top, CELL * source.size(), CELL * output.size());
    g.dispose();
    Path tmp = AtomicFiles.tempBeside(file);
    try {
      ImageIO.write(img, "png", tmp.toFile());
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
