/**
 * Electronic health records as visit sequences: readers of the Synthea CSV export, the MIMIC-III tables and a
 * documented long format turn event tables into {@link org.recurrent.data.ehr.PatientHistory}s (a patient, their
 * visits in time order, each visit the codes recorded at it by type), reporting what they could not use in an
 * {@link org.recurrent.data.ehr.IngestReport}. Cohorts cut histories at a prediction point, strictly before it.
 * {@link org.recurrent.data.ehr.EhrReaders#read} is the entry point, configured by
 * {@link org.recurrent.data.ehr.EhrReaderOptions}; {@link org.recurrent.data.ehr.CodeGrouping} maps codes to groups
 * (ICD-9 categories, a user CSV). Format and options: {@code docs/healthcare.md}, "Reading EHR data".
 */
package org.recurrent.data.ehr;
