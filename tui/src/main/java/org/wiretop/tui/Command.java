package org.wiretop.tui;

/** Something a key asks the app to do beyond changing the UI state (the reducer's side effects). */
public sealed interface Command {
    /** Compile and apply a display filter ("" clears it). */
    record ApplyDisplayFilter(String text) implements Command { }

    /** Restart the capture with this BPF filter. */
    record RestartCapture(String bpf) implements Command { }

    /** Restart the capture on this interface. */
    record SwitchInterface(String name) implements Command { }

    /** Write the packets held in the ring to a pcap file. */
    record SaveRing(String path) implements Command { }

    /** Start the server at this row of the Servers view if stopped, stop it if running. */
    record ToggleServer(int index) implements Command { }

    /** Send a line to the server at this row with its quick client. */
    record SendToServer(int index, String line) implements Command { }

    /** Open the Follow view on the stream of the Connections view's selected row. */
    record FollowConnection() implements Command { }

    /** Leave the UI. */
    record Quit() implements Command { }
}
