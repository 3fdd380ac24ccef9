package org.recurrent.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.TargetKind;

class PixelDigitsTest {

  @Test
  void aOneIsTwoStrokesOnTheRightAndAnEightCoversEverySegment() {
    PixelDigits task = new PixelDigits(16, 0);
    // with no noise a pixel is dark unless a drawn segment passes within r + 1/2 of its centre
    for (int seed = 0; seed < 20; seed++) {
      float[] one = task.draw(1, new Random(seed)), eight = task.draw(8, new Random(seed));
      int inkOne = 0, inkEight = 0;
      for (int i = 0; i < 256; i++) {
        if (one[i] > 0) inkOne++;
        if (eight[i] > 0) inkEight++;
        assertTrue(one[i] <= eight[i] + 1e-6f, "seed " + seed + " pixel " + i);  // 1's segments are 8's, same jitter
      }
      assertTrue(inkEight > 2 * inkOne, "seed " + seed + ": " + inkEight + " vs " + inkOne);
    }
  }

  @Test
  void recordsAreSideSquaredPixelsInRangeWithBalancedClasses() {
    PixelDigits task = PixelDigits.ofLength(100, 0.1);
    assertEquals(10, task.side());
    int[] counts = new int[10];
    for (SequenceExample e : task.generate(95, 1).examples()) {
      assertEquals(100, e.length());
      for (float v : e.x()) assertTrue(v >= 0 && v <= 1);
      counts[(int) e.y()[0]]++;
    }
    assertArrayEquals(new int[] {10, 10, 10, 10, 10, 9, 9, 9, 9, 9}, counts);
  }

  @Test
  void theSameSeedGivesTheSameImages() {
    List<SequenceExample> a = new PixelDigits(16, 0.1).generate(5, 8).examples();
    List<SequenceExample> b = new PixelDigits(16, 0.1).generate(5, 8).examples();
    for (int i = 0; i < 5; i++) assertArrayEquals(a.get(i).x(), b.get(i).x());
    assertFalse(Arrays.equals(a.get(0).x(), new PixelDigits(16, 0.1).generate(5, 9).examples().get(0).x()));
  }

  @Test
  void chanceIsOneInTenAndLnTen() {
    ChanceLevel chance = new PixelDigits(16, 0.1).chance();
    assertEquals(0.1, chance.value(), 0);
    assertEquals(Math.log(10), chance.crossEntropy(), 0);
    assertEquals(TargetKind.CLASS, new PixelDigits(16, 0.1).targetKind());
  }

  @Test
  void refusesALengthThatIsNotASquare() {
    assertEquals("pixels: length must be a square number of pixels (side x side), got 200; the nearest are 196 and 225",
        assertThrows(IllegalArgumentException.class, () -> PixelDigits.ofLength(200, 0.1)).getMessage());
  }
}
