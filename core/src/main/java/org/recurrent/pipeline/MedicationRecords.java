package org.recurrent.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.recurrent.config.EhrOptions;
import org.recurrent.data.CodeIndex;
import org.recurrent.data.CodeVocabulary;
import org.recurrent.data.SequenceExample;
import org.recurrent.data.StepInput;
import org.recurrent.data.ehr.PatientHistory;
import org.recurrent.data.ehr.Visit;
import org.recurrent.data.ehr.VisitSequences;
import org.recurrent.tasks.MedicationTask;

/**
 * The records of task {@code medication}: a patient's visits that have a diagnosis and a medication (the last
 * {@code max_visits}), step t reading visit t's diagnoses and answering with the set of medications prescribed at
 * it (multi-hot over the medication labels):
 * <pre>{@code
 * history none                        one record per visit:   bag_t = dx(v_t)
 * history diagnoses                   one record per patient: bag_t = dx(v_t)                  (earlier dx through h)
 * history diagnoses_and_medications   one record per patient: bag_t = dx(v_t) + med(v_{t-1})   (med as medication:CODE)
 * y[t * M + m] = [medication m prescribed at v_t]
 * }</pre>
 * Visit t's own medications never reach step t's input. Every record also holds the input
 * {@value MedicationTask#DIAGNOSES}, the diagnosis ids of each step alone, which the per-diagnosis baseline reads
 * (the model reads only the primary bag and the side features of {@link VisitSequences}).
 *
 * <p>Unlabelled (predict), the visits with a diagnosis and a medication plus, when the patient's last visit has
 * diagnoses but no medication yet, that visit: the step a recommendation is asked for.
 */
public final class MedicationRecords {
  private static final Set<String> BAG_TYPES = new LinkedHashSet<>(List.of(Visit.DIAGNOSIS, Visit.MEDICATION));

  private MedicationRecords() {}

  /** What building records left out, for the run's summary. */
  public static final class Counts {
    long patientsWithoutVisits;
    long medicationsNotPredicted;
    long visitsWithoutLabel;

    List<String> notes(int labels) {
      return List.of(patientsWithoutVisits + " patients have no visit with both a diagnosis and a medication",
          medicationsNotPredicted + " prescriptions of medications outside the " + labels + " labels (below "
              + "label_min_frequency among the training visits, or unseen there) are not predicted; "
              + visitsWithoutLabel + " visits have none of the labels (left out of the set metrics)");
    }
  }

  /** The medication labels: codes prescribed at no fewer than {@code label_min_frequency} training visits, most frequent first. */
  public static List<String> labels(List<PatientHistory> train, EhrOptions.Medication options) {
    Map<String, Integer> counts = new HashMap<>();
    for (PatientHistory h : train) {
      for (Visit v : steps(h, options, true)) {
        for (String c : distinct(v.codes(Visit.MEDICATION))) counts.merge(c, 1, Integer::sum);
      }
    }
    List<String> labels = new ArrayList<>(counts.keySet().stream()
        .filter(c -> counts.get(c) >= options.labelMinFrequency() && !c.equals(CodeVocabulary.UNKNOWN)).toList());
    labels.sort(Comparator.comparing((String c) -> -counts.get(c)).thenComparing(c -> c));
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("medication: no medication is prescribed at " + options.labelMinFrequency()
          + " or more of the training patients' visits that have a diagnosis; lower "
          + "data.options.medication.label_min_frequency, or check that data.options.reader.types and code_types "
          + "hold both diagnosis and medication");
    }
    return labels;
  }

  /** The visits a patient's record steps through, oldest first, the last {@code max_visits}. */
  static List<Visit> steps(PatientHistory h, EhrOptions.Medication options, boolean labelled) {
    List<Visit> out = new ArrayList<>();
    List<Visit> all = h.visits();
    for (int i = 0; i < all.size(); i++) {
      Visit v = all.get(i);
      boolean dx = !v.codes(Visit.DIAGNOSIS).isEmpty(), med = !v.codes(Visit.MEDICATION).isEmpty();
      if (dx && (med || (!labelled && i == all.size() - 1))) out.add(v);
    }
    int n = options.maxVisits();
    return out.size() <= n ? out : out.subList(out.size() - n, out.size());
  }

  /**
   * A patient's records (none when no visit qualifies): one, or one per visit with history {@code none}.
   * Provisional code ids from {@code index}, to be remapped by {@link #remap}.
   */
  public static List<SequenceExample> records(PatientHistory h, EhrOptions.Medication options,
                                              Map<String, Integer> labelId, CodeIndex index, String source,
                                              boolean labelled, Counts counts) {
    List<Visit> steps = steps(h, options, labelled);
    if (steps.isEmpty()) {
      counts.patientsWithoutVisits++;
      return List.of();
    }
    if (!options.sequence()) {
      List<SequenceExample> out = new ArrayList<>();
      for (int t = 0; t < steps.size(); t++) {
        out.add(record(h, steps.subList(t, t + 1), options, labelId, index, source + " visit " + steps.get(t).id(),
            labelled, counts, h.id() + "@" + steps.get(t).id()));
      }
      return out;
    }
    return List.of(record(h, steps, options, labelId, index, source, labelled, counts, h.id()));
  }

  private static SequenceExample record(PatientHistory h, List<Visit> steps, EhrOptions.Medication options,
                                        Map<String, Integer> labelId, CodeIndex index, String source,
                                        boolean labelled, Counts counts, String id) {
    int T = steps.size(), M = labelId.size();
    List<Visit> inputs = new ArrayList<>(T);
    int[] dxOffsets = new int[T];
    List<Integer> dxIds = new ArrayList<>();
    float[] y = labelled ? new float[T * M] : new float[0];
    for (int t = 0; t < T; t++) {
      Visit v = steps.get(t);
      Map<String, List<String>> bag = new java.util.LinkedHashMap<>();
      bag.put(Visit.DIAGNOSIS, v.codes(Visit.DIAGNOSIS));
      if (options.previousMedications() && t > 0) {
        bag.put(Visit.MEDICATION, List.copyOf(distinct(steps.get(t - 1).codes(Visit.MEDICATION))));
      }
      inputs.add(new Visit(v.id(), v.start(), bag));
      dxOffsets[t] = dxIds.size();
      for (String c : v.codes(Visit.DIAGNOSIS)) dxIds.add(index.id(Visit.DIAGNOSIS + ":" + c));
      if (!labelled) continue;
      boolean any = false;
      for (String c : distinct(v.codes(Visit.MEDICATION))) {
        Integer m = labelId.get(c);
        if (m == null) counts.medicationsNotPredicted++;
        else {
          y[t * M + m] = 1;
          any = true;
        }
      }
      if (!any) counts.visitsWithoutLabel++;
    }
    SequenceExample e = VisitSequences.example(new PatientHistory(h.patient(), inputs), BAG_TYPES, index, y, source);
    StepInput.Bags dx = new StepInput.Bags(dxIds.stream().mapToInt(Integer::intValue).toArray(), dxOffsets, null);
    return new SequenceExample(id, e.length(), withDiagnoses(e, dx), e.y(), e.source());
  }

  private static Map<String, StepInput> withDiagnoses(SequenceExample e, StepInput.Bags dx) {
    Map<String, StepInput> inputs = new java.util.LinkedHashMap<>(e.inputs());
    inputs.put(MedicationTask.DIAGNOSES, dx);
    return inputs;
  }

  /** {@code e}'s primary bag and its diagnoses remapped from {@code index}'s provisional ids to {@code codes}'. */
  public static SequenceExample remap(SequenceExample e, CodeVocabulary codes, CodeIndex index) {
    SequenceExample r = codes.remap(e, index);
    StepInput.Bags dx = (StepInput.Bags) e.input(MedicationTask.DIAGNOSES);
    int[] ids = new int[dx.ids().length];
    for (int i = 0; i < ids.length; i++) ids[i] = codes.id(index.code(dx.ids()[i]));
    return r.withInput(MedicationTask.DIAGNOSES, new StepInput.Bags(ids, dx.offsets(), null));
  }

  private static Set<String> distinct(List<String> codes) {
    return new LinkedHashSet<>(codes);
  }
}
