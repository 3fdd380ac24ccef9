package org.recurrent.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Tells a person how training goes, on stderr. Attached to a terminal it redraws one status line
 * ({@code epoch 3/20  batch 120/359 [=====>    ] loss 0.4123  812 rec/s  ETA 4:41}, the ETA being the whole
 * run's, {@code ETA estimating} until a few batches are timed); otherwise (a log file, CI) it prints a plain line
 * at most every {@code plainIntervalSeconds} and at the end of every epoch, so logs stay readable.
 * {@link #quiet()} prints nothing. Whether stderr is a terminal is decided by stderr alone
 * ({@link #stderrIsTerminal()}), so {@code recurrent train X > metrics.json} keeps the bar.
 */
public abstract class Progress {

  /** After each training batch. */
  public abstract void batch(int epoch, int epochs, int batch, int batches, double loss, double ratePerSecond,
                             String unit, double etaSeconds);

  /** A finished line of text (epoch summary, checkpoint, warning), printed on its own line. */
  public abstract void line(String text);

  /** The terminal bar when stderr is a terminal ({@link #stderrIsTerminal()}), plain lines otherwise. */
  public static Progress forStream(PrintStream err) {
    return stderrIsTerminal() ? bar(err) : plain(err, 10);
  }

  /** The redrawn status line, for a terminal. */
  public static Progress bar(PrintStream err) {
    return new Bar(err);
  }

  public static Progress plain(PrintStream err, double intervalSeconds) {
    return new Plain(err, intervalSeconds);
  }

  public static Progress quiet() {
    return new Progress() {
      @Override
      public void batch(int epoch, int epochs, int batch, int batches, double loss, double rps, String unit, double eta) {
      }

      @Override
      public void line(String text) {
      }
    };
  }

  /**
   * Whether file descriptor 2 is a terminal. {@code System.console()} answers for stdin and stdout, so it is no
   * guide once stdout is redirected; the JDK has no question for stderr alone. On Linux {@code /proc/self/fd/2}
   * links to the device; elsewhere the answer is no (plain lines; {@code --progress bar} forces the bar).
   */
  public static boolean stderrIsTerminal() {
    Path fd2 = Path.of("/proc/self/fd/2");
    try {
      return isTerminalDevice(Files.readSymbolicLink(fd2).toString());
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /** {@code /dev/pts/3}, {@code /dev/tty1}, {@code /dev/console}: terminals; files, pipes and sockets are not. */
  static boolean isTerminalDevice(String target) {
    return target.startsWith("/dev/pts/") || target.matches("/dev/tty[0-9A-Za-z]*") || target.equals("/dev/console");
  }

  static String status(int epoch, int epochs, int batch, int batches, double loss, double rps, String unit, double eta) {
    return String.format(Locale.ROOT, "epoch %d/%d  batch %d/%d  loss %.4f  %.0f %s/s  ETA %s", epoch + 1, epochs,
        batch + 1, batches, loss, rps, unit, Double.isFinite(eta) && eta >= 0 ? duration(eta) : "estimating");
  }

  static String duration(double seconds) {
    if (!Double.isFinite(seconds) || seconds < 0) return "?";
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  private static final class Bar extends Progress {
    private final PrintStream err;
    private long lastDraw;

    Bar(PrintStream err) {
      this.err = err;
    }

    @Override
    public void batch(int epoch, int epochs, int batch, int batches, double loss, double rps, String unit, double eta) {
      long now = System.nanoTime();
      if (batch + 1 < batches && now - lastDraw < 100_000_000L) return;   // at most 10 redraws a second
      lastDraw = now;
      int width = 24, done = (int) ((long) width * (batch + 1) / batches);
      String bar = "[" + "=".repeat(done) + (done < width ? ">" + " ".repeat(width - done - 1) : "") + "]";
      err.print("\r" + status(epoch, epochs, batch, batches, loss, rps, unit, eta).replaceFirst("  loss", " " + bar + " loss")
          + "\033[K");
      err.flush();
    }

    @Override
    public void line(String text) {
      err.print("\r\033[K" + text + "\n");
      err.flush();
    }
  }

  private static final class Plain extends Progress {
    private final PrintStream err;
    private final long intervalNanos;
    private long lastPrint = System.nanoTime();

    Plain(PrintStream err, double intervalSeconds) {
      this.err = err;
      this.intervalNanos = (long) (intervalSeconds * 1e9);
    }

    @Override
    public void batch(int epoch, int epochs, int batch, int batches, double loss, double rps, String unit, double eta) {
      long now = System.nanoTime();
      if (now - lastPrint < intervalNanos) return;
      lastPrint = now;
      err.println(status(epoch, epochs, batch, batches, loss, rps, unit, eta));
    }

    @Override
    public void line(String text) {
      err.println(text);
    }
  }
}
