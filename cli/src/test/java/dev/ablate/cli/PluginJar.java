package dev.ablate.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds plugin JARs for tests the way a plugin author's build would: javac over a few sources,
 * against Ablate's SPI on the class path or on a module path, then a JAR with resources.
 */
final class PluginJar {

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> resources = new LinkedHashMap<>();
    private String classPath = System.getProperty("java.class.path");
    private String modulePath;
    private String moduleVersion;

    /** A source file, e.g. {@code source("fixture/echo/EchoPlugin.java", "...")}. */
    PluginJar source(String path, String code) {
        sources.put(path, code);
        return this;
    }

    PluginJar resource(String path, String text) {
        resources.put(path, text);
        return this;
    }

    /** The class path to compile against; by default this JVM's (Ablate's SPI and its dependencies). */
    PluginJar classPath(String classPath) {
        this.classPath = classPath;
        return this;
    }

    /** Compiles as a module (the sources include module-info.java) against this module path. */
    PluginJar modulePath(String modulePath) {
        this.modulePath = modulePath;
        return this;
    }

    /** Compiles with {@code --module-version}, as Maven does for a modular project. */
    PluginJar moduleVersion(String version) {
        this.moduleVersion = version;
        return this;
    }

    /** Compiles in a temporary folder and writes {@code jar}. */
    Path build(Path jar) {
        try {
            Path work = Files.createTempDirectory("ablate-plugin-build");
            Path src = work.resolve("src");
            Path classes = work.resolve("classes");
            Files.createDirectories(classes);
            List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(), "-nowarn"));
            args.addAll(modulePath != null ? List.of("--module-path", modulePath) : List.of("--class-path", classPath));
            if (moduleVersion != null) {
                args.addAll(List.of("--module-version", moduleVersion));
            }
            for (Map.Entry<String, String> s : sources.entrySet()) {
                Path file = src.resolve(s.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, s.getValue());
                args.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            int status = javac.run(null, null, null, args.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("javac failed on the test plugin (see the output above)");
            }
            for (Map.Entry<String, String> r : resources.entrySet()) {
                Path file = classes.resolve(r.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, r.getValue());
            }
            Files.createDirectories(jar.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(jar);
                    JarOutputStream zip = new JarOutputStream(out);
                    Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    zip.write(Files.readAllBytes(file));
                    zip.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An attention plugin whose block is a linear map of the query (it ignores the keys); its summary is
     * {@code summary} (a Java expression, so a test can make it call into a dependency).
     */
    static PluginJar echo(String pkg, String id, String summary) {
        String dir = pkg.replace('.', '/');
        return new PluginJar()
                .source(dir + "/EchoPlugin.java", """
                        package %1$s;
                        import dev.ablate.core.spi.*;
                        import java.util.List;
                        public final class EchoPlugin implements AblatePlugin {
                            @Override public List<AttentionDescriptor<?>> attention() { return List.of(new Echo()); }
                        }
                        """.formatted(pkg))
                .source(dir + "/EchoConfig.java", """
                        package %1$s;
                        public record EchoConfig() implements dev.ablate.core.spi.AttentionConfig {}
                        """.formatted(pkg))
                .source(dir + "/Echo.java", """
                        package %1$s;
                        import ai.djl.ndarray.NDList;
                        import ai.djl.nn.Block;
                        import ai.djl.nn.LambdaBlock;
                        import ai.djl.nn.SequentialBlock;
                        import ai.djl.nn.core.Linear;
                        import dev.ablate.core.spi.*;
                        final class Echo implements AttentionDescriptor<EchoConfig> {
                            public String id() { return "%2$s"; }
                            public Class<EchoConfig> configType() { return EchoConfig.class; }
                            public String summary() { return %3$s; }
                            public AttentionCapabilities capabilities(EchoConfig c) { return new AttentionCapabilities(true, true, true); }
                            public ComplexityModel complexity(EchoConfig c) {
                                return new ComplexityModel() {
                                    public String perLayer() { return "O(n·d)"; }
                                    public String sequentialOperations() { return "O(1)"; }
                                    public String maximumPathLength() { return "∞"; }
                                    public double flops(ProblemSize s) { return 0; }
                                    public double activationBytes(ProblemSize s) { return 0; }
                                };
                            }
                            public Block create(EchoConfig c, AttentionSetup setup) {
                                return new SequentialBlock()
                                        .add(new LambdaBlock(inputs -> new NDList(inputs.get(0))))
                                        .add(Linear.builder().setUnits(setup.dModel()).build());
                            }
                        }
                        """.formatted(pkg, id, summary))
                .resource("META-INF/services/dev.ablate.core.spi.AblatePlugin", pkg + ".EchoPlugin\n");
    }
}
