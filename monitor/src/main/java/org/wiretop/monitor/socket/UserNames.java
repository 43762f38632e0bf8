package org.wiretop.monitor.socket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * uid → login name from {@code /etc/passwd} (read once, and once more when an unknown uid
 * shows up, so a user added while we run still gets a name). A uid with no entry prints as
 * its number, as ls does.
 */
final class UserNames {
    private final Path passwd;
    private Map<Integer, String> names;
    private boolean rereadDone;

    UserNames(Path passwd) {
        this.passwd = passwd;
    }

    synchronized String nameOf(int uid) {
        if (names == null) {
            names = load();
        }
        String name = names.get(uid);
        if (name == null && !rereadDone) {
            rereadDone = true;
            names = load();
            name = names.get(uid);
        }
        return name != null ? name : Integer.toString(uid);
    }

    private Map<Integer, String> load() {
        Map<Integer, String> map = new HashMap<>();
        try {
            for (String line : Files.readAllLines(passwd, StandardCharsets.UTF_8)) {
                // name:password:uid:gid:gecos:home:shell
                String[] f = line.split(":", 4);
                if (f.length >= 3) {
                    try {
                        map.putIfAbsent(Integer.parseInt(f[2]), f[0]);
                    } catch (NumberFormatException ignored) {
                        // a comment or a broken line: skip it
                    }
                }
            }
        } catch (IOException e) {
            // no passwd file (a minimal container): every user prints as a number
        }
        return map;
    }
}
