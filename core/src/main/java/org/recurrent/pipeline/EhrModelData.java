package org.recurrent.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.recurrent.config.ConfigFiles;
import org.recurrent.config.EhrOptions;
import org.recurrent.data.CodeIndex;
import org.recurrent.data.CodeVocabulary;
import org.recurrent.data.DataFormatException;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.ehr.OnsetCohort;
import org.recurrent.data.ehr.PatientHistory;
import org.recurrent.data.ehr.VisitSequences;
import org.recurrent.models.DataSignature;
import org.recurrent.models.ModelDirectory;
import org.recurrent.models.ModelManifest;
import org.recurrent.tasks.MedicationTask;

/**
 * {@link ModelData} for the {@code ehr} format: EHR tables (a folder, or a long-format file) read for a trained
 * model with its reader options, its codes ({@code codes.json}) and, for medication, its labels. Apart from
 * {@link ModelData} because the EHR tasks make their records from patients in ways of their own (a cohort, the
 * visit to come, the medications of each visit), which the other formats' reading never needs.
 */
final class EhrModelData {
  private EhrModelData() {}

  /**
   * hf-onset: labelled, the onset cohort over all their patients (matching seed 0); unlabelled, every patient at a
   * prediction point just after their last visit (its window as in training). next-visit: labelled, as in
   * training; unlabelled, every patient's visits with the last step answering for the visit to come. Codes through
   * the model's codes.json. {@code labels} {@code auto} is unlabelled.
   */
  static ModelData.Records read(ModelDirectory.Loaded model, Path file, String labels) throws IOException {
    ModelManifest manifest = model.manifest();
    EhrOptions o = ConfigFiles.options(manifest.data().path("options"), EhrOptions.class,
        model.dir().resolve(ModelDirectory.CONFIG) + ": data.options");
    List<PatientHistory> patients = EhrPreparation.readForModel(o, file);
    Set<String> types = new LinkedHashSet<>(o.codeTypes());
    CodeIndex index = new CodeIndex();
    boolean labelled = labels.equals("yes"); // auto: predictions about what comes next, the point of predict
    List<SequenceExample> examples = new ArrayList<>();
    String name = file.getFileName().toString();
    if (manifest.task().equals(MedicationTask.NAME)) {
      return medication(model, file, o, patients, labelled, name);
    }
    if (manifest.task().equals("next-visit")) {
      List<String> names = manifest.targetNames();
      Map<String, Integer> labelId = new HashMap<>();
      for (int i = 0; i + 1 < names.size(); i++) labelId.put(names.get(i), i);
      for (var h : patients) {
        SequenceExample e = EhrPreparation.nextVisitRecord(h, o.nextVisit(), labelId, types, index,
            name + " patient " + h.id(), labelled, new long[1]);
        if (e != null) examples.add(e);
      }
    } else if (labelled) {
      var cohort = OnsetCohort.build(patients, o.cohort(), 0);
      examples.addAll(EhrPreparation.onsetRecords(cohort.members(), types, index, name));
    } else {
      for (var h : patients) {
        var last = h.visits().get(h.visits().size() - 1).start().plusDays(1);
        var window = OnsetCohort.window(h, last, o.cohort());
        if (window.visits().isEmpty()) continue;
        examples.add(VisitSequences.example(window, types, index, new float[0], name + " patient " + h.id()));
      }
    }
    if (examples.isEmpty()) throw new DataFormatException(file + ": no patient gives a record for " + manifest.task());
    CodeVocabulary codes = codes(model);
    examples = examples.stream().map(e -> codes.remap(e, index)).toList();
    return new ModelData.Records(examples, labelled, null, null, null);
  }

  /**
   * medication: the patients' visits as in training ({@link MedicationRecords}), the medication labels those of
   * the model (config.json's classes), codes through its codes.json; a codes file or label list that does not
   * match the model's embedding or output is an error.
   */
  private static ModelData.Records medication(ModelDirectory.Loaded model, Path file, EhrOptions o,
                                              List<PatientHistory> patients, boolean labelled, String name)
      throws IOException {
    List<String> labels = model.manifest().classes();
    DataSignature signature = model.model().signature();
    if (labels.size() != signature.outputSize()) {
      throw new DataFormatException(model.dir().resolve(ModelDirectory.CONFIG) + ": lists " + labels.size()
          + " medication labels but the model has " + signature.outputSize() + " outputs");
    }
    CodeVocabulary codes = codes(model);
    if (codes.size() != signature.vocabularySize()) {
      throw new DataFormatException(model.file("codes") + ": holds " + codes.size() + " codes but the model's "
          + "embedding has " + signature.vocabularySize() + " rows; the codes file belongs to another model");
    }
    Map<String, Integer> labelId = new HashMap<>();
    for (int i = 0; i < labels.size(); i++) labelId.put(labels.get(i), i);
    CodeIndex index = new CodeIndex();
    MedicationRecords.Counts counts = new MedicationRecords.Counts();
    List<SequenceExample> examples = new ArrayList<>();
    for (var h : patients) {
      for (SequenceExample e : MedicationRecords.records(h, o.medication(), labelId, index, name + " patient " + h.id(),
          labelled, counts)) {
        examples.add(MedicationRecords.remap(e, codes, index));
      }
    }
    if (examples.isEmpty()) {
      throw new DataFormatException(file + ": no patient has a visit with a diagnosis" + (labelled ? " and a "
          + "medication" : "") + ", so there is nothing for task medication to score");
    }
    return new ModelData.Records(examples, labelled, null, null, null);
  }

  /** The model's codes.json; every ehr model has one. */
  private static CodeVocabulary codes(ModelDirectory.Loaded model) throws IOException {
    Path codesFile = model.file("codes");
    if (codesFile == null) throw new IOException(model.dir() + ": this ehr model has no codes file");
    return CodeVocabulary.load(codesFile);
  }
}
