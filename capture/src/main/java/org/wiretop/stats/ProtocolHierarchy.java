package org.wiretop.stats;

/**
 * Frames and bytes per protocol path, as {@code tshark -q -z io,phs} counts them: each frame adds
 * its wire length to every node along its path ({@link ProtocolPath}); siblings keep the order in
 * which they were first seen. The tree lives in arrays sized once ({@code maxNodes}); a frame whose
 * path needs a node beyond that is counted in {@link #framesNotCounted()} instead.
 * Single writer (the capture thread); {@link #appendTo} after the run or from a copy.
 */
public final class ProtocolHierarchy {
    private static final int NONE = -1;

    private final String[] name;
    private final int[] firstChild;
    private final int[] nextSibling;
    private final long[] frames;
    private final long[] bytes;
    private int size;
    /** First node of the top level, or NONE. */
    private int root = NONE;
    private long framesNotCounted;

    public ProtocolHierarchy(int maxNodes) {
        name = new String[maxNodes];
        firstChild = new int[maxNodes];
        nextSibling = new int[maxNodes];
        frames = new long[maxNodes];
        bytes = new long[maxNodes];
    }

    /** Counts one frame of {@code wireLength} bytes along {@code path}. Allocates nothing. */
    public void add(ProtocolPath path, int wireLength) {
        add(path.names(), path.depth(), wireLength);
    }

    /** Counts one frame along {@code names[0, depth)}. Allocates nothing. */
    public void add(String[] names, int depth, int wireLength) {
        if (!reserve(names, depth)) {
            framesNotCounted++;
            return;
        }
        int parent = NONE;
        for (int level = 0; level < depth; level++) {
            int node = childOf(parent, names[level]);
            frames[node]++;
            bytes[node] += wireLength;
            parent = node;
        }
    }

    /** True when every node the path needs exists or fits. */
    private boolean reserve(String[] names, int depth) {
        int parent = NONE;
        for (int level = 0; level < depth; level++) {
            int node = find(parent, names[level]);
            if (node == NONE) {
                return size + depth - level <= name.length;
            }
            parent = node;
        }
        return true;
    }

    private int find(int parent, String protocol) {
        for (int n = parent == NONE ? root : firstChild[parent]; n != NONE; n = nextSibling[n]) {
            if (name[n].equals(protocol)) {
                return n;
            }
        }
        return NONE;
    }

    private int childOf(int parent, String protocol) {
        int found = find(parent, protocol);
        if (found != NONE) {
            return found;
        }
        int node = size++;
        name[node] = protocol;
        firstChild[node] = NONE;
        nextSibling[node] = NONE;
        int first = parent == NONE ? root : firstChild[parent];
        if (first == NONE) {
            if (parent == NONE) {
                root = node;
            } else {
                firstChild[parent] = node;
            }
        } else {
            int last = first;
            while (nextSibling[last] != NONE) {
                last = nextSibling[last];
            }
            nextSibling[last] = node;
        }
        return node;
    }

    /** Frames whose path did not fit the table. */
    public long framesNotCounted() {
        return framesNotCounted;
    }

    /** tshark's table: the banner, then one line a node, two spaces of indent a level. */
    public void appendTo(StringBuilder out) {
        out.append('\n');
        out.append("===================================================================\n");
        out.append("Protocol Hierarchy Statistics\n");
        out.append("Filter: \n\n");
        appendNodes(out, root, 0);
        if (framesNotCounted > 0) {
            out.append(framesNotCounted).append(" more frames not counted (more than ")
                    .append(name.length).append(" protocol paths)\n");
        }
        out.append("===================================================================\n");
    }

    private void appendNodes(StringBuilder out, int first, int indent) {
        for (int n = first; n != NONE; n = nextSibling[n]) {
            int start = out.length();
            for (int i = 0; i < indent; i++) {
                if (i > 15) {
                    out.append("...");
                    break;
                }
                out.append("  ");
            }
            out.append(name[n]);
            while (out.length() - start < 40) {
                out.append(' ');
            }
            out.append(" frames:").append(frames[n]).append(" bytes:").append(bytes[n]).append('\n');
            appendNodes(out, firstChild[n], indent + 1);
        }
    }
}
