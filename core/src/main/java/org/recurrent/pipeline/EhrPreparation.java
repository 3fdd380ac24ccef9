package org.recurrent.pipeline;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.recurrent.config.ConfigFiles;
import org.recurrent.config.DataConfig;
import org.recurrent.config.EhrOptions;
import org.recurrent.config.SplitConfig;
import org.recurrent.config.TrainConfig;
import org.recurrent.data.CodeIndex;
import org.recurrent.data.CodeVocabulary;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.Split;
import org.recurrent.data.Splits;
import org.recurrent.data.TargetKind;
import org.recurrent.data.ehr.CohortMember;
import org.recurrent.data.ehr.CohortTable;
import org.recurrent.data.ehr.EhrData;
import org.recurrent.data.ehr.EhrReaderOptions;
import org.recurrent.data.ehr.EhrReaders;
import org.recurrent.data.ehr.EhrSummary;
import org.recurrent.data.ehr.IngestReport;
import org.recurrent.data.ehr.OnsetCohort;
import org.recurrent.data.ehr.PatientHistory;
import org.recurrent.data.ehr.SyntheticPatients;
import org.recurrent.data.ehr.Visit;
import org.recurrent.data.ehr.VisitSequences;
import org.recurrent.tasks.MedicationTask;
import org.recurrent.tasks.NextVisitTask;

/**
 * The {@code ehr} format: patients read (or generated), split BY PATIENT into train / validation / test, each
 * part's cohort built inside the part (so a case's matched controls share its part), every member's windowed
 * visits turned into a record ({@link VisitSequences}), and the code vocabulary fitted on the training members
 * alone.
 * <pre>{@code
 * hf-onset: y = [1] for a case, [0] for a control; classes [control, case]
 * }</pre>
 */
public final class EhrPreparation {
  static final List<String> ONSET_CLASSES = List.of("control", "case");

  private EhrPreparation() {}

  /** Each part's cohort and the summary of how the data got there. */
  public record Cohorts(Map<String, OnsetCohort.Result> parts, EhrSummary summary, Set<String> codeTypes,
                        List<Path> files) {}

  /** The patients of each part, restricted to the chosen code types, and what reading them left out. */
  private record Parts(Map<String, List<PatientHistory>> patients, IngestReport report, long dropped,
                       Set<String> codeTypes, List<Path> files, EhrOptions options) {}

  /** Reads (or generates) the patients of an {@code ehr} config and builds each part's onset cohort. */
  public static Cohorts cohorts(TrainConfig config, Path baseDir) throws IOException {
    Parts p = parts(config, baseDir);
    Map<String, OnsetCohort.Result> parts = new LinkedHashMap<>();
    Map<String, CohortTable> tables = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (var part : p.patients().entrySet()) {
      OnsetCohort.Result cohort = OnsetCohort.build(part.getValue(), p.options().cohort(), config.seed());
      parts.put(part.getKey(), cohort);
      tables.put(part.getKey(), cohort.table());
      counts.put(part.getKey(), part.getValue().size());
    }
    return new Cohorts(parts, new EhrSummary(p.report(), p.dropped(), counts, tables), p.codeTypes(), p.files());
  }

  private static Parts parts(TrainConfig config, Path baseDir) throws IOException {
    DataConfig data = config.data();
    if (!data.format().equals("ehr")) {
      throw new IllegalArgumentException("data.format is " + data.format() + "; cohorts are built from data.format ehr");
    }
    EhrOptions options = ConfigFiles.options(data.options(), EhrOptions.class, "data.options");
    if (data.validation() != null || data.test() != null) {
      throw new IllegalArgumentException("ehr data are split by patient: set data.split (ratio, id_modulo or column) "
          + "instead of data.validation / data.test");
    }
    List<Path> files = new ArrayList<>();
    Patients read = patients(data, options, baseDir, files);
    Set<String> types = new LinkedHashSet<>(options.codeTypes());
    long dropped = 0;
    List<PatientHistory> patients = new ArrayList<>(read.histories.size());
    for (PatientHistory h : read.histories) {
      PatientHistory r = h.restrictTo(types);
      dropped += h.visits().size() - r.visits().size();
      if (!r.visits().isEmpty()) patients.add(r);
    }
    Map<String, List<PatientHistory>> split = split(patients, data.split(), config.seed(), baseDir, files);
    Integer n = options.trainPatients();
    if (n != null) {
      List<PatientHistory> train = split.get("train");
      if (n > train.size()) {
        throw new IllegalArgumentException("data.options.train_patients is " + n + " but the training part has "
            + train.size() + " patients");
      }
      List<PatientHistory> sample = new ArrayList<>(train);
      java.util.Collections.shuffle(sample, new java.util.Random(config.seed()));
      split.put("train", new ArrayList<>(sample.subList(0, n)));
    }
    return new Parts(split, read.report, dropped, types, files, options);
  }

  static PreparedData prepare(TrainConfig config, Path baseDir) throws IOException {
    String task = config.parsedTask().name();
    if (task.equals("next-visit")) return nextVisit(config, baseDir);
    if (task.equals(MedicationTask.NAME)) return medication(config, baseDir);
    if (!task.equals("hf-onset")) {
      throw new IllegalArgumentException("data.format ehr builds records for the tasks hf-onset, next-visit and "
          + "medication; got task " + task);
    }
    Cohorts cohorts = cohorts(config, baseDir);
    EhrOptions options = ConfigFiles.options(config.data().options(), EhrOptions.class, "data.options");
    CodeIndex index = new CodeIndex();
    Map<String, List<SequenceExample>> records = new LinkedHashMap<>();
    for (var part : cohorts.parts().entrySet()) {
      records.put(part.getKey(), onsetRecords(part.getValue().members(), cohorts.codeTypes(), index, part.getKey()));
    }
    CohortTable train = cohorts.summary().cohorts().get("train");
    if (train.cases() == 0) throw new IllegalArgumentException("the training part's cohort has no cases: "
        + train.describe().replace(System.lineSeparator(), "; "));
    CodeVocabulary codes = CodeVocabulary.fit(records.get("train"), index, options.codeMinFrequency(),
        options.codeMinFrequencyByType());
    return new PreparedData(remap(records.get("train"), codes, index), remap(records.get("validation"), codes, index),
        remap(records.get("test"), codes, index), false, 1, List.of("codes"), ONSET_CLASSES, TargetKind.CLASS, 1,
        List.of(), null, null, null, null, null, null, cohorts.files(), null, null, codes, VisitSequences.SIDE_FEATURES,
        cohorts.summary());
  }

  /**
   * next-visit: every patient with at least two visits (the last {@code max_visits} + 1 kept) becomes a record of
   * visits 1..m-1 whose step t targets visit t+1's labels and the time until it; labels fitted on the training
   * targets alone.
   */
  private static PreparedData nextVisit(TrainConfig config, Path baseDir) throws IOException {
    Parts p = parts(config, baseDir);
    EhrOptions.NextVisit nv = p.options().nextVisit();
    Map<String, Integer> counts = new java.util.HashMap<>();
    for (PatientHistory h : p.patients().get("train")) {
      List<Visit> v = kept(h, nv);
      for (int t = 1; t < v.size(); t++) for (String c : distinct(v.get(t).codes(nv.labelType()))) counts.merge(c, 1, Integer::sum);
    }
    // a code grouped to the unknown code (grouping unmapped: unknown) is no label to predict
    List<String> labels = new ArrayList<>(counts.keySet().stream().filter(c -> counts.get(c) >= nv.labelMinFrequency()
        && !c.equals(CodeVocabulary.UNKNOWN)).toList());
    labels.sort(java.util.Comparator.comparing((String c) -> -counts.get(c)).thenComparing(c -> c));
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("next-visit: no " + nv.labelType() + " code is seen at least "
          + nv.labelMinFrequency() + " times at a training patient's next visit; lower "
          + "data.options.next_visit.label_min_frequency or check data.options.code_types");
    }
    Map<String, Integer> labelId = new java.util.HashMap<>();
    for (int i = 0; i < labels.size(); i++) labelId.put(labels.get(i), i);
    int K = labels.size() + 1;
    CodeIndex index = new CodeIndex();
    Map<String, List<SequenceExample>> records = new LinkedHashMap<>();
    Map<String, Integer> patientCounts = new LinkedHashMap<>();
    long single = 0, notPredicted = 0;
    for (var part : p.patients().entrySet()) {
      List<SequenceExample> out = new ArrayList<>();
      patientCounts.put(part.getKey(), part.getValue().size());
      for (PatientHistory h : part.getValue()) {
        long[] unpredicted = new long[1];
        SequenceExample e = nextVisitRecord(h, nv, labelId, p.codeTypes(), index, part.getKey() + " patient " + h.id(),
            true, unpredicted);
        if (e == null) single++;
        else out.add(e);
        notPredicted += unpredicted[0];
      }
      records.put(part.getKey(), out);
    }
    if (records.get("train").isEmpty()) {
      throw new IllegalArgumentException("next-visit: no training patient has two visits");
    }
    EhrOptions options = p.options();
    CodeVocabulary codes = CodeVocabulary.fit(records.get("train"), index, options.codeMinFrequency(),
        options.codeMinFrequencyByType());
    List<String> targetNames = new ArrayList<>(labels);
    targetNames.add(NextVisitTask.TIME_TARGET);
    EhrSummary summary = new EhrSummary(p.report(), p.dropped(), patientCounts, Map.of(), single, notPredicted);
    return new PreparedData(remap(records.get("train"), codes, index), remap(records.get("validation"), codes, index),
        remap(records.get("test"), codes, index), false, 1, List.of("codes"), List.of(), TargetKind.PER_STEP_REGRESSION,
        K, targetNames, null, null, null, null, null, null, p.files(), null, null, codes, VisitSequences.SIDE_FEATURES,
        summary);
  }

  /**
   * medication: every patient's visits with a diagnosis and a medication ({@link MedicationRecords}); the
   * medication labels fitted on the training patients' visits alone, and so is the code vocabulary.
   */
  private static PreparedData medication(TrainConfig config, Path baseDir) throws IOException {
    Parts p = parts(config, baseDir);
    EhrOptions options = p.options();
    for (String type : List.of(Visit.DIAGNOSIS, Visit.MEDICATION)) {
      if (!p.codeTypes().contains(type)) {
        throw new IllegalArgumentException("task medication reads diagnoses and predicts medications: "
            + "data.options.code_types must hold " + type + ", found " + p.codeTypes());
      }
    }
    EhrOptions.Medication mo = options.medication();
    List<String> labels = MedicationRecords.labels(p.patients().get("train"), mo);
    Map<String, Integer> labelId = new java.util.HashMap<>();
    for (int i = 0; i < labels.size(); i++) labelId.put(labels.get(i), i);
    CodeIndex index = new CodeIndex();
    Map<String, List<SequenceExample>> records = new LinkedHashMap<>();
    Map<String, Integer> patientCounts = new LinkedHashMap<>();
    MedicationRecords.Counts counts = new MedicationRecords.Counts();
    for (var part : p.patients().entrySet()) {
      List<SequenceExample> out = new ArrayList<>();
      patientCounts.put(part.getKey(), part.getValue().size());
      for (PatientHistory h : part.getValue()) {
        out.addAll(MedicationRecords.records(h, mo, labelId, index, part.getKey() + " patient " + h.id(), true,
            counts));
      }
      records.put(part.getKey(), out);
    }
    if (records.get("train").isEmpty()) {
      throw new IllegalArgumentException("medication: no training patient has a visit with both a diagnosis and a "
          + "medication");
    }
    CodeVocabulary codes = CodeVocabulary.fit(records.get("train"), index, options.codeMinFrequency(),
        options.codeMinFrequencyByType());
    EhrSummary summary = new EhrSummary(p.report(), p.dropped(), patientCounts, Map.of(), 0, 0,
        counts.notes(labels.size()));
    return new PreparedData(medicationRemap(records.get("train"), codes, index),
        medicationRemap(records.get("validation"), codes, index), medicationRemap(records.get("test"), codes, index),
        false, 1, List.of("codes"), labels, TargetKind.PER_STEP_MULTILABEL, labels.size(), List.of(), null, null, null,
        null, null, null, p.files(), null, null, codes, VisitSequences.SIDE_FEATURES, summary);
  }

  private static List<SequenceExample> medicationRemap(List<SequenceExample> part, CodeVocabulary codes,
                                                       CodeIndex index) {
    return part.stream().map(e -> MedicationRecords.remap(e, codes, index)).toList();
  }

  /**
   * One next-visit record: labelled, visits 1..m-1 as inputs with visit t+1's labels and log days as step t's
   * target (null with fewer than two visits; codes not among the labels are counted in {@code unpredicted[0]});
   * unlabelled, all m visits as inputs (the last step's output is about the visit to come) and no target.
   */
  static SequenceExample nextVisitRecord(PatientHistory h, EhrOptions.NextVisit nv, Map<String, Integer> labelId,
                                         Set<String> types, CodeIndex index, String source, boolean labelled,
                                         long[] unpredicted) {
    List<Visit> v = kept(h, nv);
    if (!labelled) {
      return v.isEmpty() ? null : VisitSequences.example(new PatientHistory(h.patient(), v), types, index,
          new float[0], source);
    }
    if (v.size() < 2) return null;
    int L = labelId.size(), K = L + 1, T = v.size() - 1;
    float[] y = new float[T * K];
    for (int t = 0; t < T; t++) {
      for (String c : distinct(v.get(t + 1).codes(nv.labelType()))) {
        Integer id = labelId.get(c);
        if (id != null) y[t * K + id] = 1;
        else unpredicted[0]++;
      }
      double days = java.time.Duration.between(v.get(t).start(), v.get(t + 1).start()).toMinutes() / 1440.0;
      y[t * K + L] = (float) Math.log1p(Math.max(0, days));
    }
    return VisitSequences.example(new PatientHistory(h.patient(), v.subList(0, T)), types, index, y, source);
  }

  /** An onset cohort's members as records, y = [1] for a case. */
  static List<SequenceExample> onsetRecords(List<CohortMember> members, Set<String> types, CodeIndex index,
                                            String part) {
    List<SequenceExample> out = new ArrayList<>();
    for (CohortMember m : members) {
      out.add(VisitSequences.example(m.history(), types, index, new float[] {m.isCase() ? 1 : 0},
          part + " patient " + m.id()));
    }
    return out;
  }

  /** The patients of {@code source} as a trained model's options read them, restricted to its code types. */
  static List<PatientHistory> readForModel(EhrOptions options, Path source) throws IOException {
    if (options.reader() == null) {
      throw new IllegalArgumentException("this model was trained on generated patients (data.options.generator); it "
          + "has no reader options to read " + source + " with");
    }
    if (!Files.exists(source)) throw new FileNotFoundException(source + ": not found (a folder of EHR tables or a "
        + "long-format file)");
    EhrReaderOptions reader = ConfigFiles.options(options.reader(), EhrReaderOptions.class, "data.options.reader");
    Set<String> types = new LinkedHashSet<>(options.codeTypes());
    List<PatientHistory> out = new ArrayList<>();
    for (PatientHistory h : EhrReaders.read(source, reader).patients()) {
      PatientHistory r = h.restrictTo(types);
      if (!r.visits().isEmpty()) out.add(r);
    }
    return out;
  }

  private static List<Visit> kept(PatientHistory h, EhrOptions.NextVisit nv) {
    List<Visit> v = h.visits();
    return v.size() <= nv.maxVisits() + 1 ? v : v.subList(v.size() - nv.maxVisits() - 1, v.size());
  }

  private static Set<String> distinct(List<String> codes) {
    return new LinkedHashSet<>(codes);
  }

  private record Patients(List<PatientHistory> histories, IngestReport report) {}

  private static Patients patients(DataConfig data, EhrOptions options, Path baseDir, List<Path> files)
      throws IOException {
    if (options.generator() != null) {
      var g = options.generator();
      return new Patients(SyntheticPatients.generate(g.patients(), g.seed()), null);
    }
    Path source = DataPreparation.resolve(baseDir, data.train());
    if (!Files.exists(source)) {
      throw new FileNotFoundException("data.train: not found: looked for " + source + " (a folder of EHR tables or a "
          + "long-format file, relative to the config file's folder)");
    }
    if (options.reader() == null) {
      throw new IllegalArgumentException("data.options.reader is missing: say how to read " + source
          + " (source: synthea, mimic3 or long; see docs/healthcare.md)");
    }
    EhrReaderOptions reader = ConfigFiles.options(options.reader(), EhrReaderOptions.class, "data.options.reader");
    EhrData d = EhrReaders.read(source, reader);
    // provenance hashes the tables the reader read (a folder holds others too)
    Path folder = Files.isDirectory(source) ? source : source.toAbsolutePath().getParent();
    for (String name : d.report().rowsRead().keySet()) {
      Path f = folder.resolve(name);
      if (Files.isRegularFile(f) && !files.contains(f)) files.add(f);
    }
    if (!Files.isDirectory(source) && !files.contains(source)) files.add(0, source);
    return new Patients(d.patients(), d.report());
  }

  /** Patients into parts by the split's rule; every part is present, perhaps empty. */
  private static Map<String, List<PatientHistory>> split(List<PatientHistory> patients, SplitConfig s, long seed,
                                                         Path baseDir, List<Path> files) throws IOException {
    Map<String, List<PatientHistory>> parts = new LinkedHashMap<>();
    for (String p : List.of("train", "validation", "test")) parts.put(p, new ArrayList<>());
    switch (s.method()) {
      case "id_modulo" -> {
        for (PatientHistory h : patients) {
          long id;
          try {
            id = Long.parseLong(h.id().trim());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("data.split.method id_modulo needs integer patient ids; patient '"
                + h.id() + "' is not one");
          }
          parts.get(s.partOfId(id)).add(h);
        }
      }
      case "ratio" -> {
        Split split = Splits.byRatio(patients.size(), s.train(), s.validation(), s.seed() != null ? s.seed() : seed);
        for (int i : split.train()) parts.get("train").add(patients.get(i));
        for (int i : split.validation()) parts.get("validation").add(patients.get(i));
        for (int i : split.test()) parts.get("test").add(patients.get(i));
      }
      case "column" -> {
        Path file = DataPreparation.resolve(baseDir, s.file());
        files.add(file);
        Map<String, String> of = Splits.fromCsv(file, s.idColumn(), s.column());
        for (PatientHistory h : patients) {
          String p = of.get(h.id());
          if (p == null) throw new IllegalArgumentException(file + ": no split given for patient '" + h.id() + "'");
          parts.get(p.equals("val") ? "validation" : p).add(h);
        }
      }
      default -> throw new IllegalArgumentException("data.split.method " + s.method() + " does not split patients; "
          + "use ratio, id_modulo or column");
    }
    return parts;
  }

  private static List<SequenceExample> remap(List<SequenceExample> part, CodeVocabulary codes, CodeIndex index) {
    return part.stream().map(e -> codes.remap(e, index)).toList();
  }
}
