package org.recurrent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.recurrent.config.DeidOptions;
import org.recurrent.data.deid.Note;
import org.recurrent.data.deid.NoteFile;
import org.recurrent.data.deid.NoteGenerator;
import org.recurrent.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Writes synthetic annotated notes as the {@code deid_notes} JSON Lines files (docs/deid.md), exactly the notes
 * that {@code data.options.generator} with the same numbers and seed makes inside a run, plus
 * {@code test_seen.jsonl}: new notes of the training templates, to compare with the held-out ones.
 */
@Command(name = "deid-notes", mixinStandardHelpOptions = true, description = "Write synthetic clinical-style notes "
    + "with BIO tags of PHI (names, dates, ages, places, phone numbers, ids) as JSON Lines: train.jsonl, "
    + "validation.jsonl, test.jsonl (held-out templates) and test_seen.jsonl (training templates). All synthetic.")
final class DeidNotesCommand implements Callable<Integer> {
  @Mixin StacktraceOption stacktrace;
  @Spec CommandSpec spec;

  @Option(names = {"-o", "--output"}, required = true, description = "Folder to write the files into (created).")
  Path output;

  @Option(names = "--train", defaultValue = "2000", description = "Training notes (training templates).")
  int train;

  @Option(names = "--validation", defaultValue = "300", description = "Validation notes (training templates).")
  int validation;

  @Option(names = "--test", defaultValue = "500", description = "Test notes (held-out templates only); as many "
      + "again of the training templates go to test_seen.jsonl.")
  int test;

  @Option(names = "--seed", defaultValue = "1", description = "The generator's seed (data.options.generator.seed).")
  long seed;

  @Option(names = "--typo-rate", defaultValue = "0.03", description = "Probability of a typo in a word of letters.")
  double typoRate;

  @Override
  public Integer call() throws Exception {
    DeidOptions.Generator g = new DeidOptions.Generator(train, validation, test, seed, typoRate);
    NoteGenerator generator = new NoteGenerator(g.typoRate());
    // the seeds of DeidPreparation's generator: train, validation, held-out test; then one more for test_seen
    List<List<Note>> parts = List.of(generator.generate(g.train(), g.seed(), false, "train-"),
        generator.generate(g.validation(), g.seed() + 1, false, "validation-"),
        generator.generate(g.test(), g.seed() + 2, true, "test-"),
        generator.generate(g.test(), g.seed() + 3, false, "test-seen-"));
    List<String> names = List.of("train.jsonl", "validation.jsonl", "test.jsonl", "test_seen.jsonl");
    Files.createDirectories(output);
    for (int i = 0; i < names.size(); i++) {
      Path file = output.resolve(names.get(i));
      AtomicFiles.refuseLink(file);
      NoteFile.write(file, parts.get(i));
      spec.commandLine().getErr().println("wrote " + parts.get(i).size() + " notes to " + file);
    }
    spec.commandLine().getErr().flush();
    return 0;
  }
}
