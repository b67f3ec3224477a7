package dev.ablate.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.ablate.core.registry.PluginModule;
import dev.ablate.experiments.spec.SpecReader;
import dev.ablate.experiments.sweep.ExperimentRunner;
import dev.ablate.models.transformer.TransformerFactory;
import dev.ablate.reports.report.ReportWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ablate}: the top-level command; with no subcommand it prints its usage. */
@Command(
        name = "ablate",
        mixinStandardHelpOptions = true,
        versionProvider = AblateCommand.Version.class,
        description = "A workbench for ablation studies of the Transformer (Vaswani et al. 2017) on DJL and "
                + "PyTorch. Every interchangeable part (attention, positional encoding, normalization) is a plugin.",
        subcommands = {ValidateCommand.class, RunCommand.class, ReportCommand.class, SchemaCommand.class, PluginsCommand.class, InfoCommand.class, BenchCommand.class,
            HelpCommand.class},
        footer = {"", "Exit status: 0 ok, 2 a problem with your input (the message says what), 1 a bug."})
final class AblateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    private Injector injector;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The plugins ServiceLoader finds, registered through Guice; built on first use. */
    Injector injector() {
        if (injector == null) {
            injector = Guice.createInjector(Stage.PRODUCTION,
                    PluginModule.discover(AblateCommand.class.getClassLoader()),
                    new AbstractModule() {
                        @Override
                        protected void configure() {
                            bind(TransformerFactory.class);
                            bind(SpecReader.class);
                            bind(ExperimentRunner.class);
                            bind(ReportWriter.class);
                        }
                    });
        }
        return injector;
    }

    /** Versions of Ablate and of the engine it was built against, from the build. */
    static final class Version implements IVersionProvider {

        @Override
        public String[] getVersion() throws IOException {
            Properties p = versions();
            return new String[] {
                "ablate " + p.getProperty("ablate"),
                "DJL " + p.getProperty("djl") + ", PyTorch " + p.getProperty("pytorch") + " (CPU natives bundled)",
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
            };
        }

        static Properties versions() throws IOException {
            Properties p = new Properties();
            try (InputStream in = AblateCommand.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    throw new IOException("version.properties is missing from the ablate-cli JAR");
                }
                p.load(in);
            }
            return p;
        }
    }
}
