/**
 * De-identification data: clinical-style notes as tokens with BIO tags of protected health information (PHI),
 * their JSON Lines file format ({@link org.recurrent.data.deid.NoteFile}), the tokeniser
 * ({@link org.recurrent.data.deid.NoteTokenizer}), the per-token features a tagger reads
 * ({@link org.recurrent.data.deid.TokenFeatures}), BIO spans ({@link org.recurrent.data.deid.BioSpans}) and a
 * seeded generator of synthetic notes with held-out templates ({@link org.recurrent.data.deid.NoteGenerator}).
 * See docs/deid.md.
 */
package org.recurrent.data.deid;
