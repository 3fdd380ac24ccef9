package org.recurrent.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.recurrent.config.ConfigFiles;
import org.recurrent.config.DataConfig;
import org.recurrent.config.DeidOptions;
import org.recurrent.config.SplitConfig;
import org.recurrent.data.CodeIndex;
import org.recurrent.data.CodeVocabulary;
import org.recurrent.data.DataFormatException;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.Split;
import org.recurrent.data.Splits;
import org.recurrent.data.StepInput;
import org.recurrent.data.TargetKind;
import org.recurrent.data.deid.BioSpans;
import org.recurrent.data.deid.Note;
import org.recurrent.data.deid.NoteFile;
import org.recurrent.data.deid.NoteGenerator;
import org.recurrent.data.deid.NoteWords;
import org.recurrent.data.deid.TokenFeatures;

/**
 * {@code data.format: deid_notes}: annotated notes ({@link NoteFile}) or generated ones ({@link NoteGenerator}) as
 * records the tagger reads. Each token is a bag of feature codes ({@link TokenFeatures}), whose vocabulary is
 * fitted on the training notes; each record also carries its note ({@link NoteWords}) for the baseline and for
 * redaction. The tag list is fitted on the training notes: {@code O}, then {@code B-}/{@code I-} of each PHI type
 * seen, in {@link NoteGenerator#TYPES}' order and then alphabetically; another part's unknown tag is an error.
 */
public final class DeidPreparation {
  private DeidPreparation() {}

  static PreparedData prepare(DataConfig data, Path baseDir, long seed) throws IOException {
    DeidOptions options = ConfigFiles.options(data.options(), DeidOptions.class, "data.options");
    List<Note> train, validation, test;
    List<Path> files = new ArrayList<>();
    if (options.generator() != null) {
      DeidOptions.Generator g = options.generator();
      if (data.validation() != null || data.test() != null) {
        throw new IllegalArgumentException("data.options.generator makes the validation and held-out test notes; remove "
            + "data.validation and data.test");
      }
      NoteGenerator generator = new NoteGenerator(g.typoRate());
      train = generator.generate(g.train(), g.seed(), false, "train-");
      validation = generator.generate(g.validation(), g.seed() + 1, false, "validation-");
      test = generator.generate(g.test(), g.seed() + 2, true, "test-");
    } else {
      Path trainFile = DataPreparation.resolve(baseDir, data.train());
      files.add(trainFile);
      List<Note> all = NoteFile.read(trainFile, true);
      if (data.validation() != null || data.test() != null) {
        train = all;
        validation = data.validation() == null ? List.of() : read(files, baseDir, data.validation());
        test = data.test() == null ? List.of() : read(files, baseDir, data.test());
      } else {
        SplitConfig s = data.split();
        if (!s.method().equals("ratio")) {
          throw new IllegalArgumentException("data.split.method " + s.method() + " is not available for deid_notes; "
              + "give data.validation / data.test files or use ratio");
        }
        Split split = Splits.byRatio(all.size(), s.train(), s.validation(), s.seed() != null ? s.seed() : seed);
        train = pick(all, split.train());
        validation = pick(all, split.validation());
        test = pick(all, split.test());
      }
    }
    List<String> classes = tagList(train);
    CodeIndex index = new CodeIndex();
    List<SequenceExample> trainRecords = records(train, classes, index, true);
    CodeVocabulary codes = CodeVocabulary.fit(trainRecords, index, options.codeMinFrequency());
    return new PreparedData(remap(trainRecords, codes, index), remap(records(validation, classes, index, true), codes,
        index), remap(records(test, classes, index, true), codes, index), false, 1, List.of("token"), classes,
        TargetKind.PER_STEP_CLASS, 1, List.of(), null, null, null, null, null, null, files, null, null, codes, 0, null);
  }

  private static List<Note> read(List<Path> files, Path baseDir, String file) throws IOException {
    Path p = DataPreparation.resolve(baseDir, file);
    files.add(p);
    return NoteFile.read(p, true);
  }

  private static List<Note> pick(List<Note> all, int[] indices) {
    List<Note> out = new ArrayList<>(indices.length);
    for (int i : indices) out.add(all.get(i));
    return out;
  }

  /** {@code O}, then B-/I- of each type in the training notes: the known types first, in their order. */
  static List<String> tagList(List<Note> train) {
    java.util.Set<String> types = new java.util.TreeSet<>((a, b) -> {
      int ia = NoteGenerator.TYPES.indexOf(a), ib = NoteGenerator.TYPES.indexOf(b);
      if (ia >= 0 || ib >= 0) return Integer.compare(ia < 0 ? Integer.MAX_VALUE : ia, ib < 0 ? Integer.MAX_VALUE : ib);
      return a.compareTo(b);
    });
    for (Note n : train) for (String tag : n.tags()) if (BioSpans.type(tag) != null) types.add(BioSpans.type(tag));
    List<String> out = new ArrayList<>(List.of(BioSpans.OUTSIDE));
    for (String t : types) {
      out.add("B-" + t);
      out.add("I-" + t);
    }
    return out;
  }

  /**
   * The records of {@code notes}: features as provisional bag ids from {@code index}, the note itself, and (when
   * {@code labelled}) each tag's index in {@code classes}.
   */
  static List<SequenceExample> records(List<Note> notes, List<String> classes, CodeIndex index, boolean labelled)
      throws DataFormatException {
    Map<String, Integer> classId = new HashMap<>();
    for (int k = 0; k < classes.size(); k++) classId.put(classes.get(k), k);
    List<SequenceExample> out = new ArrayList<>(notes.size());
    for (Note n : notes) {
      int T = n.tokens().size();
      List<Integer> ids = new ArrayList<>();
      int[] offsets = new int[T];
      for (int t = 0; t < T; t++) {
        offsets[t] = ids.size();
        for (String f : TokenFeatures.of(n.tokens().get(t))) ids.add(index.id(f));
      }
      float[] y = new float[labelled ? T : 0];
      if (labelled) {
        for (int t = 0; t < T; t++) {
          Integer k = classId.get(n.tags().get(t));
          if (k == null) {
            throw new DataFormatException(n.source() + ": note '" + n.id() + "' token " + t + " has tag "
                + n.tags().get(t) + ", which the training notes never use; expected one of " + classes);
          }
          y[t] = k;
        }
      }
      StepInput bags = new StepInput.Bags(ids.stream().mapToInt(Integer::intValue).toArray(), offsets, null);
      out.add(new SequenceExample(n.id(), T, Map.of(SequenceExample.PRIMARY, bags, NoteWords.NAME, new NoteWords(n)),
          y, n.source()));
    }
    return out;
  }

  private static List<SequenceExample> remap(List<SequenceExample> part, CodeVocabulary codes, CodeIndex index) {
    return part.stream().map(e -> codes.remap(e, index)).toList();
  }

  /**
   * A file of notes read for a trained model: its tag list and codes.json; {@code labels} {@code yes} needs tags
   * on every note, {@code no} ignores them, {@code auto} follows the first note.
   */
  static ModelData.Records readForModel(Path file, String labels, List<String> classes, Path codesFile)
      throws IOException {
    boolean labelled = labels.equals("yes") || (labels.equals("auto") && NoteFile.firstHasTags(file));
    List<Note> notes = NoteFile.read(file, labelled);
    if (!labelled) {
      notes = notes.stream().map(n -> new Note(n.id(), n.template(), n.tokens(), n.after(), List.of(), n.source()))
          .toList();
    }
    if (codesFile == null) throw new IOException(file + ": the model has no codes.json to read notes with");
    CodeVocabulary codes = CodeVocabulary.load(codesFile);
    CodeIndex index = new CodeIndex();
    List<SequenceExample> examples = remap(records(notes, classes, index, labelled), codes, index);
    return new ModelData.Records(examples, labelled, null, null, null);
  }
}
