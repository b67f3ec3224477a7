package dev.ablate.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.ablate.core.registry.PluginJars;
import dev.ablate.core.registry.PluginModule;
import dev.ablate.experiments.spec.SpecReader;
import dev.ablate.experiments.sweep.ExperimentRunner;
import dev.ablate.models.transformer.TransformerFactory;
import dev.ablate.reports.report.ReportWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code ablate}: the top-level command; with no subcommand it prints its usage. */
@Command(
        name = "ablate",
        mixinStandardHelpOptions = true,
        versionProvider = AblateCommand.Version.class,
        description = "A workbench for ablation studies of the Transformer (Vaswani et al. 2017) on DJL and "
                + "PyTorch. Every interchangeable part (attention, positional encoding, normalization) is a plugin.",
        subcommands = {ValidateCommand.class, RunCommand.class, StatusCommand.class, SlurmCommand.class, ReportCommand.class, CheckCommand.class, CompareCommand.class, ScoreCommand.class, DataCommand.class, SchemaCommand.class, PluginsCommand.class, InfoCommand.class, BenchCommand.class,
            HelpCommand.class},
        footer = {"", "Exit status: 0 ok, 2 a problem with your input (the message says what), 1 a bug."})
final class AblateCommand implements Runnable {

    /** Where the launcher's default plugin folders are: set by bin/ablate and by the checkout's ./ablate. */
    static final String HOME_PROPERTY = "ablate.home";
    static final String CHECKOUT_PROPERTY = "ablate.checkout";
    static final String PLUGINS_VARIABLE = "ABLATE_PLUGINS";

    @Spec
    CommandSpec spec;

    @Option(names = "--plugins", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Also load the plugins in DIR: plugin JARs, and folders holding a plugin JAR with its "
                    + "dependencies (or DIR is one plugin JAR). Repeatable. Always searched as well: $"
                    + PLUGINS_VARIABLE + " (folders separated by ':'), and plugins/ beside the distribution and "
                    + "in the checkout.")
    List<Path> pluginPaths = new ArrayList<>();

    /** The environment, for $ABLATE_PLUGINS; tests give their own. */
    Map<String, String> environment = System.getenv();

    private Injector injector;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The plugins ServiceLoader finds, registered through Guice; built on first use. */
    Injector injector() {
        if (injector == null) {
            injector = Guice.createInjector(Stage.PRODUCTION,
                    PluginModule.discover(AblateCommand.class.getClassLoader(), pluginLocations()),
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

    /** Where plugin JARs are looked for, in order: --plugins, $ABLATE_PLUGINS, the default folders. */
    List<PluginJars.Location> pluginLocations() {
        List<PluginJars.Location> locations = new ArrayList<>();
        pluginPaths.forEach(p -> locations.add(new PluginJars.Location(p, "--plugins " + p, true)));
        String variable = environment.get(PLUGINS_VARIABLE);
        if (variable != null) {
            for (String entry : variable.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    locations.add(new PluginJars.Location(Path.of(entry), "$" + PLUGINS_VARIABLE, true));
                }
            }
        }
        defaultFolder(locations, HOME_PROPERTY, "the distribution's plugins/ folder");
        defaultFolder(locations, CHECKOUT_PROPERTY, "the checkout's plugins/ folder");
        return locations;
    }

    /** The options that give a child JVM the plugins this one was given (it inherits the rest). */
    List<String> pluginArguments() {
        List<String> arguments = new ArrayList<>();
        pluginPaths.forEach(p -> arguments.addAll(List.of("--plugins", p.toAbsolutePath().toString())));
        return arguments;
    }

    private static void defaultFolder(List<PluginJars.Location> locations, String property, String reason) {
        String root = System.getProperty(property);
        if (root != null && !root.isBlank()) {
            locations.add(new PluginJars.Location(Path.of(root, "plugins"), reason, false));
        }
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
