package org.wiretop.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.wiretop.capture.LiveOptions;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;
import org.wiretop.monitor.flow.FlowAttribution;
import org.wiretop.monitor.flow.FlowEndpoint;
import org.wiretop.monitor.flow.FlowOwner;
import org.wiretop.monitor.flow.LocalAddresses;

/**
 * Attribution latency, live on lo, as {@code wiretop capture} meets it: a capture thread decodes
 * each packet and hands it to {@link FlowAttribution}, while real python3 clients (connect, send 2
 * bytes, read, hold HOLD_MS, close, exit) talk to a long-lived python3 server. For each flow:
 * the server end is named when its first packet is handled (latency = that moment minus the
 * packet's capture timestamp), the client end when the lookup thread answers (its answer's time
 * minus the first packet's timestamp). Prints median and p99 of each and the shares named.
 *
 * With a fifth argument {@code nosyns} the lookups start from the main capture's packets only
 * (no {@code SynWatch}), as before it was built.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.wiretop.bench.AttributionLatency SERVER.py CLIENT.py CLIENTS HOLD_MS [nosyns]</pre>
 */
public final class AttributionLatency {
    private AttributionLatency() {
    }

    public static void main(String[] args) throws Exception {
        String python = "/usr/bin/python3";
        int clients = Integer.parseInt(args[2]);
        String hold = args[3];
        boolean syns = args.length < 5 || !args[4].equals("nosyns");
        Process server = new ProcessBuilder(python, args[0]).start();
        String[] hello = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII))
                .readLine().strip().split(" ");
        int port = Integer.parseInt(hello[1]);
        Map<Integer, Long> serverKnown = new java.util.concurrent.ConcurrentHashMap<>();
        Map<Integer, FlowOwner> owners = new java.util.concurrent.ConcurrentHashMap<>();
        try (FlowAttribution attribution = FlowAttribution.start(LocalAddresses.fromSystem());
             PacketSource source = Sources.openLive(new LiveOptions("lo", "tcp port " + port, 262144, false, false,
                     32 << 20, LiveOptions.ATTRIBUTION_TIMEOUT_MILLIS))) {
            if (syns) {
                attribution.watchSyns("lo", "tcp port " + port);
            }
            attribution.awaitListeners(2000);
            Decoder decoder = new Decoder();
            PacketSummary s = new PacketSummary();
            Thread capture = new Thread(() -> {
                try {
                    source.run((nanos, wire, data, len) -> {
                        s.epochNanos = nanos;
                        decoder.decode(source.linkType(), data, len, wire, s);
                        FlowOwner o = attribution.observe(s);
                        int clientPort = s.srcPort == port ? s.dstPort : s.srcPort;
                        if (o != null && !owners.containsKey(clientPort)) {
                            owners.put(clientPort, o);
                            if (o.of(FlowEndpoint.ipv4(0x7F000001, port)) != null) {
                                serverKnown.put(clientPort, now() - nanos);
                            }
                        }
                    }, 0);
                } catch (Exception e) {
                    e.printStackTrace();
                }
            }, "capture");
            capture.start();
            List<Integer> ports = new ArrayList<>();
            List<Double> lifetimes = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Process p = new ProcessBuilder(python, args[1], String.valueOf(port), hold).start();
                String[] f = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine().strip().split(" ");
                p.waitFor(10, TimeUnit.SECONDS);
                ports.add(Integer.parseInt(f[1]));
                lifetimes.add(Double.parseDouble(f[2]));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && !allSettled(owners, ports)) {
                Thread.onSpinWait();
            }
            source.stop();
            capture.join(5000);
            List<Double> serverMs = new ArrayList<>(), clientMs = new ArrayList<>();
            int named = 0;
            for (int p : ports) {
                FlowOwner o = owners.get(p);
                if (o == null) {
                    continue;
                }
                Long known = serverKnown.get(p);
                if (known != null) {
                    serverMs.add(known / 1e6);
                }
                if (o.of(FlowEndpoint.ipv4(0x7F000001, p)) != null && o.resolvedEpochNanos() > 0) {
                    named++;
                    clientMs.add((o.resolvedEpochNanos() - o.firstPacketEpochNanos()) / 1e6);
                }
            }
            Collections.sort(lifetimes);
            System.out.printf("clients %d (hold %s ms, %s, connection lifetime median %.1f ms): server named on the first"
                            + " packet %d/%d, latency median %.2f ms p99 %.2f ms; client named %d/%d, latency median"
                            + " %.2f ms p99 %.2f ms%n", clients, hold, syns ? "SYN watch" : "no SYN watch", lifetimes.get(lifetimes.size() / 2), serverMs.size(),
                    ports.size(), pct(serverMs, 50), pct(serverMs, 99), named, ports.size(), pct(clientMs, 50),
                    pct(clientMs, 99));
        } finally {
            server.destroy();
        }
    }

    private static boolean allSettled(Map<Integer, FlowOwner> owners, List<Integer> ports) {
        for (int p : ports) {
            FlowOwner o = owners.get(p);
            if (o == null || !o.settled()) {
                return false;
            }
        }
        return true;
    }

    private static long now() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static double pct(List<Double> v, int p) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
    }
}
