package org.recurrent.data.ehr;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.recurrent.data.DataFormatException;

/**
 * What the readers collect while the tables stream past, stored compactly until {@link #build}: patients, visits as
 * (patient index, start second) in primitive arrays, and code occurrences as (visit, type, interned code, order)
 * int arrays. Only the patients the filter keeps get visits and codes; everything skipped is counted.
 */
final class VisitTable {
  /** {@link #patient} of an id the patients table has but the filter left out. */
  static final int EXCLUDED = -2;

  private final Predicate<String> keep;
  private final CodeGrouping grouping; // null: none

  private final IdIndex patientIds = new IdIndex();
  private final List<Patient> patients = new ArrayList<>(); // by patient index; null when excluded

  private final IdIndex visitIds = new IdIndex();
  private final Ints visitPatient = new Ints();
  private final Longs visitStart = new Longs();

  private final List<String> types = new ArrayList<>(); // type index -> name, in the order read
  private final List<Map<String, Integer>> codeIds = new ArrayList<>(); // per type: code -> id
  private final List<String> codes = new ArrayList<>(); // code id -> code (shared by every visit holding it)
  private final Ints eventVisit = new Ints();
  private final Ints eventType = new Ints();
  private final Ints eventCode = new Ints();
  private final Ints eventOrder = new Ints();
  private boolean ordered;

  private final Map<String, Long> rowsRead = new LinkedHashMap<>();
  long rowsWithUnknownPatient;
  long rowsWithUnknownVisit;
  long rowsWithoutCode;
  long rowsOfExcludedPatients;
  long rowsOfUnreadTypes;
  private final List<String> notes = new ArrayList<>();

  VisitTable(Predicate<String> keep, CodeGrouping grouping, List<String> typeOrder) {
    this.keep = keep;
    this.grouping = grouping;
    if (typeOrder != null) for (String t : typeOrder) typeIndex(t);
  }

  void rowsRead(Path file, long rows) {
    rowsRead.merge(file.getFileName().toString(), rows, Long::sum);
  }

  void note(String sentence) {
    notes.add(sentence);
  }

  /** Adds a patient of the demographics table; a repeated id is an error at {@code line}. */
  void addPatient(Path file, long line, String id, LocalDate birth, Sex sex, LocalDate death)
      throws DataFormatException {
    if (id.isEmpty()) throw DataFormatException.at(file, line, "a patient id", "an empty field");
    int index = patientIds.add(id);
    if (index == IdIndex.ABSENT) throw DataFormatException.at(file, line, "a new patient id", "\"" + id + "\" again");
    patients.add(keep.test(id) ? new Patient(id, birth, sex, death) : null);
  }

  /** The index of a kept patient, {@link #EXCLUDED}, or {@link IdIndex#ABSENT} for an id the table does not have. */
  int patient(String id) {
    int index = patientIds.get(id);
    if (index == IdIndex.ABSENT) return index;
    return patients.get(index) == null ? EXCLUDED : index;
  }

  /** As {@link #patient}, adding a patient of unknown birth date and sex when the id is new (no demographics). */
  int patientOrAdd(String id) {
    int index = patientIds.get(id);
    if (index == IdIndex.ABSENT) {
      index = patientIds.add(id);
      patients.add(keep.test(id) ? new Patient(id, null, Sex.UNKNOWN, null) : null);
    }
    return patients.get(index) == null ? EXCLUDED : index;
  }

  int patientCount() {
    return patients.size();
  }

  /** Adds a visit of kept patient {@code patient}; a repeated visit id is an error at {@code line}. */
  int addVisit(Path file, long line, String id, int patient, long startSecond) throws DataFormatException {
    if (id.isEmpty()) throw DataFormatException.at(file, line, "a visit id", "an empty field");
    int index = visitIds.add(id);
    if (index == IdIndex.ABSENT) {
      throw DataFormatException.at(file, line, "a new visit id", "\"" + id + "\" again (ids must be unique)");
    }
    visitPatient.add(patient);
    visitStart.add(startSecond);
    return index;
  }

  /** The index of a visit of a kept patient, or {@link IdIndex#ABSENT}. */
  int visit(String id) {
    return visitIds.get(id);
  }

  int visitPatient(int visit) {
    return visitPatient.get(visit);
  }

  String patientId(int patient) {
    return patientIds.id(patient);
  }

  /** Records {@code code} (non-empty) of {@code type} at {@code visit}; {@code order} sorts codes within a type. */
  void addCode(int visit, String type, String code, int order) {
    if (grouping != null) {
      code = grouping.group(type, code);
      if (code == null) return; // dropped, counted by the grouping
    }
    int t = typeIndex(type);
    Map<String, Integer> ids = codeIds.get(t);
    Integer id = ids.get(code);
    if (id == null) {
      id = codes.size();
      ids.put(code, id);
      codes.add(code);
    }
    eventVisit.add(visit);
    eventType.add(t);
    eventCode.add(id);
    eventOrder.add(order);
    if (order != 0) ordered = true;
  }

  private int typeIndex(String type) {
    int t = types.indexOf(type);
    if (t >= 0) return t;
    types.add(type);
    codeIds.add(new HashMap<>());
    return types.size() - 1;
  }

  /** The histories of the kept patients that have a visit with codes, in the order the patients were read. */
  EhrData build() {
    int visits = visitPatient.size;
    int events = eventVisit.size;
    int[] eventStart = countingOrder(eventVisit, visits); // events of visit v: byVisit[eventStart[v] .. eventStart[v + 1])
    int[] byVisit = sortedBy(eventVisit, eventStart);
    int[] visitStartIndex = countingOrder(visitPatient, patients.size());
    int[] byPatient = sortedBy(visitPatient, visitStartIndex);

    long[] codesRead = new long[types.size()];
    long visitsWithoutCodes = 0;
    long patientsWithoutVisits = 0;
    List<PatientHistory> histories = new ArrayList<>();
    for (int p = 0; p < patients.size(); p++) {
      Patient patient = patients.get(p);
      if (patient == null) continue;
      List<Visit> kept = new ArrayList<>();
      for (int k = visitStartIndex[p]; k < visitStartIndex[p + 1]; k++) {
        int v = byPatient[k];
        int from = eventStart[v];
        int to = eventStart[v + 1];
        if (from == to) {
          visitsWithoutCodes++;
          continue;
        }
        kept.add(new Visit(visitIds.id(v), Timestamps.toDateTime(visitStart.get(v)), codesOf(byVisit, from, to, codesRead)));
      }
      if (kept.isEmpty()) {
        patientsWithoutVisits++;
      } else {
        histories.add(new PatientHistory(patient, kept));
      }
    }
    Map<String, Long> codeCounts = new LinkedHashMap<>();
    for (int t = 0; t < types.size(); t++) codeCounts.put(types.get(t), codesRead[t]);
    if (grouping != null) notes.addAll(grouping.notes());
    assert events == Arrays.stream(codesRead).sum();
    IngestReport report = new IngestReport(rowsRead, rowsWithUnknownPatient, rowsWithUnknownVisit, visitsWithoutCodes,
        patientsWithoutVisits, codeCounts, rowsWithoutCode, rowsOfExcludedPatients, rowsOfUnreadTypes, notes);
    return new EhrData(histories, report);
  }

  /** The codes of one visit by type, in type order, each type's codes by order then as read. */
  private Map<String, List<String>> codesOf(int[] byVisit, int from, int to, long[] codesRead) {
    int[] events = Arrays.copyOfRange(byVisit, from, to); // ascending: the order they were read
    if (ordered && events.length > 1) { // only MIMIC's tables have an order column, so types < 2^7
      long[] keys = new long[events.length];
      for (int i = 0; i < events.length; i++) {
        int e = events[i];
        keys[i] = ((long) eventType.get(e) << 56) | ((long) eventOrder.get(e) << 24) | i; // order < 2^31, i < 2^24
      }
      Arrays.sort(keys);
      int[] sorted = new int[events.length];
      for (int i = 0; i < keys.length; i++) sorted[i] = events[(int) (keys[i] & 0xFFFFFF)];
      events = sorted;
    }
    @SuppressWarnings("unchecked")
    List<String>[] byType = new List[types.size()];
    for (int e : events) {
      int t = eventType.get(e);
      if (byType[t] == null) byType[t] = new ArrayList<>();
      byType[t].add(codes.get(eventCode.get(e)));
      codesRead[t]++;
    }
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int t = 0; t < byType.length; t++) if (byType[t] != null) map.put(types.get(t), byType[t]);
    return map;
  }

  /** Start offsets of each key's run after a stable counting sort by {@code keys} (values in 0..n-1); length n + 1. */
  private static int[] countingOrder(Ints keys, int n) {
    int[] start = new int[n + 1];
    for (int i = 0; i < keys.size; i++) start[keys.data[i] + 1]++;
    for (int k = 0; k < n; k++) start[k + 1] += start[k];
    return start;
  }

  private static int[] sortedBy(Ints keys, int[] start) {
    int[] next = Arrays.copyOf(start, start.length);
    int[] order = new int[keys.size];
    for (int i = 0; i < keys.size; i++) order[next[keys.data[i]]++] = i;
    return order;
  }

  /** A growable int array. */
  static final class Ints {
    int[] data = new int[1024];
    int size;

    void add(int v) {
      if (size == data.length) data = Arrays.copyOf(data, data.length * 2);
      data[size++] = v;
    }

    int get(int i) {
      return data[i];
    }
  }

  /** A growable long array. */
  static final class Longs {
    long[] data = new long[1024];
    int size;

    void add(long v) {
      if (size == data.length) data = Arrays.copyOf(data, data.length * 2);
      data[size++] = v;
    }

    long get(int i) {
      return data[i];
    }
  }
}
