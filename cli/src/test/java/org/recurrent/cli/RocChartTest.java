package org.recurrent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocChartTest {
  @TempDir Path dir;

  @Test
  void drawsOnePngPerPartOfRocJson() throws IOException {
    Files.writeString(dir.resolve("roc.json"), """
        {"format": "recurrent-roc", "version": 1,
         "test": {"model": {"auc": 0.75, "fpr": [0, 0, 0.5, 1], "tpr": [0, 0.5, 1, 1]},
                  "logistic_regression": {"auc": 0.5, "fpr": [0, 1], "tpr": [0, 1]}},
         "validation": {"model": {"auc": 1.0, "fpr": [0, 0, 1], "tpr": [0, 1, 1]}}}
        """);
    var written = RocChart.draw(dir);
    assertEquals(2, written.size());
    BufferedImage png = ImageIO.read(dir.resolve("roc_test.png").toFile());
    assertEquals(RocChart.WIDTH, png.getWidth());
    assertEquals(RocChart.HEIGHT, png.getHeight());
    // the model's curve is drawn in the first colour: some pixel of it must be there
    boolean red = false;
    for (int x = 0; x < png.getWidth() && !red; x++) {
      for (int y = 0; y < png.getHeight() && !red; y++) red = (png.getRGB(x, y) & 0xFFFFFF) == 0xC0392B;
    }
    assertTrue(red, "the model's curve is drawn");
    assertTrue(Files.isRegularFile(dir.resolve("roc_validation.png")));
  }

  @Test
  void nothingWithoutRocJson() throws IOException {
    assertTrue(RocChart.draw(dir).isEmpty());
  }
}
