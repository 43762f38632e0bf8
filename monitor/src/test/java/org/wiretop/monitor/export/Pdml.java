package org.wiretop.monitor.export;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * tshark's PDML of IPFIX messages, cut into what the tests compare: per message its header
 * fields, and per data record ("Flow N") every {@code cflow.*} field it decoded, in order (a
 * biflow's reverse elements repeat the forward field names).
 */
final class Pdml {
    /** One message: header fields and its flows. */
    record Message(Map<String, List<String>> header, List<Map<String, List<String>>> flows) {
        String first(String field) {
            List<String> v = header.get(field);
            return v == null ? null : v.get(0);
        }
    }

    private Pdml() {
    }

    static List<Message> parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
        List<Message> messages = new ArrayList<>();
        NodeList packets = root.getElementsByTagName("packet");
        for (int i = 0; i < packets.getLength(); i++) {
            Element cflow = null;
            NodeList protos = ((Element) packets.item(i)).getElementsByTagName("proto");
            for (int k = 0; k < protos.getLength(); k++) {
                if ("cflow".equals(((Element) protos.item(k)).getAttribute("name"))) {
                    cflow = (Element) protos.item(k);
                }
            }
            if (cflow == null) {
                continue;
            }
            Map<String, List<String>> header = new LinkedHashMap<>();
            List<Map<String, List<String>>> flows = new ArrayList<>();
            walk(cflow, header, flows);
            messages.add(new Message(header, flows));
        }
        return messages;
    }

    private static void walk(Element e, Map<String, List<String>> into, List<Map<String, List<String>>> flows) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element c) || !c.getTagName().equals("field")) {
                continue;
            }
            String name = c.getAttribute("name");
            if (name.isEmpty() && c.getAttribute("show").matches("Flow \\d+")) {
                Map<String, List<String>> flow = new LinkedHashMap<>();
                walk(c, flow, flows);
                flows.add(flow);
                continue;
            }
            if (name.startsWith("cflow.")) {
                into.computeIfAbsent(name, k -> new ArrayList<>()).add(c.getAttribute("show"));
            }
            walk(c, into, flows);
        }
    }
}
