package org.recurrent.data.deid;

import java.util.List;

/**
 * The templates of {@link NoteGenerator}: for each family of note a header and sentences with PHI slots, and
 * sentences without PHI shared by all. Slots: {@code {NAME}} the patient, {@code {DR}} a clinician (titles and
 * "MD" stay outside the span), {@code {DATE}}, {@code {AGE}} (the number alone), {@code {PLACE}} (a hospital, a
 * town or a street address), {@code {PHONE}}, {@code {ID}} (a record number).
 *
 * <p>The families in {@link #HELD_OUT} are never used for training or validation notes, only for the held-out
 * test notes: their headers and sentences (the contexts PHI appears in) are new to a tagger.
 */
final class NoteTemplates {
  private NoteTemplates() {}

  /** One family of notes: headers (one is used), PHI sentences (several are drawn) and a sign-off. */
  record Family(String name, List<String> headers, List<String> sentences, List<String> endings) {}

  static final List<Family> TRAINING = List.of(
      new Family("discharge_summary",
          List.of("DISCHARGE SUMMARY\nPatient: {NAME}    MRN: {ID}\nAdmitted: {DATE}    Discharged: {DATE}\n",
              "Discharge summary for {NAME} (MRN {ID}), admitted {DATE}.\n",
              "Name: {NAME}\nDOB: {DATE}\nHospital no: {ID}\nDate of discharge: {DATE}\n"),
          List.of("{NAME} is a {AGE}-year-old woman admitted to {PLACE} with chest pain.",
              "This {AGE}-year-old man was transferred from {PLACE} on {DATE}.",
              "The patient was seen by {DR} on the ward round on {DATE}.",
              "Follow-up has been arranged with {DR} at {PLACE} in six weeks.",
              "{NAME} was discharged home on {DATE} in a stable condition.",
              "Please contact the ward on {PHONE} with any questions.",
              "Bloods on {DATE} showed a raised CRP, which settled with antibiotics.",
              "He lives with his wife in {PLACE} and is independent with activities of daily living."),
          List.of("Signed: {DR}", "Dictated by {DR}, {DATE}.", "{DR}\nConsultant Physician")),
      new Family("referral_letter",
          List.of("Dear {DR},\n", "Re: {NAME}, DOB {DATE}, NHS no. {ID}\n\nDear {DR},\n",
              "{PLACE}\n{DATE}\n\nDear Colleague,\n"),
          List.of("Thank you for seeing {NAME}, a {AGE} year old retired teacher, who I saw in clinic on {DATE}.",
              "I would be grateful if you could review this lady, aged {AGE}, with worsening breathlessness.",
              "She was previously under the care of {DR} at {PLACE}.",
              "Her daughter can be reached on {PHONE} if you need further history.",
              "{NAME} has had two falls since {DATE} and now walks with a frame.",
              "An echocardiogram at {PLACE} on {DATE} showed moderate aortic stenosis.",
              "Her hospital number is {ID}."),
          List.of("Yours sincerely,\n{DR}", "With best wishes,\n{DR}\nGeneral Practitioner, {PLACE}",
              "Kind regards,\n{DR} (tel {PHONE})")),
      new Family("nursing_note",
          List.of("Nursing note {DATE} 14:00\n", "NURSING - {NAME} - bed 12\n", "Shift report {DATE}, patient {NAME}\n"),
          List.of("Pt {NAME} settled overnight, obs stable.",
              "{AGE} yo female, mobilising with assistance of one.",
              "Wife visited and asked to be called on {PHONE} if any change.",
              "Pt states she was born in {PLACE} and has no family locally.",
              "Reviewed by {DR} at 09:30, plan to continue IV fluids.",
              "Wristband checked, ID {ID} correct.",
              "Son {NAME} will collect her tomorrow morning."),
          List.of("RN {NAME}", "Signed {NAME}, staff nurse", "Handed over to night staff.")),
      new Family("radiology_report",
          List.of("RADIOLOGY REPORT\nPatient: {NAME}  ID: {ID}\nExam date: {DATE}\n",
              "CT head, {NAME}, {ID}, performed {DATE}\n"),
          List.of("Comparison is made with the previous study from {DATE}.",
              "Clinical details: {AGE}-year-old with sudden onset headache.",
              "Findings were discussed with {DR} by telephone on {PHONE}.",
              "Images were transferred from {PLACE} for review.",
              "The report was verbally communicated to {DR} on {DATE}."),
          List.of("Reported by {DR}, Consultant Radiologist", "{DR}, MD")),
      new Family("ed_triage",
          List.of("ED TRIAGE {DATE}\n", "Emergency Department - {PLACE}\nPatient {NAME} ({ID})\n"),
          List.of("{AGE} y/o M brought in by ambulance from {PLACE} after a fall.",
              "Patient {NAME}, age {AGE}, presents with abdominal pain since {DATE}.",
              "NOK is his sister, phone {PHONE}.",
              "Seen by {DR} within 15 minutes of arrival.",
              "Previous attendance on {DATE} for a similar complaint.",
              "MRN {ID} confirmed with the patient."),
          List.of("Triage nurse: {NAME}", "Triaged by {DR}")),
      new Family("clinic_letter",
          List.of("Clinic date: {DATE}\nPatient: {NAME}\nHosp no: {ID}\n", "{PLACE} Outpatient Clinic, {DATE}\n"),
          List.of("I reviewed {NAME} in the diabetes clinic today.",
              "He is {AGE} years old and works as a bus driver in {PLACE}.",
              "His HbA1c on {DATE} was 64 mmol/mol.",
              "We will see him again in clinic with {DR} in three months.",
              "If there are concerns please ring the diabetes nurses on {PHONE}.",
              "Copy to: {DR}, {PLACE}."),
          List.of("{DR}\nSpecialty Registrar", "Yours sincerely, {DR}")),
      new Family("lab_report",
          List.of("LABORATORY REPORT\nName: {NAME}\nSpecimen no: {ID}\nCollected: {DATE}\n",
              "Lab results for {NAME}, received {DATE}\n"),
          List.of("Sample received from {PLACE} on {DATE}.",
              "Requested by {DR}; results phoned to {PHONE}.",
              "Patient age {AGE}, reference ranges adjusted.",
              "Previous sample {ID} was haemolysed."),
          List.of("Authorised by {DR}", "Biomedical scientist: {NAME}")));

  static final List<Family> HELD_OUT = List.of(
      new Family("telephone_encounter",
          List.of("TELEPHONE ENCOUNTER {DATE}\nCaller: {NAME}\n", "Phone call on {DATE} from {NAME}, record {ID}\n"),
          List.of("Spoke with the patient's husband {NAME}, who rang from {PHONE}.",
              "The caller reports that her mother, {AGE}, has been confused since {DATE}.",
              "Advised to attend {PLACE} if symptoms worsen overnight.",
              "Message left for {DR} to call back on {PHONE}.",
              "Patient confirms date of birth {DATE} and record number {ID}."),
          List.of("Call taken by {NAME}", "Documented by {DR}")),
      new Family("operative_note",
          List.of("OPERATION NOTE\nDate of surgery: {DATE}\nSurgeon: {DR}\nPatient: {NAME}, {ID}\n",
              "Operative report - {PLACE} - {DATE}\n"),
          List.of("Indication: {AGE} year old with a strangulated inguinal hernia.",
              "Assistant: {DR}. Anaesthetist: {DR}.",
              "Consent was obtained from {NAME} on the morning of {DATE}.",
              "The patient was transferred to recovery at {PLACE} in good condition.",
              "Histology will be sent to the lab under request {ID}."),
          List.of("Surgeon: {DR}", "Operation note written by {DR} on {DATE}")),
      new Family("pharmacy_note",
          List.of("PHARMACY MEDICINES RECONCILIATION\n{NAME}  {ID}\n", "Pharmacist review {DATE}, {NAME}\n"),
          List.of("Medication history taken from {NAME} and confirmed with the GP surgery in {PLACE}.",
              "The community pharmacy was contacted on {PHONE} on {DATE}.",
              "This gentleman aged {AGE} takes warfarin; INR on {DATE} was 2.4.",
              "Discussed the change of dose with {DR} who agreed.",
              "Blister packs are delivered by {PLACE} pharmacy weekly."),
          List.of("Pharmacist: {NAME}", "Reviewed by {DR}, clinical pharmacist")));

  /**
   * Sentences without PHI, drawn into every family's notes. Some hold words that are also names or places in
   * the pools ({@code may}, {@code will}, {@code hope}, {@code mark}, {@code reading}, {@code bath}), as real notes do.
   */
  static final List<String> PLAIN = List.of(
      "No known drug allergies.",
      "Observations: BP 132/84, HR 88, temperature 37.2.",
      "She may need a further course of antibiotics.",
      "The plan will be reviewed at the next ward round.",
      "We hope to step down to oral medication tomorrow.",
      "There is a small mark on the left shin from the fall.",
      "Blood pressure reading was elevated this morning.",
      "Assisted with a bed bath and pressure area care.",
      "Pain is well controlled with regular paracetamol.",
      "Chest is clear, heart sounds normal.",
      "He will continue on the current dose of ramipril.",
      "Eating and drinking well, bowels opened today.",
      "Wound is clean and dry with no signs of infection.",
      "Mood is low and she would like to speak to someone.",
      "Grace period for the new inhaler technique was explained.",
      "Daily weights to continue; fluid balance is positive.",
      "ECG shows sinus rhythm with no acute changes.",
      "The family were updated and are happy with the plan.",
      "Walking stick used on the stairs at home.",
      "Advised to rest and drink plenty of fluids.");
}
