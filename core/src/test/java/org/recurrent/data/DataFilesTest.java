package org.recurrent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {
  @TempDir Path dir;

  private static String readAll(Path file) throws IOException {
    try (BufferedReader in = DataFiles.open(file)) {
      StringBuilder text = new StringBuilder();
      for (String line = in.readLine(); line != null; line = in.readLine()) text.append(line).append('\n');
      return text.toString();
    }
  }

  @Test
  void gunzipsGzFilesTransparently() throws IOException {
    Path file = dir.resolve("data.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals("a,b\n1,2\n", readAll(file));
  }

  @Test
  void stripsUtf8ByteOrderMark() throws IOException {
    Path file = dir.resolve("bom.csv");
    Files.write(file, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ',', 'b', '\n'});
    assertEquals("a,b\n", readAll(file));
  }

  @Test
  void keepsFirstCharacterWithoutByteOrderMark() throws IOException {
    Path file = dir.resolve("plain.csv");
    Files.writeString(file, "é,b\n");
    assertEquals("é,b\n", readAll(file));
  }

  @Test
  void missingFileSaysFileNotFoundWithThePath() {
    Path file = dir.resolve("nope.csv");
    IOException e = assertThrows(IOException.class, () -> DataFiles.open(file));
    assertEquals("file not found: " + file, e.getMessage());
  }

  @Test
  void gzFileThatIsNotGzipSaysSo() throws IOException {
    Path file = dir.resolve("fake.csv.gz");
    Files.writeString(file, "a,b\n");
    IOException e = assertThrows(IOException.class, () -> DataFiles.open(file));
    assertEquals(file + ": cannot read as gzip (Not in GZIP format); is it really compressed?", e.getMessage());
  }

  @Test
  void bytesThatAreNotUtf8AreReportedAtTheirLine() throws IOException {
    Path file = dir.resolve("latin1.csv");
    Files.write(file, new byte[] {'a', '\n', 'b', (byte) 0xE9, '\n'});
    try (NumberedLines lines = new NumberedLines(file)) {
      assertEquals("a", lines.next());
      DataFormatException e = assertThrows(DataFormatException.class, lines::next);
      assertEquals(file + ":2: expected UTF-8 text, found bytes that are not UTF-8 (save the file as UTF-8)",
          e.getMessage());
    }
  }

  @Test
  void readStringKeepsLineBreaksAndDropsTheByteOrderMark() throws IOException {
    Path file = dir.resolve("corpus.txt");
    Files.write(file, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', '\r', '\n', 'b', '\n'});
    assertEquals("a\r\nb\n", DataFiles.readString(file));
  }

  @Test
  void readStringReportsBytesThatAreNotUtf8AtTheirLine() throws IOException {
    Path file = dir.resolve("latin1.txt");
    Files.write(file, new byte[] {'a', '\n', 'b', '\n', 'c', (byte) 0xE9, '\n'});
    DataFormatException e = assertThrows(DataFormatException.class, () -> DataFiles.readString(file));
    assertEquals(file + ":3: expected UTF-8 text, found bytes that are not UTF-8 (save the file as UTF-8)",
        e.getMessage());
  }

  @Test
  void bytesThatAreNotUtf8AreFoundAtTheVeryStart() throws IOException {
    Path file = dir.resolve("start.csv");
    Files.write(file, new byte[] {(byte) 0xE9, 'a', '\n'});
    try (NumberedLines lines = new NumberedLines(file)) {
      DataFormatException e = assertThrows(DataFormatException.class, lines::next);
      assertEquals(file + ":1: expected UTF-8 text, found bytes that are not UTF-8 (save the file as UTF-8)",
          e.getMessage());
    }
    DataFormatException whole = assertThrows(DataFormatException.class, () -> DataFiles.readString(file));
    assertEquals(file + ":1: expected UTF-8 text, found bytes that are not UTF-8 (save the file as UTF-8)",
        whole.getMessage());
  }

  // ---- issue 15 ------------------------------------------------------------------------------------------------

  /** Many small members: each boundary is a chance for GZIPInputStream to stop early. */
  @Test
  void readsEveryMemberOfAConcatenatedGzipFile() throws IOException {
    Path file = dir.resolve("multi.csv.gz");
    StringBuilder expected = new StringBuilder("a,b\n");
    try (OutputStream raw = Files.newOutputStream(file)) {
      try (OutputStream out = new GZIPOutputStream(new NonClosing(raw))) {
        out.write("a,b\n".getBytes(StandardCharsets.UTF_8));
      }
      java.util.Random rng = new java.util.Random(15);
      for (int m = 0; m < 300; m++) {
        StringBuilder member = new StringBuilder();
        for (int r = 0, n = rng.nextInt(40); r < n; r++) member.append(m).append(',').append(rng.nextInt()).append('\n');
        expected.append(member);
        try (OutputStream out = new GZIPOutputStream(new NonClosing(raw))) {
          out.write(member.toString().getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    assertEquals(expected.toString(), readAll(file));
    assertEquals(expected.toString(), DataFiles.readString(file));
  }

  /** Lets several gzip members be written to one stream (GZIPOutputStream.close closes its target). */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  @Test
  void aFolderIsRefusedBeforeReading() {
    var e = assertThrows(IOException.class, () -> DataFiles.open(dir));
    assertEquals(dir + ": is a folder, not a data file", e.getMessage());
  }

  @Test
  void aDeviceIsRefusedBeforeReading() {
    Path zero = Path.of("/dev/zero");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero));
    var e = assertThrows(IOException.class, () -> DataFiles.readString(zero));
    assertEquals("/dev/zero: not a regular file (a FIFO, a device or a socket); give the path of a data file",
        e.getMessage());
  }

  /** Issue 15: opening a FIFO blocks until a writer comes, so a FIFO as the data file hung the run. */
  @Test
  @org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void aFifoIsRefusedWithoutBlocking() throws Exception {
    Path fifo = dir.resolve("pipe.csv");
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException e) {
      org.junit.jupiter.api.Assumptions.abort("no mkfifo here");
      return;
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0);
    try {
      var e = assertThrows(IOException.class, () -> DataFiles.open(fifo));
      assertEquals(fifo + ": not a regular file (a FIFO, a device or a socket); give the path of a data file",
          e.getMessage());
      assertThrows(IOException.class, () -> CsvReader.open(fifo, ',', true));
    } finally {
      // should a reader be blocked in open() (the bug), a writer that comes and goes releases it
      new ProcessBuilder("sh", "-c", ": <>\"$0\"", fifo.toString()).start().waitFor();
    }
  }
}
