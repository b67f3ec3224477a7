package dev.ablate.cli;

import dev.ablate.experiments.spec.ExperimentPlan;
import dev.ablate.experiments.spec.SpecReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ablate validate SPEC}: every problem of a spec at once, or how many runs it makes. */
@Command(
        name = "validate",
        header = "Check an experiment spec without training anything.",
        description = {"Check SPEC completely: JSON syntax, unknown fields and plugin ids, types and ranges, the dotted "
                + "paths of axes and variants, every variant's resolved config, and whether task, model and metric fit "
                + "together. Prints every problem with file:line:column and JSON path (exit 2), or \"ok: N runs\"."},
        mixinStandardHelpOptions = true)
final class ValidateCommand extends Subcommand implements Callable<Integer> {

    @Parameters(paramLabel = "SPEC", description = "The experiment spec (JSON).")
    Path file;

    @Override
    public Integer call() {
        ExperimentPlan plan = instance(SpecReader.class).read(file);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("ok: %d runs (%d variants × %d seeds)%n", plan.runs().size(), plan.variants().size(), plan.seeds().size());
        plan.variants().forEach(v -> out.printf("  %s  [%s]%n", v.id(), v.hash()));
        out.flush();
        return 0;
    }
}
