package org.wiretop.decode;

/**
 * The one signal that a read ran past the captured bytes (design §4 rule 2). Preallocated and
 * stackless, so throwing it costs about as much as a return; only {@link Decoder#decode} catches it.
 */
final class Truncated extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final Truncated INSTANCE = new Truncated();

    private Truncated() {
        super("truncated", null, false, false);
    }
}
