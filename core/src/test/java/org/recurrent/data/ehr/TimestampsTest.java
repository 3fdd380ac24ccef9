package org.recurrent.data.ehr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
  @ParameterizedTest
  @CsvSource({
      "2020-01-01, 2020-01-01T00:00:00",
      "2020-01-01T10:00:00Z, 2020-01-01T10:00:00",
      "2020-01-01T10:00Z, 2020-01-01T10:00:00",
      "2020-01-01T10:00, 2020-01-01T10:00:00",
      "2164-10-23 21:09:00, 2164-10-23T21:09:00",
      "2020-01-01T10:00:59.123Z, 2020-01-01T10:00:59",
      "2020-01-01T10:00:00+01:00, 2020-01-01T09:00:00",
      "2020-01-01T00:30:00-0130, 2020-01-01T02:00:00",
      "1914-02-19T06:56:02Z, 1914-02-19T06:56:02",
      "2024-02-29, 2024-02-29T00:00:00"})
  void parsesTheFormsTheSourcesWrite(String text, String utc) {
    assertEquals(LocalDateTime.parse(utc).toEpochSecond(ZoneOffset.UTC), Timestamps.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2020", "2020-1-01", "2020-13-01", "2023-02-29", "01/02/2020", "2020-01-01T", "2020-01-01T10",
      "2020-01-01T24:00:00", "2020-01-01T10:60", "2020-01-01T10:00:00.Z", "2020-01-01T10:00:00X", "2020-01-01T10:00:00+1",
      "2020-01-01x10:00:00", "2020-01-01T10:00:00Z ", " 2020-01-01"})
  void rejectsEverythingElse(String text) {
    assertEquals(Timestamps.INVALID, Timestamps.parse(text));
  }
}
