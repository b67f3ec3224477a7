package dev.ablate.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts another JVM like this one: the same {@code java}, the same JVM
 * options (as {@code RuntimeMXBean} reports them), the same module path and class path, and a main
 * class: {@code -m module/class} when the main class is in a named module (the launcher's case),
 * else the class name on the class path (tests).
 */
public final class JvmCommand {

    private JvmCommand() {}

    /**
     * @param main the class whose {@code main} the new JVM runs
     * @param jvmOptions options added after this JVM's own (so they win where they overlap)
     * @param arguments the arguments to {@code main}
     */
    public static List<String> of(Class<?> main, List<String> jvmOptions, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (inherited(option)) {
                command.add(option);
            }
        }
        String classPath = System.getProperty("java.class.path", "");
        String modulePath = System.getProperty("jdk.module.path");
        boolean modular = main.getModule().isNamed();
        if (modular && modulePath != null) {
            command.add("--module-path");
            command.add(modulePath);
        }
        if (!classPath.isEmpty()) {
            command.add("--class-path");
            command.add(classPath);
        }
        command.addAll(jvmOptions);
        if (modular) {
            command.add("-m");
            command.add(main.getModule().getName() + "/" + main.getName());
        } else {
            command.add(main.getName());
        }
        command.addAll(arguments);
        return command;
    }

    /**
     * Options the child gets too. The module path is given explicitly (from {@code jdk.module.path});
     * a debugger agent would fight over its port.
     */
    private static boolean inherited(String option) {
        return !(option.startsWith("--module-path") || option.startsWith("-Djdk.module.path")
                || option.startsWith("-agentlib:jdwp") || option.startsWith("-Xrunjdwp")
                || option.startsWith("-Djava.class.path"));
    }
}
