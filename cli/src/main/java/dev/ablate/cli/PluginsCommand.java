package dev.ablate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ablate.core.config.ConfigJson;
import dev.ablate.core.error.DidYouMean;
import dev.ablate.core.error.UserException;
import dev.ablate.core.registry.ComponentInfo;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.core.spi.AttentionCapabilities;
import dev.ablate.core.spi.AttentionConfig;
import dev.ablate.core.spi.AttentionDescriptor;
import dev.ablate.core.spi.ComponentDescriptor;
import dev.ablate.core.spi.ComponentKind;
import dev.ablate.core.spi.NormCapabilities;
import dev.ablate.core.spi.PositionalCapabilities;
import dev.ablate.core.spi.ProblemSize;
import dev.ablate.reports.complexity.ComplexityTable;
import dev.ablate.reports.complexity.Units;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ablate plugins}: what is registered, with parameters, capabilities and complexity. */
@Command(
        name = "plugins",
        header = "List the registered plugins: parameters, capabilities, complexity.",
        description = "List every registered plugin: kind, id, parameters with their defaults, capabilities and "
                + "where it came from; for attention also the positional plugins it takes inside it (rotated q/k, "
                + "score bias) and the paper's Table 1 row, with the FLOPs and kept activations of one layer's "
                + "forward pass over one sequence at --n, --d-model and --heads; for positions that act inside "
                + "attention, the attention plugins that take them.",
        mixinStandardHelpOptions = true)
final class PluginsCommand extends Subcommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "ID", description = "Show only the plugin with this id.")
    String id;

    @Option(names = "--kind", paramLabel = "KIND", description = "Show only this kind: attention, positional or norm.")
    String kind;

    @Option(names = "--json", description = "Print JSON: [{\"kind\", \"id\", \"summary\", \"parameters\", \"capabilities\", \"acceptsPositions\" or \"acceptedBy\", \"complexity\", \"source\"}, ...].")
    boolean json;

    @Option(names = "--n", paramLabel = "N", defaultValue = "512", description = "Sequence length for the complexity numbers (default: ${DEFAULT-VALUE}).")
    long n;

    @Option(names = "--d-model", paramLabel = "D", defaultValue = "512", description = "Model width for the complexity numbers (default: ${DEFAULT-VALUE}).")
    long dModel;

    @Option(names = "--heads", paramLabel = "H", defaultValue = "8", description = "Heads for the complexity numbers (default: ${DEFAULT-VALUE}).")
    long heads;

    @Override
    public Integer call() throws JsonProcessingException {
        ComponentRegistry registry = instance(ComponentRegistry.class);
        if (n < 1 || dModel < 1 || heads < 1) {
            throw new UserException("--n, --d-model and --heads must be positive");
        }
        ProblemSize at = new ProblemSize(n, dModel, heads);
        List<ComponentDescriptor<?>> chosen = select(registry);
        List<ComponentInfo> infos = chosen.stream().map(d -> ComponentInfo.describe(registry, d, at)).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(registry.json().mapper().writerWithDefaultPrettyPrinter().writeValueAsString(infos));
        } else {
            printText(out, infos);
            printTable1(out, registry, chosen, at);
        }
        out.flush();
        return 0;
    }

    private List<ComponentDescriptor<?>> select(ComponentRegistry registry) {
        ComponentKind only = kind == null ? null : parseKind(kind);
        if (id == null) {
            return registry.all().stream().filter(d -> only == null || d.kind() == only).toList();
        }
        if (only != null) {
            return List.of(registry.get(only, id));
        }
        List<ComponentDescriptor<?>> matches = registry.all().stream().filter(d -> d.id().equals(id)).toList();
        if (matches.isEmpty()) {
            List<String> known = registry.all().stream().map(ComponentDescriptor::id).distinct().sorted().toList();
            throw new UserException("no plugin has the id '" + id + "'; known ids: " + String.join(", ", known) + "."
                    + ConfigJson.unknownPluginHint(id, known));
        }
        return matches;
    }

    private static ComponentKind parseKind(String label) {
        List<String> labels = Arrays.stream(ComponentKind.values()).map(ComponentKind::label).toList();
        return Arrays.stream(ComponentKind.values())
                .filter(k -> k.label().equals(label))
                .findFirst()
                .orElseThrow(() -> new UserException("--kind: unknown kind '" + label + "'; expected one of: "
                        + String.join(", ", labels) + "." + DidYouMean.hint(label, labels)));
    }

    private static void printText(PrintWriter out, List<ComponentInfo> infos) {
        String kind = "";
        for (ComponentInfo info : infos) {
            if (!info.kind().equals(kind)) {
                if (!kind.isEmpty()) {
                    out.println();
                }
                kind = info.kind();
                out.println(kind);
            }
            out.printf("  %-12s %s%n", info.id(), info.summary());
            List<String> parameters = parameterLines(info.parameters());
            for (int i = 0; i < parameters.size(); i++) {
                out.printf("  %-12s %-14s%s%n", "", i == 0 ? "parameters" : "", parameters.get(i));
            }
            out.printf("  %-12s %-14s%s%n", "", "capabilities", capabilities(info.capabilities()));
            if (info.acceptsPositions() != null) {
                out.printf("  %-12s %-14s%s%n", "", "positions", info.acceptsPositions().isEmpty()
                        ? "on the embeddings only (takes none inside attention)"
                        : "on the embeddings, or inside attention: " + String.join(", ", info.acceptsPositions()));
            }
            if (info.acceptedBy() != null) {
                out.printf("  %-12s %-14s%s%n", "", "attention", info.acceptedBy().isEmpty()
                        ? "no registered attention takes it" : "works with " + String.join(", ", info.acceptedBy()));
            }
            if (info.complexity() != null) {
                ComponentInfo.Complexity c = info.complexity();
                out.printf("  %-12s %-14s%s per layer, %s sequential, %s max path; at n=%d d=%d h=%d: %s, %s kept%n", "",
                        "complexity", c.perLayer(), c.sequentialOperations(), c.maximumPathLength(), c.at().n(),
                        c.at().d(), c.at().h(), Units.flops(c.flops()), Units.bytes(c.activationBytes()));
            }
            out.printf("  %-12s %-14s%s%n", "", "from", info.source());
        }
    }

    private static List<String> parameterLines(Map<String, ComponentInfo.Parameter> parameters) {
        if (parameters.isEmpty()) {
            return List.of("(none)");
        }
        int width = parameters.entrySet().stream()
                .mapToInt(e -> (e.getKey() + " = " + e.getValue().defaultValue()).length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        parameters.forEach((name, p) -> {
            String head = name + " = " + p.defaultValue();
            lines.add(String.format("%-" + width + "s  %s; %s", head, p.type(), p.description()));
        });
        return lines;
    }

    private static String capabilities(Object capabilities) {
        if (capabilities instanceof AttentionCapabilities a) {
            return String.join(", ", List.of(
                    (a.causalMask() ? "" : "no ") + "causal mask",
                    (a.paddingMask() ? "" : "no ") + "padding mask",
                    (a.crossAttention() ? "" : "no ") + "cross-attention",
                    (a.rotatedQueryKey() ? "" : "no ") + "rotated q/k",
                    (a.scoreBias() ? "" : "no ") + "score bias"));
        }
        if (capabilities instanceof PositionalCapabilities p) {
            String length = p.maxLength() == null ? "any length" : "at most maxLength (" + p.maxLength() + ") positions";
            return length + "; " + p.where() + (p.insideAttention() ? " inside every self-attention" : "");
        }
        NormCapabilities norm = (NormCapabilities) capabilities;
        if (!norm.batchStatistics()) {
            return "each position alone";
        }
        return "statistics across batch and positions while training, padding "
                + (norm.paddingMask() ? "left out" : "included");
    }

    private static void printTable1(PrintWriter out, ComponentRegistry registry, List<ComponentDescriptor<?>> chosen,
            ProblemSize at) {
        List<ComplexityTable.Row> rows = new ArrayList<>();
        for (ComponentDescriptor<?> d : chosen) {
            if (d instanceof AttentionDescriptor<?> a) {
                AttentionConfig defaults = (AttentionConfig) registry.defaultConfig(d.kind(), d.id());
                rows.add(new ComplexityTable.Row(d.id(), ComponentRegistry.complexity(a, defaults)));
            }
        }
        if (!rows.isEmpty()) {
            out.println();
            out.println("Table 1 (Vaswani et al. 2017) for the attention plugins with their defaults:");
            out.print(ComplexityTable.markdown(rows, at));
        }
    }
}
