package dev.ablate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin JARs loaded from folders, each in a class loader of its own (surefire runs on the class
 * path; the module-layer twin of these checks runs through the launcher in {@link LauncherIT}).
 */
final class TestPluginLoading {

    private static CommandResult run(Map<String, String> environment, String... args) {
        return CommandResult.run(environment, args);
    }

    private static CommandResult run(String... args) {
        return CommandResult.run(Map.of(), args);
    }

    private static List<String> attentionIds(CommandResult r) throws Exception {
        List<String> ids = new ArrayList<>();
        new ObjectMapper().readTree(r.out()).forEach(p -> ids.add(p.get("id").asText()));
        return ids;
    }

    private static JsonNode plugin(CommandResult r, String id) throws Exception {
        for (JsonNode p : new ObjectMapper().readTree(r.out())) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no plugin " + id + " in " + r.out());
    }

    @Test
    void aJarInAPluginsFolderIsListedBesideTheBuiltInsWithWhereItCameFrom(@TempDir Path dir) throws Exception {
        Path jar = PluginJar.echo("fixture.echo", "echo", "\"passes the query through\"").build(dir.resolve("plugins/echo.jar"));
        CommandResult r = run("--plugins", dir.resolve("plugins").toString(), "plugins", "--kind", "attention", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(attentionIds(r)).containsExactly("additive", "echo", "full", "restricted");
        assertThat(plugin(r, "echo").get("source").asText())
                .startsWith(jar.toString()).contains("via --plugins " + dir.resolve("plugins"));
        assertThat(plugin(r, "full").get("source").asText()).doesNotContain(dir.toString());

        CommandResult text = run("plugins", "echo", "--plugins", jar.toString(), "--plugins", dir.resolve("plugins").toString());
        assertThat(text.status()).as("--plugins after the subcommand, naming one JAR and its folder: " + text.err()).isZero();
        assertThat(text.out()).contains("echo").contains("passes the query through").contains("from").contains(jar.toString());
    }

    @Test
    void theEnvironmentVariableNamesMoreFolders(@TempDir Path dir) throws Exception {
        PluginJar.echo("fixture.a", "echo-a", "\"a\"").build(dir.resolve("one/a.jar"));
        PluginJar.echo("fixture.b", "echo-b", "\"b\"").build(dir.resolve("two/b.jar"));
        CommandResult r = run(Map.of("ABLATE_PLUGINS", dir.resolve("one") + ":" + dir.resolve("two")),
                "plugins", "--kind", "attention", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(attentionIds(r)).contains("echo-a", "echo-b");
        assertThat(plugin(r, "echo-b").get("source").asText()).contains("$ABLATE_PLUGINS");
    }

    @Test
    void eachPluginHasItsOwnClassLoader(@TempDir Path dir) throws Exception {
        // Two plugins with a class of the same name that answers differently: each sees its own.
        for (String name : List.of("left", "right")) {
            PluginJar.echo("fixture." + name, name, "fixture.shared.Answer.text()")
                    .source("fixture/shared/Answer.java", """
                            package fixture.shared;
                            public final class Answer { public static String text() { return "%s"; } }
                            """.formatted("answer from " + name))
                    .build(dir.resolve("plugins/" + name + ".jar"));
        }
        CommandResult r = run("--plugins", dir.resolve("plugins").toString(), "plugins", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(plugin(r, "left").get("summary").asText()).isEqualTo("answer from left");
        assertThat(plugin(r, "right").get("summary").asText()).isEqualTo("answer from right");
    }

    @Test
    void aPluginBringsItsDependenciesInAFolderOfItsOwn(@TempDir Path dir) throws Exception {
        Path library = new PluginJar().source("fixture/lib/Greeting.java", """
                package fixture.lib;
                public final class Greeting { public static String text() { return "hello from a dependency"; } }
                """).build(dir.resolve("lib/greeting.jar"));
        PluginJar plugin = PluginJar.echo("fixture.needy", "needy", "fixture.lib.Greeting.text()")
                .classPath(System.getProperty("java.class.path") + java.io.File.pathSeparator + library);
        plugin.build(dir.resolve("plugins/needy/needy.jar"));
        Files.copy(library, dir.resolve("plugins/needy/greeting.jar"));
        CommandResult r = run("--plugins", dir.resolve("plugins").toString(), "plugins", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(plugin(r, "needy").get("summary").asText()).isEqualTo("hello from a dependency");
        assertThat(plugin(r, "needy").get("source").asText()).startsWith(dir.resolve("plugins/needy").toString());

        Files.delete(dir.resolve("plugins/needy/greeting.jar"));
        CommandResult missing = run("--plugins", dir.resolve("plugins").toString(), "plugins");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("plugin folder " + dir.resolve("plugins/needy"))
                .contains("cannot be created").contains("fixture/lib/Greeting")
                .contains("put its dependencies next to it").doesNotContain("\tat ");
    }

    @Test
    void aDuplicateIdNamesBothJars(@TempDir Path dir) throws Exception {
        Path first = PluginJar.echo("fixture.one", "echo", "\"one\"").build(dir.resolve("plugins/one.jar"));
        Path second = PluginJar.echo("fixture.two", "echo", "\"two\"").build(dir.resolve("plugins/two.jar"));
        CommandResult r = run("--plugins", dir.resolve("plugins").toString(), "plugins");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("attention plugin id 'echo' is provided twice").contains(first.toString())
                .contains(second.toString()).contains("Remove one of them");

        Path shadow = PluginJar.echo("fixture.shadow", "full", "\"mine\"").build(dir.resolve("shadow/full.jar"));
        CommandResult builtIn = run("--plugins", shadow.toString(), "plugins");
        assertThat(builtIn.status()).isEqualTo(2);
        assertThat(builtIn.err()).contains("attention plugin id 'full' is provided twice").contains("ablate-attention")
                .contains(shadow.toString());
    }

    @Test
    void aJarThatIsNotAPluginSaysWhatToDeclare(@TempDir Path dir) throws Exception {
        Path jar = new PluginJar().source("fixture/none/Nothing.java", "package fixture.none; public class Nothing {}")
                .build(dir.resolve("plugins/nothing.jar"));
        CommandResult r = run("--plugins", dir.resolve("plugins").toString(), "plugins");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("ablate: plugin JAR " + jar + " (from --plugins").contains("provides no dev.ablate.core.spi.AblatePlugin")
                .contains("META-INF/services/dev.ablate.core.spi.AblatePlugin");
    }

    @Test
    void aServiceFileNamingAMissingClassIsAClearError(@TempDir Path dir) throws Exception {
        Path jar = PluginJar.echo("fixture.typo", "typo", "\"x\"")
                .resource("META-INF/services/dev.ablate.core.spi.AblatePlugin", "fixture.typo.EchoPlugn\n")
                .build(dir.resolve("typo.jar"));
        CommandResult r = run("--plugins", jar.toString(), "plugins");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains(jar.toString()).contains("fixture.typo.EchoPlugn").contains("cannot be loaded")
                .doesNotContain("\tat ");
    }

    @Test
    void aPluginBuiltAgainstAnotherSpiLineIsRefusedNamingBothVersions(@TempDir Path dir) throws Exception {
        // A stand-in for the SPI of a future Ablate, compiled as module dev.ablate.core 0.9.0.
        Path futureSpi = dir.resolve("future-spi");
        new PluginJar().source("module-info.java", "module dev.ablate.core { exports dev.ablate.core.spi; }")
                .source("dev/ablate/core/spi/AblatePlugin.java", "package dev.ablate.core.spi; public interface AblatePlugin {}")
                .modulePath(dir.toString()).moduleVersion("0.9.0")
                .build(futureSpi.resolve("ablate-core-0.9.0.jar"));
        Path jar = new PluginJar()
                .source("module-info.java", """
                        module fixture.future {
                            requires dev.ablate.core;
                            provides dev.ablate.core.spi.AblatePlugin with fixture.future.FuturePlugin;
                        }""")
                .source("fixture/future/FuturePlugin.java",
                        "package fixture.future; public final class FuturePlugin implements dev.ablate.core.spi.AblatePlugin {}")
                .modulePath(futureSpi.toString())
                .build(dir.resolve("plugins/future.jar"));
        CommandResult r = run("--plugins", dir.resolve("plugins").toString(), "plugins");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains(jar.toString()).contains("built against Ablate SPI 0.9.0")
                .contains("but this is Ablate 0.1.0").contains("Rebuild the plugin against ablate-core 0.1.0");
    }

    @Test
    void aPluginCarryingItsOwnCopyOfTheSpiIsToldToUseProvidedScope(@TempDir Path dir) throws Exception {
        Path jar = PluginJar.echo("fixture.fat", "fat", "\"fat\"")
                .source("dev/ablate/core/spi/Extra.java", "package dev.ablate.core.spi; public interface Extra {}")
                .build(dir.resolve("fat.jar"));
        CommandResult r = run("--plugins", jar.toString(), "plugins");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("carries a copy of Ablate's SPI").contains("<scope>provided</scope>");
    }

    @Test
    void aMissingFolderTheUserNamedIsAnError(@TempDir Path dir) {
        CommandResult r = run("--plugins", dir.resolve("nowhere").toString(), "plugins");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--plugins " + dir.resolve("nowhere")).contains("does not exist");
        CommandResult env = run(Map.of("ABLATE_PLUGINS", dir.resolve("gone").toString()), "plugins");
        assertThat(env.status()).isEqualTo(2);
        assertThat(env.err()).contains("$ABLATE_PLUGINS names " + dir.resolve("gone"));
    }

    @Test
    void aPluginConfigIsReadFromASpecLikeABuiltIn(@TempDir Path dir) throws Exception {
        PluginJar.echo("fixture.spec", "echo", "\"echo\"").build(dir.resolve("plugins/echo.jar"));
        Path spec = Files.writeString(dir.resolve("spec.json"), """
                {"name": "echo", "task": {"type": "copy", "length": 4, "vocabSize": 6, "trainSize": 64, "validSize": 8, "testSize": 8},
                 "base": {"model": {"layers": 1, "dModel": 16, "heads": 2, "dFF": 32}, "training": {"steps": 2, "batchSize": 8}},
                 "axes": {"model.attention": [{"type": "full"}, {"type": "echo"}]},
                 "seeds": [1]}
                """);
        CommandResult r = run("--plugins", dir.resolve("plugins").toString(), "validate", spec.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("attention=echo");
        CommandResult without = run("validate", spec.toString());
        assertThat(without.status()).isEqualTo(2);
        assertThat(without.err()).contains("unknown attention type 'echo'").contains("put the JAR in plugins/, or pass --plugins DIR");
    }
}
