package org.wiretop.tui;

import org.junit.jupiter.api.Test;
import org.wiretop.cli.Main;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The UI's options fail with exit 2 before any terminal is touched. */
class TuiCommandLineTest {
    @Test
    void aMissingFileIsAUsageError() {
        assertEquals(2, Main.run("-r", "/nonexistent/wiretop-test.pcap"));
    }

    @Test
    void impossibleRingBoundsAreUsageErrors() {
        assertEquals(2, Main.run("--ring-packets", "0"));
        assertEquals(2, Main.run("--ring-mb", "0"));
    }

    @Test
    void aFilterWithAFileIsAUsageError() {
        assertEquals(2, Main.run("-r", "/nonexistent.pcap", "tcp"));
    }

    @Test
    void aBadDecodeAsIsAUsageErrorNamingIt() {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(2, Main.run("--decode-as", "8000=nosuch", "-i", "lo"));
            assertEquals(2, Main.run("--decode-as", "http", "-i", "lo"));
        } finally {
            System.setErr(err);
        }
        String text = said.toString(java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("unknown protocol 'nosuch'")
                && text.contains("bad --decode-as 'http': give PORT=PROTO"), text);
    }

    @Test
    void aBadColorIsAUsageErrorNamingTheChoices() {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(2, Main.run("--color", "sometimes", "-i", "lo"));
        } finally {
            System.setErr(err);
        }
        String text = said.toString(java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertEquals(1, text.strip().lines().count(), "one line: " + text);
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("--color takes never, auto or always, not 'sometimes'"), text);
    }

    @Test
    void withoutATerminalItSaysSoInsteadOfOpening() {
        // Tests run without a console: the UI must refuse in one line, not garble the output.
        org.junit.jupiter.api.Assumptions.assumeTrue(System.console() == null, "running in a terminal");
        assertEquals(2, Main.run("-i", "lo"));
    }
}
