package org.recurrent.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void plainProgressPrintsReadableLinesAtMostEveryInterval() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress p = Progress.plain(new PrintStream(bytes, true, StandardCharsets.UTF_8), 0);
    p.batch(0, 3, 9, 100, 0.123456, 812.4, "rec", 3725);
    p.line("epoch 1  train_loss 0.5");
    assertEquals("epoch 1/3  batch 10/100  loss 0.1235  812 rec/s  ETA 1:02:05\nepoch 1  train_loss 0.5\n",
        bytes.toString(StandardCharsets.UTF_8));
    ByteArrayOutputStream quiet = new ByteArrayOutputStream();
    Progress slow = Progress.plain(new PrintStream(quiet, true, StandardCharsets.UTF_8), 3600);
    slow.batch(0, 1, 0, 10, 1, 1, "tok", 1);
    assertEquals("", quiet.toString(StandardCharsets.UTF_8));
  }

  @Test
  void durationsAreMinutesSecondsOrHours() {
    assertEquals("0:41", Progress.duration(41.2));
    assertEquals("2:05", Progress.duration(125));
    assertEquals("1:00:00", Progress.duration(3600));
    assertEquals("?", Progress.duration(Double.NaN));
  }

  @Test
  void statusSaysEstimatingUntilTheEtaIsKnown() {
    assertEquals("epoch 1/3  batch 1/100  loss 0.5000  10 rec/s  ETA estimating",
        Progress.status(0, 3, 0, 100, 0.5, 10, "rec", Double.NaN));
    assertEquals("epoch 1/3  batch 2/100  loss 0.5000  10 rec/s  ETA 4:10",
        Progress.status(0, 3, 1, 100, 0.5, 10, "rec", 250));
  }

  @Test
  void terminalDevicesAreTerminalsFilesAndPipesAreNot() {
    for (String tty : new String[] {"/dev/pts/0", "/dev/pts/17", "/dev/tty1", "/dev/ttyS0", "/dev/tty", "/dev/console"}) {
      org.junit.jupiter.api.Assertions.assertTrue(Progress.isTerminalDevice(tty), tty);
    }
    for (String other : new String[] {"pipe:[12345]", "socket:[9]", "/tmp/train.log", "/dev/null", "/dev/pts"}) {
      org.junit.jupiter.api.Assertions.assertFalse(Progress.isTerminalDevice(other), other);
    }
  }

  /** The terminal bar (private: {@link Progress#forStream} picks it only on a terminal). */
  private static Progress bar(PrintStream err) throws ReflectiveOperationException {
    var c = Class.forName("org.recurrent.train.Progress$Bar").getDeclaredConstructor(PrintStream.class);
    c.setAccessible(true);
    return (Progress) c.newInstance(err);
  }

  @Test
  void theTerminalBarRedrawsOneLineAtMostTenTimesASecondButAlwaysAtAnEpochsLastBatch() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress p = bar(new PrintStream(new java.io.BufferedOutputStream(bytes), false, StandardCharsets.UTF_8));
    p.batch(0, 2, 0, 4, 0.5, 10, "rec", 3);                             // 1 of 4: 24 / 4 = 6 cells done
    String first = "\repoch 1/2  batch 1/4 [======>                 ] loss 0.5000  10 rec/s  ETA 0:03\033[K";
    assertEquals(first, bytes.toString(StandardCharsets.UTF_8), "drawn and flushed");
    p.batch(0, 2, 1, 4, 0.5, 10, "rec", 2);                             // within 0.1 s of the last draw
    assertEquals(first, bytes.toString(StandardCharsets.UTF_8));
    p.batch(0, 2, 2, 3, 0.25, 10, "rec", 0);                            // the last batch: 24 of 24
    String last = "\repoch 1/2  batch 3/3 [========================] loss 0.2500  10 rec/s  ETA 0:00\033[K";
    assertEquals(first + last, bytes.toString(StandardCharsets.UTF_8));
    p.line("epoch 1  train_loss 0.5");
    assertEquals(first + last + "\r\033[Kepoch 1  train_loss 0.5\n", bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void withoutATerminalTheStreamGetsPlainLines() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress p = Progress.forStream(new PrintStream(bytes, true, StandardCharsets.UTF_8));   // tests run without one
    p.line("epoch 1");
    assertEquals("epoch 1\n", bytes.toString(StandardCharsets.UTF_8));
  }
}
