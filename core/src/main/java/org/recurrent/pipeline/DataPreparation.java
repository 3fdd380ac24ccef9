package org.recurrent.pipeline;

import org.recurrent.config.ConfigFiles;
import org.recurrent.config.DataConfig;
import org.recurrent.config.ForecastOptions;
import org.recurrent.config.SplitConfig;
import org.recurrent.config.SyntheticOptions;
import org.recurrent.config.TextOptions;
import org.recurrent.config.TrainConfig;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.recurrent.data.JsonlOptions;
import org.recurrent.data.CodeIndex;
import org.recurrent.data.CodeVocabulary;
import org.recurrent.data.JsonlReader;
import org.recurrent.data.StepInput;
import org.recurrent.data.LongCsvOptions;
import org.recurrent.data.LongCsvReader;
import org.recurrent.data.SequenceDataset;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.Split;
import org.recurrent.data.Splits;
import org.recurrent.data.TargetKind;
import org.recurrent.data.WideCsvOptions;
import org.recurrent.data.WideCsvReader;
import org.recurrent.data.synthetic.LongMemoryTask;
import org.recurrent.data.text.ClassLabels;
import org.recurrent.data.text.LabelledText;
import org.recurrent.data.text.TextClassificationReader;
import org.recurrent.data.text.TextCorpus;
import org.recurrent.data.text.Vocabulary;
import org.recurrent.data.timeseries.ChronologicalSplit;
import org.recurrent.data.timeseries.ForecastDataset;
import org.recurrent.data.timeseries.ForecastWindow;
import org.recurrent.data.timeseries.Scaler;
import org.recurrent.data.timeseries.TimeSeries;
import org.recurrent.data.timeseries.TimeSeriesCsvReader;
import org.recurrent.data.timeseries.Windowing;

/**
 * Reads the files a training config names and turns them into {@link PreparedData}: the format's reader, the
 * split into train / validation / test, and preprocessing fitted on the training part only (class list,
 * vocabulary, scalers), so nothing about validation or test data leaks into training.
 */
public final class DataPreparation {
  private DataPreparation() {}

  public static PreparedData prepare(TrainConfig config, Path baseDir) throws IOException {
    DataConfig data = config.data();
    if (!data.format().equals("ehr") && !data.format().equals("synthetic") && data.train() != null) {
      for (String file : data.trainFiles()) requireFile("data.train", file, baseDir);
    }
    requireFile("data.validation", data.validation(), baseDir);
    requireFile("data.test", data.test(), baseDir);
    if (data.split() != null) requireFile("data.split.file", data.split().file(), baseDir);
    PreparedData prepared = switch (data.format()) {
      case "wide_csv", "long_csv", "jsonl" -> sequences(data, baseDir, config.seed());
      case "text" -> text(data, baseDir, config.seed());
      case "text_corpus" -> corpus(data, baseDir);
      case "timeseries_csv" -> forecast(data, baseDir);
      case "ehr" -> EhrPreparation.prepare(config, baseDir);
      case "synthetic" -> synthetic(data, config.seed());
      case "deid_notes" -> DeidPreparation.prepare(data, baseDir, config.seed());
      case "parallel_text" -> ParallelPreparation.prepare(data, baseDir, config.seed());
      default -> throw new IllegalStateException(data.format());
    };
    if (prepared.corpusTrain() == null && prepared.train().isEmpty()) {
      throw new IllegalArgumentException("the training part is empty; check data.split");
    }
    return prepared;
  }

  /**
   * Fails, naming the config field and where the file was looked for, when a file the config names is missing:
   * {@code data.train: looked for /abs/x.csv, relative to examples/ (the config file's folder)}.
   */
  static void requireFile(String field, String file, Path baseDir) throws FileNotFoundException {
    if (file == null || Files.isRegularFile(resolve(baseDir, file))) return;
    Path p = resolve(baseDir, file);
    if (Files.isDirectory(p)) throw new FileNotFoundException(field + ": " + p + " is a folder, not a data file");
    if (Path.of(file).isAbsolute()) throw new FileNotFoundException(field + ": file not found: " + p);
    throw new FileNotFoundException(field + ": file not found: looked for " + p + ", relative to " + shown(baseDir)
        + " (the config file's folder)");
  }

  /** A folder as the user would name it: relative to the working directory when inside it, with a trailing '/'. */
  private static String shown(Path dir) {
    Path cwd = Path.of("").toAbsolutePath();
    Path abs = dir.toAbsolutePath().normalize();
    if (abs.equals(cwd)) return "./";
    return (abs.startsWith(cwd) ? cwd.relativize(abs) : abs) + "/";
  }

  public static Path resolve(Path baseDir, String file) {
    Path p = Path.of(file);
    return p.isAbsolute() ? p : baseDir.resolve(p).normalize();
  }

  // ---- numeric sequences: wide CSV, long CSV, JSON Lines -------------------------------------------------

  private static PreparedData sequences(DataConfig data, Path baseDir, long seed) throws IOException {
    Path trainFile = resolve(baseDir, data.train());
    List<Path> files = new ArrayList<>(List.of(trainFile));
    CodeIndex index = new CodeIndex();
    SequenceDataset all = readSequences(data, trainFile, null, index);
    SequenceDataset train, validation, test;
    if (data.validation() != null || data.test() != null) {
      train = all;
      List<String> classes = all.classes().isEmpty() ? null : all.classes();
      validation = data.validation() == null ? empty(all)
          : readSequences(data, add(files, baseDir, data.validation()), classes, index);
      test = data.test() == null ? empty(all) : readSequences(data, add(files, baseDir, data.test()), classes, index);
    } else {
      SplitConfig s = data.split();
      Split split = switch (s.method()) {
        case "ratio" -> Splits.byRatio(all.size(), s.train(), s.validation(), s.seed() != null ? s.seed() : seed);
        case "chronological" -> Splits.chronological(all.size(), s.train(), s.validation());
        case "column" -> Splits.byId(all, Splits.fromCsv(add(files, baseDir, s.file()), s.idColumn(), s.column()));
        default -> throw new IllegalStateException(s.method());
      };
      Split.Datasets parts = split.apply(all);
      train = parts.train();
      validation = parts.validation();
      test = parts.test();
    }
    SequenceExample first = all.examples().get(0);
    int side = first.input(SequenceExample.SIDE) instanceof StepInput.Dense d ? d.features() : 0;
    if (first.primary() instanceof StepInput.Bags) {
      if (!data.featureScaling().equals("none")) {
        throw new IllegalArgumentException("data.feature_scaling applies to dense inputs; these records hold bags of codes");
      }
      // the code vocabulary is fitted on the training part alone; the other parts' unseen codes become <unk>
      JsonlOptions o = ConfigFiles.options(data.options(), JsonlOptions.class, "data.options");
      CodeVocabulary codes = CodeVocabulary.fit(train.examples(), index, o.codeMinFrequency());
      return new PreparedData(remap(train, codes, index), remap(validation, codes, index), remap(test, codes, index),
          false, 1, all.featureNames(), all.classes(), all.targetKind(), all.targetWidth(), List.of(), null, null, null,
          null, null, null, files, null, null, codes, side, null);
    }
    FeatureScaling scaling = FeatureScaling.fit(data.featureScaling(), train.examples(), train.features());
    return new PreparedData(scaling.apply(train.examples()), scaling.apply(validation.examples()),
        scaling.apply(test.examples()), false, all.features(), all.featureNames(), all.classes(), all.targetKind(),
        all.targetWidth(), List.of(), null, scaling.scaler(), null, null, null, null, files, null, null, null, side, null);
  }

  private static List<SequenceExample> remap(SequenceDataset part, CodeVocabulary codes, CodeIndex index) {
    return part.examples().stream().map(e -> codes.remap(e, index)).toList();
  }

  private static Path add(List<Path> files, Path baseDir, String file) {
    Path p = resolve(baseDir, file);
    files.add(p);
    return p;
  }

  private static SequenceDataset empty(SequenceDataset like) {
    return like.subset(new int[0]);
  }

  /** Reads one file of the config's format; {@code classes} fixes the class list (null: fit from this file); bag codes get provisional ids from {@code codes}. */
  static SequenceDataset readSequences(DataConfig data, Path file, List<String> classes, CodeIndex codes)
      throws IOException {
    String where = "data.options";
    return switch (data.format()) {
      case "wide_csv" -> {
        WideCsvOptions o = ConfigFiles.options(data.options(), WideCsvOptions.class, where);
        yield WideCsvReader.read(file, classes == null || o.positiveLabels() != null ? o : o.withClasses(classes));
      }
      case "long_csv" -> {
        LongCsvOptions o = ConfigFiles.options(data.options(), LongCsvOptions.class, where);
        yield LongCsvReader.read(file, classes == null || o.positiveLabels() != null ? o : o.withClasses(classes));
      }
      case "jsonl" -> {
        JsonlOptions o = ConfigFiles.options(data.options(), JsonlOptions.class, where);
        yield JsonlReader.read(file, classes == null ? o : o.withClasses(classes), codes);
      }
      default -> throw new IllegalStateException(data.format());
    };
  }

  // ---- generated long-memory tasks -----------------------------------------------------------------------

  /** The generated records, cut by {@code data.split} (ratio or chronological) as a file's would be. */
  private static PreparedData synthetic(DataConfig data, long seed) {
    SyntheticOptions options = ConfigFiles.options(data.options(), SyntheticOptions.class, "data.options");
    LongMemoryTask task = options.generator();
    SequenceDataset all = task.generate(options.samples(), options.seed());
    SplitConfig s = data.split();
    Split split = switch (s.method()) {
      case "ratio" -> Splits.byRatio(all.size(), s.train(), s.validation(), s.seed() != null ? s.seed() : seed);
      case "chronological" -> Splits.chronological(all.size(), s.train(), s.validation());
      default -> throw new IllegalArgumentException("data.split.method " + s.method() + " needs record ids from a "
          + "file; generated records are split by ratio or chronological");
    };
    Split.Datasets parts = split.apply(all);
    FeatureScaling scaling = FeatureScaling.fit(data.featureScaling(), parts.train().examples(), all.features());
    return new PreparedData(scaling.apply(parts.train().examples()), scaling.apply(parts.validation().examples()),
        scaling.apply(parts.test().examples()), false, all.features(), all.featureNames(), all.classes(),
        all.targetKind(), all.targetWidth(), List.of(), null, scaling.scaler(), null, null, null, null, List.of(), null,
        null, null, 0, null);
  }

  // ---- text classification --------------------------------------------------------------------------------

  private static PreparedData text(DataConfig data, Path baseDir, long seed) throws IOException {
    TextOptions options = ConfigFiles.options(data.options(), TextOptions.class, "data.options");
    TextClassificationReader reader = new TextClassificationReader(options.classification());
    // several training files are one pooled training set, in the order given; each record keeps its file and line
    List<Path> files = new ArrayList<>();
    List<LabelledText> all = new ArrayList<>();
    for (String file : data.trainFiles()) all.addAll(reader.read(add(files, baseDir, file)));
    List<LabelledText> train, validation, test;
    if (data.validation() != null || data.test() != null) {
      train = all;
      validation = data.validation() == null ? List.of() : reader.read(add(files, baseDir, data.validation()));
      test = data.test() == null ? List.of() : reader.read(add(files, baseDir, data.test()));
    } else {
      SplitConfig s = data.split();
      if (s.method().equals("column")) {
        throw new IllegalArgumentException("data.split.method column is not available for text; give "
            + "data.validation / data.test files or use ratio");
      }
      if (s.method().equals("id_modulo")) {
        // a sentence's id is its 0-based line number in its own file (the sentiment-labelled-sentences split,
        // kept per source when several files are pooled)
        train = new ArrayList<>();
        validation = new ArrayList<>();
        test = new ArrayList<>();
        for (LabelledText t : all) {
          switch (s.partOfId(t.line() - 1)) {
            case "test" -> test.add(t);
            case "validation" -> validation.add(t);
            default -> train.add(t);
          }
        }
      } else {
        Split split = s.method().equals("ratio")
            ? Splits.byRatio(all.size(), s.train(), s.validation(), s.seed() != null ? s.seed() : seed)
            : Splits.chronological(all.size(), s.train(), s.validation());
        train = pick(all, split.train());
        validation = pick(all, split.validation());
        test = pick(all, split.test());
      }
    }
    Vocabulary vocabulary = Vocabulary.fit(options.tokenizer(false), train.stream().map(LabelledText::text).toList(),
        options.vocabulary(false));
    ClassLabels classes = ClassLabels.fromTexts(train);
    return new PreparedData(reader.toExamples(train, vocabulary, classes), reader.toExamples(validation, vocabulary, classes),
        reader.toExamples(test, vocabulary, classes), true, 1, List.of("token"), classes.names(), TargetKind.CLASS, 1,
        List.of(), vocabulary, null, null, null, null, null, files, null, null, null, 0, null);
  }

  private static <T> List<T> pick(List<T> all, int[] indices) {
    List<T> out = new ArrayList<>(indices.length);
    for (int i : indices) out.add(all.get(i));
    return out;
  }

  // ---- language model over one text -----------------------------------------------------------------------

  private static PreparedData corpus(DataConfig data, Path baseDir) throws IOException {
    TextOptions options = ConfigFiles.options(data.options(), TextOptions.class, "data.options");
    Path file = resolve(baseDir, data.train());
    String text = TextCorpus.readText(file);
    List<Path> files = new ArrayList<>(List.of(file));
    String trainText, validationText, testText;
    if (data.validation() != null || data.test() != null) {
      trainText = text;
      validationText = data.validation() == null ? "" : TextCorpus.readText(add(files, baseDir, data.validation()));
      testText = data.test() == null ? "" : TextCorpus.readText(add(files, baseDir, data.test()));
    } else {
      // contiguous parts in text order: [0, train) [train, train + validation) [.., end)
      int trainEnd = (int) Math.floor(text.length() * data.split().train());
      int validationEnd = (int) Math.floor(text.length() * (data.split().train() + data.split().validation()));
      trainText = text.substring(0, trainEnd);
      validationText = text.substring(trainEnd, Math.min(text.length(), validationEnd));
      testText = text.substring(Math.min(text.length(), validationEnd));
    }
    Vocabulary vocabulary = Vocabulary.fit(options.tokenizer(true), List.of(trainText), options.vocabulary(true));
    int[] trainIds = vocabulary.encode(trainText);
    int[] validationIds = vocabulary.encode(validationText);
    int[] testIds = vocabulary.encode(testText);
    if (trainIds.length < 2) throw new IllegalArgumentException(file + ": the training text has fewer than 2 tokens");
    return new PreparedData(List.of(), List.of(), List.of(), true, 1, List.of("token"), List.of(), TargetKind.NONE, 0,
        List.of(), vocabulary, null, null, trainIds, validationIds, testIds, files, null, null, null, 0, null);
  }

  // ---- forecasting ----------------------------------------------------------------------------------------

  private static PreparedData forecast(DataConfig data, Path baseDir) throws IOException {
    ForecastOptions options = ConfigFiles.options(data.options(), ForecastOptions.class, "data.options");
    Path file = resolve(baseDir, data.train());
    if (data.validation() != null || data.test() != null) {
      throw new IllegalArgumentException("timeseries_csv splits one series by time: set data.split.train / "
          + "data.split.validation fractions instead of data.validation / data.test files");
    }
    TimeSeries series = options.read(file);
    Windowing windowing = options.windowing(series.columns());
    ForecastDataset f = new ChronologicalSplit(data.split().train(), data.split().validation())
        .apply(series, options.scalerKind(), windowing);
    List<String> targetNames = new ArrayList<>();
    for (int j : windowing.outputSteps()) for (String t : windowing.targetColumns()) targetNames.add(t + "@t+" + j);
    int[] inputs = windowing.inputIndices(series);
    List<String> featureNames = new ArrayList<>();
    for (int c : inputs) featureNames.add(series.columns().get(c));
    return new PreparedData(examples(f.train()), examples(f.validation()), examples(f.test()), false, inputs.length,
        featureNames, List.of(), TargetKind.REGRESSION, windowing.outputSize(), targetNames, null, null, f, null, null, null,
        List.of(file), series.columns(), windowing.targetIndices(series), null, 0, null);
  }

  static List<SequenceExample> examples(List<ForecastWindow> windows) {
    return windows.stream().map(ForecastWindow::example).toList();
  }
}
