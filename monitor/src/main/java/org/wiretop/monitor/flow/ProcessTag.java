package org.wiretop.monitor.flow;

import java.nio.charset.StandardCharsets;
import org.wiretop.monitor.socket.SocketOwner;

/**
 * The owner of one end of a flow, ready to print in each of the forms wiretop shows it: JSON's
 * {@code {"pid":1234,"name":"curl"}}, the pcapng comment {@code pid 1234 curl}, the UI's
 * {@code 1234/curl}. When the socket was found but not its process (it closed before /proc was
 * read, or belongs to a process we may not read), only its uid is known: {@code {"uid":1000}},
 * {@code uid 1000}. Immutable; shared by every flow of the same process.
 */
public final class ProcessTag {
    private final int pid;
    private final String name;
    private final int uid;
    private final byte[] json;
    private final String comment;
    private final String label;
    private final byte[] commentUtf8;
    private final byte[] peerCommentUtf8;

    private ProcessTag(int pid, String name, int uid) {
        this.pid = pid;
        this.name = name;
        this.uid = uid;
        if (pid > 0) {
            this.json = ("{\"pid\":" + pid + ",\"name\":\"" + jsonEscaped(name) + "\"}").getBytes(StandardCharsets.UTF_8);
            this.comment = "pid " + pid + " " + name;
            this.label = pid + "/" + name;
        } else {
            this.json = ("{\"uid\":" + uid + "}").getBytes(StandardCharsets.UTF_8);
            this.comment = "uid " + uid;
            this.label = comment;
        }
        this.commentUtf8 = comment.getBytes(StandardCharsets.UTF_8);
        this.peerCommentUtf8 = ("peer " + comment).getBytes(StandardCharsets.UTF_8);
    }

    /** A process found behind the socket. */
    public static ProcessTag of(SocketOwner owner) {
        return new ProcessTag(owner.pid(), owner.program() == null ? "" : owner.program(), -1);
    }

    /** A process by pid and name (tests, and owners known from elsewhere). */
    public static ProcessTag of(int pid, String name) {
        return new ProcessTag(pid, name, -1);
    }

    /** Only the socket's uid is known. */
    public static ProcessTag uid(int uid) {
        return new ProcessTag(0, "", uid);
    }

    /** The process id, or 0 when only the uid is known. */
    public int pid() {
        return pid;
    }

    /** The process name ({@code /proc/PID/comm}), "" when only the uid is known. */
    public String name() {
        return name;
    }

    /** The socket's uid when that is all we know, else -1. */
    public int uid() {
        return uid;
    }

    /** The JSON object, UTF-8; do not modify. */
    public byte[] json() {
        return json;
    }

    /** {@code pid 1234 curl} or {@code uid 1000}: the pcapng comment. */
    public String comment() {
        return comment;
    }

    /** {@link #comment()} in UTF-8; do not modify. */
    public byte[] commentUtf8() {
        return commentUtf8;
    }

    /** {@code peer pid 1234 curl}: the comment naming the other end of a packet, UTF-8; do not modify. */
    public byte[] peerCommentUtf8() {
        return peerCommentUtf8;
    }

    /** {@code 1234/curl} (as {@code ss -p} and netstat show it) or {@code uid 1000}. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return comment;
    }

    private static String jsonEscaped(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
