package org.recurrent.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.recurrent.config.ConfigFiles;
import org.recurrent.config.DataConfig;
import org.recurrent.config.ParallelTextOptions;
import org.recurrent.config.SplitConfig;
import org.recurrent.data.Split;
import org.recurrent.data.Splits;
import org.recurrent.data.TargetKind;
import org.recurrent.data.text.ParallelText;
import org.recurrent.data.text.Vocabulary;
import org.recurrent.data.text.VocabularyOptions;

/**
 * {@code data.format: parallel_text}: source<TAB>target pairs from files (or {@code data.options.generator}),
 * split into parts, the source vocabulary and the target classes fitted on the training pairs only. Unknown
 * tokens of the validation and test parts become {@code <unk>}; their count goes to stderr, since a model that
 * meets many of them is being scored on words it cannot know.
 */
final class ParallelPreparation {
  private ParallelPreparation() {}

  static PreparedData prepare(DataConfig data, Path baseDir, long seed) throws IOException {
    ParallelTextOptions options = ConfigFiles.options(data.options(), ParallelTextOptions.class, "data.options");
    List<Path> files = new ArrayList<>();
    List<ParallelText.Pair> all;
    if (options.generator() != null) {
      ParallelTextOptions.Generator g = options.generator();
      all = g.numberWords().generate(g.samples(), g.seed());
    } else {
      Path train = DataPreparation.resolve(baseDir, data.train());
      files.add(train);
      all = ParallelText.read(train);
      if (all.isEmpty()) throw new IllegalArgumentException(train + ": no source<TAB>target pairs");
    }
    List<ParallelText.Pair> train, validation, test;
    if (data.validation() != null || data.test() != null) {
      train = all;
      validation = data.validation() == null ? List.of() : read(files, baseDir, data.validation());
      test = data.test() == null ? List.of() : read(files, baseDir, data.test());
    } else {
      SplitConfig s = data.split();
      Split split = switch (s.method()) {
        case "ratio" -> Splits.byRatio(all.size(), s.train(), s.validation(), s.seed() != null ? s.seed() : seed);
        case "chronological" -> Splits.chronological(all.size(), s.train(), s.validation());
        default -> throw new IllegalArgumentException("data.split.method " + s.method() + " needs record ids; "
            + "parallel_text pairs are split by ratio or chronological, or given as data.validation / data.test files");
      };
      train = pick(all, split.train());
      validation = pick(all, split.validation());
      test = pick(all, split.test());
    }
    VocabularyOptions vocabularyOptions = VocabularyOptions.defaults().withMinFrequency(options.minFrequency());
    Vocabulary source = Vocabulary.fit(options.sourceTokenizer(), train.stream().map(ParallelText.Pair::source).toList(),
        vocabularyOptions);
    List<String> targets = ParallelText.fitTargetTokens(options.targetTokenizer(),
        train.stream().map(ParallelText.Pair::target).toList(), options.minFrequency());
    ParallelText.Encoded tr = ParallelText.encode(train, source, options.targetTokenizer(), targets);
    ParallelText.Encoded va = ParallelText.encode(validation, source, options.targetTokenizer(), targets);
    ParallelText.Encoded te = ParallelText.encode(test, source, options.targetTokenizer(), targets);
    for (var part : List.of(new Object[] {"validation", va}, new Object[] {"test", te})) {
      ParallelText.Encoded e = (ParallelText.Encoded) part[1];
      if (e.unknownSource() + e.unknownTarget() > 0) {
        System.err.printf(Locale.ROOT, "parallel_text: %s part has %d source and %d target tokens the training part "
            + "lacks; they became <unk>%n", part[0], e.unknownSource(), e.unknownTarget());
      }
    }
    return new PreparedData(tr.records(), va.records(), te.records(), true, 1, List.of("token"), targets,
        TargetKind.PER_STEP_CLASS, 1, List.of(), source, null, null, null, null, null, files, null, null, null, 0, null);
  }

  private static List<ParallelText.Pair> read(List<Path> files, Path baseDir, String file) throws IOException {
    Path p = DataPreparation.resolve(baseDir, file);
    files.add(p);
    return ParallelText.read(p);
  }

  private static <T> List<T> pick(List<T> all, int[] indices) {
    List<T> out = new ArrayList<>(indices.length);
    for (int i : indices) out.add(all.get(i));
    return out;
  }
}
