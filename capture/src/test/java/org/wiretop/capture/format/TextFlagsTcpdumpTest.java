package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Oracle: tcpdump's text flags on hand-made packets ({@link FlagFixtures}: checksums right and
 * wrong, IPv4 options, ICMP errors and their quotes, IPv6 neighbour discovery, DNS, ARP, VLAN,
 * padding, headers cut short) under five link types. For every flag set below, tcpdump's whole
 * output ({@code tcpdump -nn FLAGS -r}) must equal ours byte for byte, packet by packet.
 * Skips when tcpdump is not installed.
 */
class TextFlagsTcpdumpTest {
    private static final String[][] FLAGS = {{}, {"-x"}, {"-xx"}, {"-X"}, {"-XX"}, {"-A"}, {"-e"}, {"-v"}, {"-vv"},
        {"-vvv"}, {"-e", "-v", "-X"}, {"-e", "-vv", "-xx"}};

    @TempDir
    Path dir;

    @Test
    void everyFlagEqualsTcpdump() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump")),
                "tcpdump is not installed (apt-get install tcpdump): skipping the oracle comparison");
        StringBuilder diffs = new StringBuilder();
        StringBuilder everything = new StringBuilder();
        int records = 0, equal = 0;
        for (FlagFixtures.Capture capture : FlagFixtures.all()) {
            Path file = dir.resolve(capture.name() + ".pcap");
            capture.write(file);
            for (String[] flags : FLAGS) {
                String output = TextFlagsCorpusTest.tcpdump(file, flags);
                everything.append(output);
                List<String> theirs = TextFlagsCorpusTest.records(output);
                List<String> ours = TextFlagsCorpusTest.ours(file, flags).records();
                assertTrue(theirs.size() == capture.frames().size(), capture.name() + " " + String.join(" ", flags)
                        + ": tcpdump printed " + theirs.size() + " packets of " + capture.frames().size());
                for (int i = 0; i < theirs.size(); i++) {
                    String o = i < ours.size() ? ours.get(i) : "";
                    records++;
                    if (theirs.get(i).equals(o)) {
                        equal++;
                    } else {
                        diffs.append('\n').append(capture.name()).append(' ').append(String.join(" ", flags)).append(" #")
                                .append(i + 1).append("\n  tcpdump: ").append(theirs.get(i)).append("\n  wiretop: ").append(o);
                    }
                }
            }
        }
        System.out.println("TextFlagsTcpdumpTest: " + equal + " / " + records + " packets print as tcpdump's");
        for (String marker : new String[] {"(correct)", "(incorrect -> 0x", "[udp sum ok]", "[bad udp cksum", "[no cksum]",
            "[RST+ ", "wrong icmp cksum", "options (RR", "TS{", ",CE", "flags [+]", "bad cksum", "flowlabel 0x12345",
            "frag (0x00000055:0|56)", "[icmp6 sum ok]", "source link-address option", "prefix info option", "rdnss option",
            "Flags [solicited, override]", "unreachable port, 2001:db8::2", "udp port 45000 unreachable",
            "\n\tIP (tos", "IP6, wrong link-layer encapsulation", "[|domain]", "Multi-Part extension v2",
            "label 16, tc 0, [S], ttl 1", "q: A? example.com.", "[1h]", "vlan 100, p 3", "802.1Q-QinQ", "AF IPv6 (30)",
            "ifindex 1", "ip: ", "Out 02:00:00:00:00:01 ethertype IPv4 (0x0800)", "Ethernet (len 6), IPv4 (len 4)", " [|arp]", " [|icmp]",
            "ethertype Unknown (0x1234), length 50: \n\t0x0000:"}) {
            assertTrue(everything.indexOf(marker) >= 0, "no fixture makes tcpdump print " + marker);
        }
        assertTrue(diffs.length() == 0, "packets that print differently from tcpdump:" + diffs);
    }
}
