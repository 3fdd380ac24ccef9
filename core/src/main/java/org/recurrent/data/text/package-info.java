/**
 * Text as token ids: a {@link org.recurrent.data.text.Tokenizer} (characters or words), a deterministic
 * {@link org.recurrent.data.text.Vocabulary} saved as JSON, a reader for one-labelled-sentence-per-line
 * classification files, and {@link org.recurrent.data.text.TextCorpus} for character language models trained with
 * truncated BPTT.
 */
package org.recurrent.data.text;
