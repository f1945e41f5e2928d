package org.redciudades.childprocess;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Command lines for child JVMs that run on the same JDK as this one. */
public final class Jvm {

    private Jvm() {
    }

    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * This JVM's classpath with absolute entries, so a child started elsewhere sees the same classes.
     * For {@code java -jar local-stack.jar} that is the jar alone, whose manifest Class-Path brings lib/*.jar.
     */
    public static String ownClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** {@code java <jvmOptions> -cp <own classpath> <mainClass> <args>}. */
    public static List<String> mainClassCommand(List<String> jvmOptions, String mainClass, List<String> args) {
        var command = new ArrayList<String>();
        command.add(javaExecutable().toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(ownClasspath());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** {@code java <jvmOptions> -jar <jar> <args>}. */
    public static List<String> jarCommand(List<String> jvmOptions, Path jar, List<String> args) {
        var command = new ArrayList<String>();
        command.add(javaExecutable().toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.addAll(args);
        return command;
    }
}
