package org.imle.examples.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The listening TCP sockets of given processes that are not bound to a loopback address, read from
 * {@code /proc/net/tcp} and {@code /proc/net/tcp6} (state 0A) and matched to the processes by the
 * socket inodes of their {@code /proc/PID/fd}. Other processes of the machine are not looked at.
 */
final class LoopbackSockets {

    private static final String LISTEN = "0A";

    private LoopbackSockets() {
    }

    /** "pid P listens on ADDRESS:PORT" for every such socket of the processes; empty when all are loopback. */
    static List<String> nonLoopbackListeners(List<ProcessHandle> processes) throws IOException {
        List<String> found = new ArrayList<>();
        for (ProcessHandle p : processes) {
            Set<String> inodes = socketInodes(p.pid());
            for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
                List<String> lines = Files.readAllLines(Path.of(table));
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.trim().split("\\s+");
                    if (f[3].equals(LISTEN) && inodes.contains(f[9]) && !loopback(f[1].split(":")[0])) {
                        found.add("pid " + p.pid() + " listens on " + f[1] + " (" + table + ")");
                    }
                }
            }
        }
        return found;
    }

    /** Whether a hex address of /proc/net/tcp{,6} is 127.0.0.0/8, ::1 or ::ffff:127.x.x.x. */
    static boolean loopback(String hex) {
        String h = hex.toUpperCase(Locale.ROOT);
        if (h.length() == 8) {
            return h.endsWith("7F"); // little-endian: the first octet is the last byte
        }
        return h.equals("00000000000000000000000001000000")
                || (h.startsWith("0000000000000000FFFF0000") && h.endsWith("7F"));
    }

    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        Path fds = Path.of("/proc", String.valueOf(pid), "fd");
        if (!Files.isDirectory(fds)) {
            return inodes;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
            for (Path fd : entries) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // a descriptor closed while reading the directory
                }
            }
        }
        return inodes;
    }
}
