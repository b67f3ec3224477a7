package dev.ablate.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ablate.experiments.spec.ExperimentPlan;
import dev.ablate.experiments.tensorboard.EventFile;
import dev.ablate.experiments.tensorboard.EventReader;
import dev.ablate.store.MetricsLine;
import dev.ablate.store.RunFolder;
import dev.ablate.store.RunResult;
import dev.ablate.tasks.Split;
import dev.ablate.tasks.Vocabulary;
import dev.ablate.tasks.metrics.Bleu;
import dev.ablate.tasks.metrics.Chrf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sequence-to-sequence run leaves the texts its final scores were computed on, and its vocabulary. */
class TestRunOutputs {

    @TempDir
    Path temp;

    @Test
    void finalHypothesesAndReferencesGiveTheRunsScores() throws IOException {
        SweepTesting.Harness harness = new SweepTesting.Harness();
        ExperimentPlan plan = harness.plan(SweepTesting.spec("outputs", SweepTesting.training(30, ""), ""), temp);
        RunResult result = harness.run(plan, harness.store(temp.resolve("store")), ProgressListener.NONE)
                .results().get(0).orElseThrow();
        RunFolder dir = harness.store(temp.resolve("store")).run("base", 3);

        List<String> hypotheses = Files.readAllLines(dir.outputsFile("test", "hypotheses"), StandardCharsets.UTF_8);
        List<String> references = Files.readAllLines(dir.outputsFile("test", "references"), StandardCharsets.UTF_8);
        Vocabulary vocabulary = plan.task().targetVocabulary();
        assertThat(references).isEqualTo(plan.task().examples(Split.TEST).stream().map(e -> vocabulary.decode(e.target())).toList());
        assertThat(hypotheses).hasSameSizeAs(references);
        assertThat(result.metrics().get("bleu")).isEqualTo(Bleu.corpusScore(hypotheses, references).score());
        assertThat(result.metrics().get("chrf")).isEqualTo(Chrf.corpusScore(hypotheses, references).score());
        long exact = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            exact += hypotheses.get(i).equals(references.get(i)) ? 1 : 0;
        }
        assertThat(result.metrics().get("exactMatch")).isEqualTo((double) exact / references.size());
        assertThat(Vocabulary.load(dir.vocabularyFile(""))).isEqualTo(vocabulary);
    }

    @Test
    void theTensorBoardEventsHoldEveryMetricsLine() throws IOException {
        SweepTesting.Harness harness = new SweepTesting.Harness();
        ExperimentPlan plan = harness.plan(SweepTesting.spec("events", SweepTesting.training(30, ""), ""), temp);
        harness.run(plan, harness.store(temp.resolve("store")), ProgressListener.NONE);
        RunFolder dir = harness.store(temp.resolve("store")).run("base", 3);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir.path())) {
            files = list.filter(f -> f.getFileName().toString().startsWith(EventFile.PREFIX)).toList();
        }
        assertThat(files).hasSize(1);
        List<EventReader.Event> events = EventReader.read(files.get(0));
        List<MetricsLine> lines = dir.metrics();
        assertThat(events).hasSize(lines.size() + 1);
        for (int i = 0; i < lines.size(); i++) {
            MetricsLine line = lines.get(i);
            EventReader.Event event = events.get(i + 1);
            assertThat(event.step()).isEqualTo(line.step());
            String prefix = (line.isFinal() ? "final/" : "") + line.split() + "/";
            assertThat(event.scalars()).hasSize(line.values().size());
            assertThat(event.scalars().keySet()).as("tags at step %d", line.step()).containsExactlyElementsOf(line.values().keySet().stream().map(n -> prefix + n).toList());
            line.values().forEach((name, value) ->
                    assertThat(event.scalars().get(prefix + name)).as(prefix + name).isEqualTo(value.floatValue()));
        }
        assertThat(events.get(1).scalars()).containsKeys("train/loss", "train/lr", "train/tokensPerSecond");
    }
}
