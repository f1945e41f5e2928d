package org.redciudades.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** Checks that loopback ports are free, and names the process that holds one when it is not. */
public final class Ports {

    private static final int LISTEN_STATE = 0x0A;

    private Ports() {
    }

    /** @throws StackException naming the port, its purpose and (on Linux) the process listening on it */
    public static void requireFree(String host, int port, String purpose) {
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            var owner = listener(port).map(description -> ", used by " + description).orElse("");
            throw new StackException("port " + port + " (" + purpose + ") is busy" + owner
                    + ": is another stack running?");
        }
    }

    /** "pid 1234 (java ... kafka.Kafka ...)" for the process listening on the TCP port, from /proc. */
    static Optional<String> listener(int port) {
        return listeningSocketInode(port).flatMap(Ports::processWithSocket);
    }

    private static Optional<String> listeningSocketInode(int port) {
        var portHex = ":%04X".formatted(port);
        return Stream.of("/proc/net/tcp", "/proc/net/tcp6")
                .flatMap(Ports::lines)
                .map(line -> line.strip().split("\\s+"))
                .filter(fields -> fields.length > 9 && fields[1].toUpperCase(Locale.ROOT).endsWith(portHex)
                        && Integer.parseInt(fields[3], 16) == LISTEN_STATE)
                .map(fields -> fields[9])
                .findFirst();
    }

    private static Optional<String> processWithSocket(String inode) {
        var target = "socket:[" + inode + "]";
        try (var processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(dir -> hasFd(dir, target))
                    .findFirst()
                    .map(dir -> "pid " + dir.getFileName() + " (" + commandLine(dir) + ")");
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean hasFd(Path processDir, String target) {
        try (var fds = Files.list(processDir.resolve("fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals(target);
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            return false;
        }
    }

    /** The command line without JVM options (java's main class or jar comes first), cut to a readable length. */
    private static String commandLine(Path processDir) {
        try {
            var args = new String(Files.readAllBytes(processDir.resolve("cmdline")), StandardCharsets.UTF_8)
                    .split("\0");
            var shown = new StringBuilder(args[0]);
            boolean options = true;
            for (int i = 1; i < args.length; i++) {
                if (options && (args[i].equals("-cp") || args[i].equals("-classpath"))) {
                    i++;
                } else if (!options || !args[i].startsWith("-") || args[i].equals("-jar")) {
                    options = args[i].equals("-jar");
                    shown.append(' ').append(args[i]);
                }
            }
            return shown.length() > 160 ? shown.substring(0, 157) + "..." : shown.toString();
        } catch (IOException e) {
            return "?";
        }
    }

    private static Stream<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file)).stream().skip(1); // header line
        } catch (IOException e) {
            return Stream.empty();
        }
    }
}
