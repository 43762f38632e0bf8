package org.wiretop.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The drop itself runs in a child JVM (a process can only drop once, and the test JVM must stay
 * root): as root it must end as nobody in every thread, unable to read a root-only file or to
 * get root back, and files it creates must belong to nobody.
 */
class PrivilegesTest {
    private static final int NOBODY = 65534;

    @AfterAll
    static void cleanUp() throws IOException {
        ChildJvm.deleteAll();
    }

    @Test
    void looksUpUsersAndTheirGroups() throws Exception {
        UserAccount root = Privileges.lookup("root");
        assertEquals(0, root.uid());
        assertEquals(0, root.gid());
        assertTrue(Arrays.stream(root.groups()).anyMatch(g -> g == 0), root.toString());
        assumeTrue(Files.readString(Path.of("/etc/passwd")).contains("\nnobody:"), "no 'nobody' account here");
        UserAccount nobody = Privileges.lookup("nobody");
        assertEquals(NOBODY, nobody.uid());
    }

    @Test
    void unknownUserIsOneClearLine() {
        PrivilegeException e = assertThrows(PrivilegeException.class,
                () -> Privileges.dropTo("no-such-user-wiretop"));
        assertEquals("no such user \"no-such-user-wiretop\" to drop privileges to: name an existing account"
                + " (e.g. nobody)", e.getMessage());
        assertTrue(e.usage());
        assertThrows(PrivilegeException.class, () -> Privileges.lookup(""));
    }

    @Test
    void rootDropsToNobodyForGood() throws Exception {
        assumeTrue(Privileges.euid() == 0, "needs root to drop privileges (run the tests as root)");
        assumeTrue(Files.readString(Path.of("/etc/passwd")).contains("\nnobody:"), "no 'nobody' account here");
        Path dir = ChildJvm.tempDir("drop");
        Path secret = dir.resolve("root-only.txt");
        Files.writeString(secret, "secret\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Path out = dir.resolve("out");
        Files.createDirectory(out);
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path created = out.resolve("after-drop.txt");

        ChildJvm.Result r = ChildJvm.run(List.of(), DropChild.class, "nobody", secret.toString(), created.toString());

        assertEquals(0, r.exitCode(), r.output());
        UserAccount nobody = Privileges.lookup("nobody");
        assertTrue(r.output().contains("uid=65534 euid=65534 gid=" + nobody.gid() + " groups="
                + Arrays.toString(sorted(nobody.groups())) + "\n"), r.output());
        assertTrue(r.output().contains("earlier-thread-uid=65534\n"), r.output());
        assertTrue(r.output().contains("root-only-file=denied\n"), r.output());
        assertTrue(r.output().contains("setuid0=refused\n"), r.output());
        assertTrue(r.output().contains("net_raw=false\n"), r.output());
        assertEquals(NOBODY, (int) Files.getAttribute(created, "unix:uid"));
        assertEquals(nobody.gid(), (int) Files.getAttribute(created, "unix:gid"));
    }

    @Test
    void nonRootCannotSwitchAndRefusesToGoOn() throws Exception {
        assumeTrue(Privileges.euid() == 0, "needs root to start a child as nobody");
        assumeTrue(ChildJvm.setprivAvailable(), "setpriv (util-linux) is not installed");
        ChildJvm.Result r = ChildJvm.run(ChildJvm.asNobody(), DropChild.class, "root", "/nonexistent", "/nonexistent");
        assertEquals(3, r.exitCode(), r.output());
        assertTrue(r.output().startsWith("refused: cannot drop privileges to root: setgroups failed:"
                + " Operation not permitted (errno 1); switching users needs root (start wiretop with sudo)"),
                r.output());
    }

    @Test
    void droppingToTheUserAlreadyInEffectIsANoOp() throws Exception {
        assumeTrue(Privileges.euid() == 0, "needs root to start a child as nobody");
        assumeTrue(ChildJvm.setprivAvailable(), "setpriv (util-linux) is not installed");
        Path out = ChildJvm.tempDir("noop").resolve("out");
        Files.createDirectory(out);
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxrwx"));
        ChildJvm.Result r = ChildJvm.run(ChildJvm.asNobody(), DropChild.class, "nobody", "/nonexistent",
                out.resolve("f").toString());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("uid=65534 euid=65534 gid=65534 groups=[]\n"), r.output());
        assertTrue(r.output().contains("setuid0=refused\n"), r.output());
    }

    private static int[] sorted(int[] a) {
        int[] copy = a.clone();
        Arrays.sort(copy);
        return copy;
    }

    /** Runs in the child JVM: drop to args[0], then report what the process can still do. */
    public static final class DropChild {
        public static void main(String[] args) throws Exception {
            CountDownLatch dropped = new CountDownLatch(1);
            AtomicInteger earlierThreadUid = new AtomicInteger(-2);
            Thread earlier = new Thread(() -> { // started as root, before the drop
                try {
                    dropped.await();
                } catch (InterruptedException e) {
                    return;
                }
                earlierThreadUid.set(Privileges.euid());
            });
            earlier.start();
            try {
                Privileges.dropTo(args[0]);
            } catch (PrivilegeException e) {
                System.out.println("refused: " + e.getMessage());
                System.exit(3);
            }
            dropped.countDown();
            earlier.join(TimeUnit.SECONDS.toMillis(30));
            int[] groups = Privileges.groups();
            Arrays.sort(groups);
            StringBuilder sb = new StringBuilder();
            sb.append("uid=").append(Privileges.uid()).append(" euid=").append(Privileges.euid())
                    .append(" gid=").append(Privileges.gid()).append(" groups=").append(Arrays.toString(groups))
                    .append('\n');
            sb.append("earlier-thread-uid=").append(earlierThreadUid.get()).append('\n');
            try {
                Files.readString(Path.of(args[1]));
                sb.append("root-only-file=READ\n");
            } catch (AccessDeniedException e) {
                sb.append("root-only-file=denied\n");
            } catch (IOException e) {
                sb.append("root-only-file=").append(e.getClass().getSimpleName()).append('\n');
            }
            sb.append("setuid0=").append(CredentialsLibC.C.setuid(0) == 0 ? "SUCCEEDED" : "refused").append('\n');
            sb.append("net_raw=").append(Capabilities.current().hasNetRaw()).append('\n');
            Files.writeString(Path.of(args[2]), "made after the drop\n");
            System.out.print(sb);
            System.out.flush();
        }
    }

    /** Starts a JVM on this module's classes, readable by an unprivileged user. */
    static final class ChildJvm {
        record Result(int exitCode, String output) {
        }

        private static final List<Path> TEMP = new ArrayList<>();
        private static String classpath;
        private static Path jnaTmp;

        static boolean setprivAvailable() {
            return Files.isExecutable(Path.of("/usr/bin/setpriv")) || Files.isExecutable(Path.of("/bin/setpriv"));
        }

        /** setpriv prefix: nobody/nogroup, no groups, no capabilities. */
        static List<String> asNobody() {
            return List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all");
        }

        static synchronized Path tempDir(String prefix) throws IOException {
            Path dir = Files.createTempDirectory("wiretop-" + prefix);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            TEMP.add(dir);
            return dir;
        }

        /**
         * The child's classpath, copied where any user may read it (the build tree or the local
         * repository may sit under a private home): our classes and JNA, nothing else.
         */
        private static synchronized String classpath() throws IOException {
            if (classpath == null) {
                Path dir = tempDir("cp");
                jnaTmp = dir.resolve("jna-tmp");
                Files.createDirectory(jnaTmp);
                Files.setPosixFilePermissions(jnaTmp, PosixFilePermissions.fromString("rwxrwxrwx"));
                List<String> entries = new ArrayList<>();
                int n = 0;
                for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                    Path p = Path.of(entry);
                    boolean ours = Files.isDirectory(p);
                    if (!ours && !p.getFileName().toString().startsWith("jna")) {
                        continue;
                    }
                    Path copy = dir.resolve((n++) + "-" + p.getFileName());
                    copyReadable(p, copy);
                    entries.add(copy.toString());
                }
                classpath = String.join(File.pathSeparator, entries);
            }
            return classpath;
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

        static Result run(List<String> prefix, Class<?> main, String... args) throws Exception {
            List<String> cmd = new ArrayList<>(prefix);
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classpath(),
                    "-Djna.tmpdir=" + jnaTmp, "-Djava.io.tmpdir=" + jnaTmp, main.getName()));
            cmd.addAll(List.of(args));
            Path log = Files.createTempFile(jnaTmp.getParent(), "child", ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .directory(jnaTmp.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("child JVM did not finish in 60 s: " + cmd);
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        }

        static synchronized void deleteAll() throws IOException {
            for (Path dir : TEMP) {
                try (var walk = Files.walk(dir)) {
                    walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(f -> f.toFile().delete());
                }
            }
            TEMP.clear();
            classpath = null;
        }
    }
}
