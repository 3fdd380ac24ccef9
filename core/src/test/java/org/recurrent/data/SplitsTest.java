package org.recurrent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitsTest {
  @TempDir Path dir;

  private static int[] all(Split s) {
    return IntStream.concat(IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.validation())),
        Arrays.stream(s.test())).sorted().toArray();
  }

  private static SequenceDataset dataset(String... ids) {
    List<SequenceExample> examples = Arrays.stream(ids)
        .map(id -> new SequenceExample(id, 1, 1, new float[] {0}, new float[0], "t:" + id)).toList();
    return new SequenceDataset(examples, 1, List.of("v"), List.of(), TargetKind.NONE, 0);
  }

  @Test
  void byRatioHasExactSizesAndCoversEveryIndexOnce() {
    Split s = Splits.byRatio(11_500, 0.7, 0.15, 42);
    assertEquals(8_050, s.train().length);
    assertEquals(1_725, s.validation().length);
    assertEquals(1_725, s.test().length);
    assertArrayEquals(IntStream.range(0, 11_500).toArray(), all(s));
    Split small = Splits.byRatio(10, 0.8, 0, 1);
    assertEquals(List.of(8, 0, 2), List.of(small.train().length, small.validation().length, small.test().length));
  }

  @Test
  void sameSeedGivesSameSplitAndDifferentSeedDiffers() {
    Split a = Splits.byRatio(100, 0.6, 0.2, 7);
    Split b = Splits.byRatio(100, 0.6, 0.2, 7);
    Split c = Splits.byRatio(100, 0.6, 0.2, 8);
    assertArrayEquals(a.train(), b.train());
    assertArrayEquals(a.validation(), b.validation());
    assertArrayEquals(a.test(), b.test());
    assertFalse(Arrays.equals(a.train(), c.train()));
    assertFalse(Arrays.equals(a.train(), IntStream.range(0, 60).toArray()), "shuffled, not file order");
  }

  @Test
  void chronologicalKeepsFileOrder() {
    Split s = Splits.chronological(10, 0.6, 0.2);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, s.train());
    assertArrayEquals(new int[] {6, 7}, s.validation());
    assertArrayEquals(new int[] {8, 9}, s.test());
  }

  @Test
  void rejectsBadRatios() {
    assertEquals("train ratio must be in (0, 1], got 0.0",
        assertThrows(IllegalArgumentException.class, () -> Splits.byRatio(10, 0, 0.5, 1)).getMessage());
    assertEquals("val ratio must be in [0, 1], got -0.1",
        assertThrows(IllegalArgumentException.class, () -> Splits.chronological(10, 0.5, -0.1)).getMessage());
    assertEquals("train + val must be <= 1 (test is the rest), got 0.8 + 0.3",
        assertThrows(IllegalArgumentException.class, () -> Splits.byRatio(10, 0.8, 0.3, 1)).getMessage());
    assertEquals(10, Splits.chronological(10, 0.7, 0.3).train().length + Splits.chronological(10, 0.7, 0.3).validation().length);
  }

  @Test
  void splitColumnAssignsRecordsById() throws IOException {
    Path file = dir.resolve("splits.csv");
    Files.writeString(file, "row,id,split\n0,a,train\n1,b,test\n2,c,val\n3,d,train\n4,zz,test\n");
    Map<String, String> map = Splits.fromCsv(file, "id", "split");
    assertEquals("val", map.get("c"));
    Split s = Splits.byId(dataset("d", "c", "b", "a"), map);
    assertArrayEquals(new int[] {0, 3}, s.train());
    assertArrayEquals(new int[] {1}, s.validation());
    assertArrayEquals(new int[] {2}, s.test());
    Split.Datasets parts = s.apply(dataset("d", "c", "b", "a"));
    assertEquals(List.of("d", "a"), parts.train().examples().stream().map(SequenceExample::id).toList());
    assertEquals(1, parts.test().size());
  }

  @Test
  void unknownSplitNamesAndMissingIdsAreErrors() throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "id,split\na,train\nb,dev\n");
    assertEquals(file + ":3: expected a split name (train, val (or validation), test) in column \"split\", found \"dev\"",
        assertThrows(DataFormatException.class, () -> Splits.fromCsv(file, "id", "split")).getMessage());
    Files.writeString(file, "id,split\na,train\nb,val\na,test\n");
    assertEquals(file + ":4: id \"a\" is in split \"test\" here but in \"train\" at line 2",
        assertThrows(DataFormatException.class, () -> Splits.fromCsv(file, "id", "split")).getMessage());
    assertEquals("2 of 3 record ids have no split: \"x\", \"y\"; is the split file for this data?",
        assertThrows(IllegalArgumentException.class,
            () -> Splits.byId(dataset("x", "a", "y"), Map.of("a", "train"))).getMessage());
    assertEquals("record \"a\" has split \"dev\"; expected train, val (or validation), test",
        assertThrows(IllegalArgumentException.class, () -> Splits.byId(dataset("a"), Map.of("a", "dev"))).getMessage());
  }

  @Test
  void splitRejectsAnIndexInTwoParts() {
    assertEquals("record index 2 is in more than one part", assertThrows(IllegalArgumentException.class,
        () -> new Split(new int[] {1, 2}, new int[] {2}, new int[0])).getMessage());
  }

  @Test
  void everyPartListsItsIndicesInAscendingOrder() {
    Split s = Splits.byRatio(200, 0.5, 0.25, 3);
    for (int[] part : List.of(s.train(), s.validation(), s.test())) {
      int[] sorted = part.clone();
      Arrays.sort(sorted);
      assertArrayEquals(sorted, part);
    }
  }

  @Test
  void ratiosAtTheirBoundsAreAccepted() {
    // no records at all, and everything for training (val 0, no test)
    Split empty = Splits.byRatio(0, 0.7, 0.15, 1);
    assertEquals(0, all(empty).length);
    Split allTrain = Splits.chronological(4, 1.0, 0.0);
    assertArrayEquals(new int[] {0, 1, 2, 3}, allTrain.train());
    assertEquals(0, allTrain.validation().length + allTrain.test().length);
    assertEquals("n must be >= 0, got -1",
        assertThrows(IllegalArgumentException.class, () -> Splits.byRatio(-1, 0.5, 0.5, 1)).getMessage());
    assertEquals("train ratio must be in (0, 1], got 1.5",
        assertThrows(IllegalArgumentException.class, () -> Splits.chronological(10, 1.5, 0)).getMessage());
  }

  @Test
  void missingIdsAreListedInFullUpToFive() {
    assertEquals("5 of 6 record ids have no split: \"a\", \"b\", \"c\", \"d\", \"e\"; is the split file for this data?",
        assertThrows(IllegalArgumentException.class,
            () -> Splits.byId(dataset("a", "b", "c", "d", "e", "f"), Map.of("f", "test"))).getMessage());
    assertEquals("6 of 6 record ids have no split: \"a\", \"b\", \"c\", \"d\", \"e\", ...; is the split file for this data?",
        assertThrows(IllegalArgumentException.class,
            () -> Splits.byId(dataset("a", "b", "c", "d", "e", "f"), Map.of())).getMessage());
  }
}
