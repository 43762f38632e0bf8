package org.wiretop.capture.format;

/**
 * tcpdump's flags that change the text line: {@code -v} (counted), {@code -e} (the link-level
 * header first) and the raw-byte dumps after the line ({@code -A}, {@code -x}/{@code -xx},
 * {@code -X}/{@code -XX}). As in tcpdump, -X wins over -x, and -x over -A. Ours: the dump can
 * show only the application payload ({@code --payload}, as asked in tcpdump issue 654).
 *
 * @param verbose    the {@code -v} count (0 = none, 3 = {@code -vvv})
 * @param linkHeader {@code -e}: print the link-level header before the line
 * @param dump       which dump follows the line
 * @param dumpLink   the dump starts at the link-level header ({@code -xx}, {@code -XX},
 *                   {@code -AA}) instead of the network header
 * @param payloadOnly the dump shows only the TCP or UDP payload, and nothing for a packet without one
 * @param expert     ours ({@code --expert}): the TCP expert flags after tcpdump's whole line
 *                   ({@code [retransmission]}); off, the line is tcpdump's alone
 */
public record TextOptions(int verbose, boolean linkHeader, Dump dump, boolean dumpLink, boolean payloadOnly,
                          boolean expert) {
    /** What follows each line. */
    public enum Dump { NONE, ASCII, HEX, HEX_ASCII }

    /** tcpdump's default: nothing of the above. */
    public static final TextOptions DEFAULT = new TextOptions(0, false, Dump.NONE, false, false, false);

    public TextOptions {
        if (verbose < 0 || dump == null) {
            throw new IllegalArgumentException("verbose " + verbose + ", dump " + dump);
        }
    }

    /**
     * The options for tcpdump's flag counts ({@code -xx} = x 2); {@code payloadOnly} without a
     * dump flag means {@code -X}'s dump.
     */
    public static TextOptions of(int verbose, boolean linkHeader, int ascii, int hex, int hexAscii, boolean payloadOnly) {
        if (hexAscii > 0) {
            return new TextOptions(verbose, linkHeader, Dump.HEX_ASCII, hexAscii > 1, payloadOnly, false);
        }
        if (hex > 0) {
            return new TextOptions(verbose, linkHeader, Dump.HEX, hex > 1, payloadOnly, false);
        }
        if (ascii > 0) {
            return new TextOptions(verbose, linkHeader, Dump.ASCII, ascii > 1, payloadOnly, false);
        }
        return new TextOptions(verbose, linkHeader, payloadOnly ? Dump.HEX_ASCII : Dump.NONE, false, payloadOnly, false);
    }

    /** The same options, with or without the expert flags. */
    public TextOptions withExpert(boolean on) {
        return new TextOptions(verbose, linkHeader, dump, dumpLink, payloadOnly, on);
    }

    /** The same options without the dump (for the packet an ICMP error quotes). */
    TextOptions withoutDump() {
        return new TextOptions(verbose, linkHeader, Dump.NONE, false, false, false);
    }
}
