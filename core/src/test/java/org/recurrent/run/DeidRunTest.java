package org.recurrent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recurrent.data.DataFormatException;
import org.recurrent.data.deid.NoteFile;
import org.recurrent.data.deid.NoteGenerator;
import org.recurrent.eval.Scoring;
import org.recurrent.train.Progress;

/**
 * De-identification end to end on a small slice of generated notes (docs/deid.md): a bidirectional LSTM trained on
 * 7 template families beats the regular-expression + dictionary baseline on notes of 3 held-out families, then
 * {@code eval} scores a notes file and {@code predict --redact} writes a known note back with its PHI replaced.
 */
class DeidRunTest {
  /** The margin of span F1 (micro over the six types) by which the tagger must beat the baseline on held-out templates. */
  static final double MARGIN = 0.03;

  private static Path config(Path dir) throws IOException {
    Path f = dir.resolve("deid.yaml");
    Files.writeString(f, """
        task: deid
        seed: 1
        data:
          format: deid_notes
          options: {generator: {train: 200, validation: 40, test: 150, seed: 3}}
        model: {cell: gru, hidden_size: 24, bidirectional: true, embedding_dim: 32, bag_mode: mean}
        training: {epochs: 6, batch_size: 8, optimizer: {name: adam, lr: 0.01}, clip_grad_norm: 5}
        """);
    return f;
  }

  @Test
  void theTaggerBeatsTheBaselineOnHeldOutTemplatesAndRedactsAKnownNote(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("m");
    TrainingRun.Outcome o = TrainingRun.run(config(dir), new TrainingRun.Options(out, false, false, null,
        Progress.quiet()));
    RunMetrics.PartScores test = o.metrics().parts().get("test");
    double model = test.metrics().get("span_f1"), baseline = test.baseline().get("regex_dictionary_span_f1");
    assertTrue(model > baseline + MARGIN, "held-out span F1 " + model + " vs regex + dictionary " + baseline);
    assertTrue(test.metrics().containsKey("token_f1_name") && test.baseline().containsKey("regex_dictionary_token_f1_name"),
        test.metrics().keySet().toString());

    // eval on a notes file scores the model and the fitted baseline kept in baselines.json alike
    Path notes = dir.resolve("held_out.jsonl");
    NoteFile.write(notes, new NoteGenerator(0.03).generate(60, 11, true, "h"));
    Map<String, Object> eval = Scoring.evaluate(out, notes, 0, 1);
    assertTrue((Double) eval.get("span_f1") > 0.7, eval.toString());
    @SuppressWarnings("unchecked")
    Map<String, Double> fitted = (Map<String, Double>) eval.get(Scoring.BASELINE);
    assertTrue(fitted.get("regex_dictionary_span_f1") > 0.5, fitted.toString());

    Path known = dir.resolve("known.jsonl");
    Files.writeString(known, "{\"id\": \"k1\", \"text\": \"Patient: Ann Smith    MRN: 4839201\\nAdmitted: 03/04/2019\\n"
        + "She was seen by Dr Okafor on 12 March 2020.\"}\n");
    StringWriter sink = new StringWriter();
    int n = Scoring.predict(out, known, null, sink, new Scoring.PredictOptions("auto", 1, 1, 0, false, true));
    assertEquals(1, n);
    JsonNode row = new ObjectMapper().readTree(sink.toString());
    assertEquals("k1", row.get("id").asText());
    assertEquals("Patient: [NAME]    MRN: [ID]\nAdmitted: [DATE]\nShe was seen by Dr [NAME] on [DATE].",
        row.get("text").asText(), sink.toString());
    assertEquals("Ann Smith", row.get("spans").get(0).get("text").asText());
    assertEquals(2, row.get("spans").get(0).get("start").asInt());           // "Patient", ":", then the name
    assertEquals(4, row.get("spans").get(0).get("end").asInt());

    // a note with a tag the training notes never used is an error naming the note
    Path other = dir.resolve("other.jsonl");
    Files.writeString(other, "{\"id\": \"x\", \"tokens\": [\"a@b.org\"], \"tags\": [\"B-EMAIL\"]}\n");
    var e = assertThrows(DataFormatException.class, () -> Scoring.evaluate(out, other, 0, 1));
    assertTrue(e.getMessage().contains("other.jsonl:1: note 'x' token 0 has tag B-EMAIL, which the training notes "
        + "never use"), e.getMessage());
  }

  @Test
  void redactRefusesTasksWithoutNotes(@TempDir Path dir) {
    var e = assertThrows(IllegalArgumentException.class, () -> new org.recurrent.tasks.TaggingTask().redact(
        new org.recurrent.tasks.Predictions(), java.util.List.of(), null));
    assertTrue(e.getMessage().contains("applies to task deid, not tagging"), e.getMessage());
  }
}
