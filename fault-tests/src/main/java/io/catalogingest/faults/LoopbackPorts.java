package io.catalogingest.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Whether something listens on a loopback port, without ever keeping that port busy ourselves.
 *
 * <p>The suite's ports (50000–50999) lie inside Linux's ephemeral range (32768–60999). Connecting to such a port
 * while nothing listens on it can pick that very port as the local one, and TCP's simultaneous open then connects the
 * socket to itself: the port stays taken and the service restarted there fails with "Port … already in use" (seen in
 * this suite with the JDK's HttpClient polling a killed gateway). So every HTTP call of the suite is preceded by this
 * check, which closes a self-connected socket at once; while a listener holds the port, the kernel never picks it as a
 * local port, so the call that follows cannot connect to itself.
 */
final class LoopbackPorts {

    private LoopbackPorts() {
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return socket.getLocalPort() != port;
        } catch (IOException e) {
            return false;
        }
    }
}
