package org.wiretop.tui;

/**
 * A one-line input at the bottom of the screen (filters, interface, file name, client line).
 *
 * @param kind  what the text is for
 * @param text  what was typed so far
 * @param error why the last attempt was refused ("" when none), shown in place
 */
public record Prompt(Kind kind, String text, String error) {
    /** What a prompt asks for, with its label. */
    public enum Kind {
        DISPLAY_FILTER("display filter"), CAPTURE_FILTER("capture filter (BPF)"), INTERFACE("interface"),
        SAVE("save ring to pcap file"), CLIENT("line to send"), FOLLOW_SEARCH("search the stream");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static Prompt of(Kind kind, String initial) {
        return new Prompt(kind, initial, "");
    }

    public Prompt type(char c) {
        return new Prompt(kind, text + c, "");
    }

    public Prompt backspace() {
        return text.isEmpty() ? this : new Prompt(kind, text.substring(0, text.length() - 1), "");
    }

    public Prompt failed(String why) {
        return new Prompt(kind, text, why);
    }
}
