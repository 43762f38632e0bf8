package org.wiretop.decode;

/**
 * The one signal that a read ran past the captured bytes (design §4 rule 2). Preallocated and
 * stackless, so throwing it costs about as much as a return. Caught in two places only:
 * {@link Decoder#decode} (decoding) and the application-layer printer's entry point (printing
 * tcpdump's text, which like tcpdump stops where the bytes end and says {@code [|domain]}).
 */
public final class Truncated extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final Truncated INSTANCE = new Truncated();

    private Truncated() {
        super("truncated", null, false, false);
    }
}
