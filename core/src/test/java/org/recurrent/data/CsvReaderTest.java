package org.recurrent.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void readsQuotedFieldsDoubledQuotesAndQuotedDelimiters() throws IOException {
    Path file = write("q.csv", "name,note,n\n\"Smith, J\",\"say \"\"hi\"\"\",3\nplain,,\"\"\n");
    try (CsvReader csv = CsvReader.open(file, ',', true)) {
      assertEquals(List.of("name", "note", "n"), csv.header());
      CsvReader.Row r = csv.next();
      assertEquals(List.of("Smith, J", "say \"hi\"", "3"), r.fields());
      assertEquals(2, r.line());
      assertEquals(List.of("plain", "", ""), csv.next().fields());
      assertNull(csv.next());
    }
  }

  @Test
  void tracksPhysicalLinesAcrossBlankLinesAndCrlf() throws IOException {
    Path file = write("crlf.csv", "a;b\r\n\r\n1;2\r\n\n3;4\r\n");
    try (CsvReader csv = CsvReader.open(file, ';', true)) {
      assertEquals(3, csv.next().line());
      CsvReader.Row r = csv.next();
      assertEquals(5, r.line());
      assertEquals(List.of("3", "4"), r.fields());
    }
  }

  @Test
  void rejectsWrongColumnCountWithFileLineAndCounts() throws IOException {
    Path file = write("short.csv", "a,b,c\n1,2,3\n4,5\n");
    try (CsvReader csv = CsvReader.open(file, ',', true)) {
      csv.next();
      DataFormatException e = assertThrows(DataFormatException.class, csv::next);
      assertEquals(file + ":3: expected 3 columns, found 2", e.getMessage());
    }
  }

  @Test
  void rejectsQuotedLineBreak() throws IOException {
    Path file = write("nl.csv", "a,b\n1,\"two\nlines\"\n");
    try (CsvReader csv = CsvReader.open(file, ',', true)) {
      DataFormatException e = assertThrows(DataFormatException.class, csv::next);
      assertEquals(file + ":2: unterminated quoted field 2 (opened at character 3); "
          + "a line break inside quotes is not supported", e.getMessage());
    }
  }

  @Test
  void allowedQuotedLineBreaksJoinLinesAndKeepTheStartLine() throws IOException {
    Path file = write("nl.csv", "a,b\r\n1,\"two\r\nlines\"\r\n\r\n\"x\n\ny\",3\n4,5\n");
    try (CsvReader csv = CsvReader.open(file, ',', true, CsvReader.QuotedLineBreaks.ALLOW)) {
      CsvReader.Row r = csv.next();
      assertEquals(List.of("1", "two\nlines"), r.fields());
      assertEquals(2, r.line());
      r = csv.next();
      assertEquals(List.of("x\n\ny", "3"), r.fields());
      assertEquals(5, r.line());
      assertEquals(8, csv.next().line());
      assertNull(csv.next());
    }
  }

  @Test
  void allowedQuotedLineBreaksStillRejectAQuoteLeftOpen() throws IOException {
    Path file = write("open.csv", "a,b\n1,2\n\"3,4\n5,6\n");
    try (CsvReader csv = CsvReader.open(file, ',', true, CsvReader.QuotedLineBreaks.ALLOW)) {
      csv.next();
      DataFormatException e = assertThrows(DataFormatException.class, csv::next);
      assertEquals(file + ":3: expected a closing quote, found the end of the file", e.getMessage());
    }
  }

  @Test
  void columnErrorsNameTheHeaderLine() throws IOException {
    Path file = write("late.csv", "\n\na,b\n1,2\n");
    try (CsvReader csv = CsvReader.open(file, ',', true)) {
      assertEquals(3, csv.headerLine());
      DataFormatException e = assertThrows(DataFormatException.class, () -> csv.column("y"));
      assertEquals(file + ":3: expected a column named \"y\", found columns [a, b]", e.getMessage());
    }
  }

  @Test
  void rejectsTextAfterClosingQuote() throws IOException {
    Path file = write("after.csv", "a,b\n\"x\"y,2\n");
    try (CsvReader csv = CsvReader.open(file, ',', true)) {
      DataFormatException e = assertThrows(DataFormatException.class, csv::next);
      assertEquals(file + ":2: expected a delimiter after the closing quote of field 1, found 'y'", e.getMessage());
    }
  }

  @Test
  void headerlessFilesNameColumnsByPosition() throws IOException {
    Path file = write("nohead.tsv", "1\t2\t3\n4\t5\t6\n");
    try (CsvReader csv = CsvReader.open(file, '\t', false)) {
      assertEquals(List.of("1", "2", "3"), csv.header());
      assertEquals(2, csv.column("3"));
      assertEquals(List.of("1", "2", "3"), csv.next().fields());
      assertEquals(2, csv.next().line());
      assertNull(csv.next());
    }
  }

  @Test
  void rejectsEmptyFile() throws IOException {
    Path file = write("empty.csv", "");
    DataFormatException e = assertThrows(DataFormatException.class, () -> CsvReader.open(file, ',', true));
    assertEquals(file + ":1: expected a header line, found an empty file", e.getMessage());
  }

  @Test
  void missingColumnListsTheColumns() throws IOException {
    Path file = write("cols.csv", "a,b\n1,2\n");
    try (CsvReader csv = CsvReader.open(file, ',', true)) {
      DataFormatException e = assertThrows(DataFormatException.class, () -> csv.column("y"));
      assertEquals(file + ":1: expected a column named \"y\", found columns [a, b]", e.getMessage());
    }
  }

  @Test
  void duplicateColumnNameIsAmbiguous() throws IOException {
    Path file = write("dup.csv", "a,b,a\n1,2,3\n");
    try (CsvReader csv = CsvReader.open(file, ',', true)) {
      DataFormatException e = assertThrows(DataFormatException.class, () -> csv.column("a"));
      assertEquals(file + ":1: expected one column named \"a\", found columns 1 and 3 with that name", e.getMessage());
    }
  }

  @Test
  void trailingDelimiterEndsWithAnEmptyField() throws IOException {
    Path file = write("t.csv", "a,b,c\n1,2,\n,,\n");
    try (CsvReader csv = CsvReader.open(file, ',', true)) {
      assertEquals(List.of("1", "2", ""), csv.next().fields());
      assertEquals(List.of("", "", ""), csv.next().fields());
    }
  }
}
