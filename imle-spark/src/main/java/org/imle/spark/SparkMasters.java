package org.imle.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spark master URLs: which forms are accepted, and whether a standalone master answers before a
 * Spark context waits a minute for it.
 */
final class SparkMasters {

    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?\\])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://([^:/\\s]+):([0-9]{1,5})");
    private static final int CONNECT_MILLIS = 5000;

    private SparkMasters() {
    }

    /**
     * The URL, if it has a form this executor supports.
     *
     * @throws IllegalArgumentException naming the URL and the accepted forms
     */
    static String check(String url) {
        if (url != null && (LOCAL.matcher(url).matches() || standalone(url) != null)) {
            return url;
        }
        throw new IllegalArgumentException("Spark master '" + url + "' is not local, local[N], local[*] or "
                + "spark://HOST:PORT");
    }

    /**
     * Opens and closes a connection to a standalone master.
     *
     * @throws SparkSolveException when nothing accepts connections there
     */
    static void checkReachable(String url) {
        InetSocketAddress address = resolve(url);
        if (address == null) {
            return;
        }
        if (address.isUnresolved()) {
            throw new SparkSolveException("cannot reach the Spark master " + url + ": unknown host "
                    + address.getHostString());
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, CONNECT_MILLIS);
        } catch (IOException e) {
            throw new SparkSolveException("cannot reach the Spark master " + url + ": " + e.getMessage());
        }
    }

    private static InetSocketAddress standalone(String url) {
        Matcher m = STANDALONE.matcher(url);
        if (!m.matches()) {
            return null;
        }
        int port = Integer.parseInt(m.group(2));
        return port >= 1 && port <= 65535 ? InetSocketAddress.createUnresolved(m.group(1), port) : null;
    }

    /** The address a standalone master URL names, resolved. */
    static InetSocketAddress resolve(String url) {
        InetSocketAddress a = standalone(url);
        return a == null ? null : new InetSocketAddress(a.getHostString(), a.getPort());
    }
}
