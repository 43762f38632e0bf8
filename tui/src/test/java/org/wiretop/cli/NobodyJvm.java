package org.wiretop.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts wiretop in a JVM that may run as (or drop to) {@code nobody}: the test classpath copied
 * where any user may read it (the build tree or the local repository may sit under a private
 * home, and a JVM loads classes lazily, after a drop too) and a scratch directory anyone may write.
 * Copied once per test JVM; removed at its exit.
 */
final class NobodyJvm {
    private static Path root;
    private static String classpath;

    private NobodyJvm() {
    }

    static boolean setprivInstalled() {
        return Files.isExecutable(Path.of("/usr/bin/setpriv")) || Files.isExecutable(Path.of("/bin/setpriv"));
    }

    /** setpriv's prefix for nobody/nogroup, no groups, no capabilities. */
    static List<String> asNobody() {
        return List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all");
    }

    /** A fresh directory every user may write (mode 777). */
    static synchronized Path scratchDir(String name) throws IOException {
        prepare();
        Path d = Files.createTempDirectory(root, name);
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwx"));
        return d;
    }

    /** Starts {@code prefix... java -cp <readable> org.wiretop.cli.Main args...}. */
    static Process start(List<String> prefix, Path stdout, Path stderr, String... args) throws IOException {
        Path tmp = scratchDir("tmp");
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", classpath, "-Djna.tmpdir=" + tmp, "-Djava.io.tmpdir=" + tmp,
                "org.wiretop.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(tmp.toFile()).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }

    private static void prepare() throws IOException {
        if (root != null) {
            return;
        }
        Path dir = Files.createTempDirectory("wiretop-nobody");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!Files.exists(p)) {
                continue;
            }
            Path copy = dir.resolve((n++) + "-" + p.getFileName());
            copyReadable(p, copy);
            entries.add(copy.toString());
        }
        classpath = String.join(File.pathSeparator, entries);
        root = dir;
    }

    private static void copyReadable(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path f : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at exit
        }
    }
}
