package dev.ablate.cli;

import ai.djl.Device;
import dev.ablate.core.device.Devices;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.experiments.training.EngineCheck;
import dev.ablate.models.transformer.TransformerFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ablate info}: versions, devices, and a forward and backward pass that proves the engine works. */
@Command(
        name = "info",
        header = "Show versions and devices; check the engine with a tiny model.",
        description = "Show versions and the GPUs PyTorch sees, then build a tiny encoder-decoder and run one forward "
                + "and backward pass on the chosen device: the first thing to run on a new machine.",
        mixinStandardHelpOptions = true)
final class InfoCommand extends Subcommand implements Callable<Integer> {

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "auto",
            description = "Where to run the check: " + Devices.USAGE + " (default: ${DEFAULT-VALUE}).")
    String device;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Properties versions = AblateCommand.Version.versions();
        out.printf("ablate    %s%n", versions.getProperty("ablate"));
        out.printf("java      %s (%s), %d processors%n", System.getProperty("java.version"),
                System.getProperty("java.vendor"), Runtime.getRuntime().availableProcessors());
        out.printf("djl       %s (offline: %s)%n", versions.getProperty("djl"), System.getProperty("ai.djl.offline"));
        out.flush();
        Device chosen = Devices.select(device);
        ComponentRegistry registry = instance(ComponentRegistry.class);
        EngineCheck.Result check = EngineCheck.run(instance(TransformerFactory.class),
                registry.json(), chosen);
        out.printf("engine    %s, %d GPU(s) visible%n", check.engine(), check.gpus());
        out.printf("plugins   %d registered (ablate plugins lists them)%n", registry.all().size());
        out.printf(Locale.ROOT, "check     ok: forward + backward of a %,d-parameter encoder-decoder on %s in %.1f ms%n",
                check.parameters(), check.device(), check.milliseconds());
        out.flush();
        return 0;
    }
}
