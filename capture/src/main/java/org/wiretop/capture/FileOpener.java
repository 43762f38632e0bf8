package org.wiretop.capture;

import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

/**
 * Opens a capture file by its magic: classic pcap through our own chunked reader, pcapng
 * through our own block reader (which keeps the packets' comments; libpcap drops them), "-" as a
 * pcap or pcapng stream on standard input (pure Java). libpcap reads any file on request.
 */
final class FileOpener {
    private FileOpener() {
    }

    static PacketSource open(String pathOrDash) throws CaptureException {
        if (pathOrDash == null || pathOrDash.isEmpty()) {
            throw new CaptureException("no file given: name a pcap or pcapng file, or - for standard input", true);
        }
        if (pathOrDash.equals("-")) {
            return openStream("-", new FileInputStream(FileDescriptor.in));
        }
        Path path = Path.of(pathOrDash);
        byte[] head = readHead(pathOrDash, path);
        int magic = PcapFormat.magicOf(head);
        if (PcapFormat.isClassic(magic)) {
            PcapFormat format = PcapFormat.parse(head);
            if (format == null) {
                throw new CaptureException(pathOrDash + ": pcap header cut short (" + head.length + " bytes): the file is incomplete", true);
            }
            try {
                return new PcapFileSource(pathOrDash, path, format);
            } catch (IOException e) {
                throw new CaptureException(pathOrDash + ": cannot read: " + e.getMessage(), true, e);
            }
        }
        if (magic == PcapFormat.MAGIC_PCAPNG) {
            InputStream in;
            try {
                in = Files.newInputStream(path);
            } catch (IOException e) {
                throw new CaptureException(pathOrDash + ": cannot read: " + e.getMessage(), true, e);
            }
            try {
                return PcapngStreamSource.open(pathOrDash, in);
            } catch (CaptureException | RuntimeException e) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // reporting the first failure
                }
                throw e;
            }
        }
        throw new CaptureException(pathOrDash + ": not a capture file (neither pcap nor pcapng)", true);
    }

    /**
     * A pcap or pcapng stream read packet by packet (standard input, a pipe, a socket): the one
     * place that tells the two apart, by peeking at the first four bytes.
     */
    static PacketSource openStream(String name, InputStream raw) throws CaptureException {
        // Buffered: two reads a packet would be two system calls. A buffered read still returns
        // as soon as the pipe has the bytes asked for (it never waits to fill its buffer).
        BufferedInputStream in = raw instanceof BufferedInputStream b ? b : new BufferedInputStream(raw, 1 << 16);
        byte[] magic = new byte[4];
        int got;
        try {
            in.mark(magic.length);
            got = in.readNBytes(magic, 0, magic.length);
            in.reset();
        } catch (IOException e) {
            throw new CaptureException(name + ": cannot read: " + e.getMessage(), false, e);
        }
        if (got == magic.length && PcapFormat.magicOf(magic) == PcapFormat.MAGIC_PCAPNG) {
            return PcapngStreamSource.open(name, in);
        }
        return PcapStreamSource.open(name, in);
    }

    /** Reads any file libpcap can (pcap and pcapng) through pcap4j, with nanosecond stamps. */
    static PacketSource openWithLibpcap(String path) throws CaptureException {
        if (!Files.isReadable(Path.of(path))) {
            throw new CaptureException(path + ": no such file, or not readable", true);
        }
        LibPcap.ensureLoaded();
        PcapHandle handle;
        try {
            handle = Pcaps.openOffline(path, PcapHandle.TimestampPrecision.NANO);
        } catch (PcapNativeException e) {
            throw new CaptureException(path + ": not a readable capture file: " + PcapErrors.clean(e.getMessage()), true, e);
        }
        try {
            return new Pcap4jSource(handle, path, false);
        } catch (CaptureException e) {
            handle.close();
            throw e;
        }
    }

    private static byte[] readHead(String name, Path path) throws CaptureException {
        if (Files.isDirectory(path)) {
            throw new CaptureException(name + ": is a directory, not a capture file", true);
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(PcapFormat.GLOBAL_HEADER);
            if (head.length < 4) {
                throw new CaptureException(name + ": " + (head.length == 0 ? "empty file" : "too short")
                        + ", not a capture file", true);
            }
            return head;
        } catch (NoSuchFileException e) {
            throw new CaptureException(name + ": no such file", true, e);
        } catch (IOException e) {
            throw new CaptureException(name + ": cannot read: " + e.getMessage(), true, e);
        }
    }
}
