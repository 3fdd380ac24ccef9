package org.recurrent.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.train.Trainer;
import org.recurrent.train.TrainingEvent;

/**
 * The Java program of docs/user-guide.md ("Using the library from Java"), compiled and run: it is
 * {@link EegExample}, whose source (without its package line) the page shows verbatim.
 */
class UserGuideExamplesTest {

  private static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("docs")) ? here : here.getParent();
  }

  /** A file in the EEG data's layout (Unnamed,X1..X24,y; y = 1 a seizure): seizures have a larger amplitude. */
  private static Path eegLikeCsv(Path dir) throws IOException {
    Random r = new Random(5);
    StringBuilder sb = new StringBuilder("Unnamed");
    for (int t = 1; t <= 24; t++) sb.append(",X").append(t);
    sb.append(",y\n");
    for (int i = 0; i < 600; i++) {
      int y = 1 + r.nextInt(5);
      double amplitude = y == 1 ? 3 : 0.5;
      sb.append("row").append(i);
      for (int t = 0; t < 24; t++) {
        sb.append(',').append(String.format(Locale.ROOT, "%.3f", amplitude * Math.sin(t + r.nextDouble() * 6)
            + 0.2 * r.nextGaussian()));
      }
      sb.append(',').append(y).append('\n');
    }
    return Files.writeString(dir.resolve("eeg.csv"), sb.toString());
  }

  @Test
  void theProgramTrainsAndPrintsItsValidationRocAuc(@TempDir Path dir) throws IOException {
    Path csv = eegLikeCsv(dir);
    Trainer.Result result = EegExample.train(csv, 3, 42);
    assertEquals(3, result.epochsRun());
    TrainingEvent.EpochDone last = result.epochs().get(result.epochs().size() - 1);
    assertTrue(last.val().get("roc_auc") > 0.9, "validation ROC-AUC " + last.val().get("roc_auc"));

    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      EegExample.main(new String[] {csv.toString()});
    } finally {
      System.setOut(out);
    }
    assertEquals("validation ROC-AUC " + last.val().get("roc_auc") + " after 3 epochs",
        printed.toString(StandardCharsets.UTF_8).trim(), "main trains the same run (one seed) and says so");
  }

  /** The page's program is this directory's EegExample.java without its package line, character for character. */
  @Test
  void docShowsTheCodeThatRunsHere() throws IOException {
    String page = Files.readString(root().resolve("docs/user-guide.md"));
    int section = page.indexOf("\n## Using the library from Java\n");
    assertTrue(section >= 0, "docs/user-guide.md has no section 'Using the library from Java'");
    Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(page);
    assertTrue(block.find(section), "the section shows no java block");
    String source = Files.readString(root().resolve("core/src/test/java/org/recurrent/docs/EegExample.java"));
    String withoutPackage = source.replaceFirst("\\Apackage org\\.recurrent\\.docs;\n\n", "");
    assertEquals(withoutPackage, block.group(1), "docs/user-guide.md's Java program differs from EegExample.java");
  }
}
