package org.recurrent.baselines.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DiscountsTest {
  @Test
  void estimateFollowsChenAndGoodman() {
    // Y = 10 / (10 + 10) = 0.5; D1 = 1 - 2 Y 5/10; D2 = 2 - 3 Y 3/5; D3+ = 3 - 4 Y 2/3
    Discounts d = Discounts.estimate(10, 5, 3, 2);
    assertEquals(0.5, d.d1(), 1e-12);
    assertEquals(1.1, d.d2(), 1e-12);
    assertEquals(3 - 4.0 / 3, d.d3plus(), 1e-12);
    assertEquals(0.5, d.of(1));
    assertEquals(1.1, d.of(2), 1e-12);
    assertEquals(d.d3plus(), d.of(7));
  }

  @Test
  void fallsBackWhenUndefinedOrOutOfRange() {
    assertSame(Discounts.FALLBACK, Discounts.estimate(0, 5, 3, 2));          // no singletons: undefined
    assertSame(Discounts.FALLBACK, Discounts.estimate(10, 5, 0, 2));         // n3 = 0: D3+ undefined
    assertSame(Discounts.FALLBACK, Discounts.estimate(1, 1, 10, 1));         // D2 = 2 - 10 < 0
  }

  @Test
  void rejectsDiscountsThatWouldMakeNegativeProbabilities() {
    assertThrows(IllegalArgumentException.class, () -> new Discounts(1.2, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new Discounts(0.5, 1, 3.5));
  }
}
