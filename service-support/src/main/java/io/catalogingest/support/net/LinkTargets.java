package io.catalogingest.support.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.net.SocketFactory;

import okhttp3.Dns;

/**
 * The checks every external media link passes: at the gateway when a client submits it, and again in the
 * approval-worker when promotion fetches it. A link is an absolute {@code https} URL (or {@code http} when the
 * deployment allows it) of at most {@code maxUrlLength} characters, naming a host and no credentials, whose host
 * resolves only to public addresses ({@link PublicAddresses}) unless the deployment allows private targets.
 *
 * <p>{@link #dns()} is what the fetching HTTP client resolves hosts with: it resolves once, refuses the host if any
 * answer is not public, and hands the client exactly the addresses it checked, so the connection goes to a checked
 * address (a DNS answer that changes between the check and the connection — rebinding — cannot slip a private address
 * in). Every redirect's host goes through it too. {@link #socketFactory()} checks the address again as each socket
 * connects, which covers what a resolver never sees (IP literals, a redirect to one).
 */
public final class LinkTargets {

    private static final String NON_PUBLIC = "must not point to a private, loopback, link-local or other non-public "
            + "address";

    private final LinkProperties properties;

    public LinkTargets(LinkProperties properties) {
        this.properties = properties;
    }

    /** Why a link is refused, for the client: the message of the field that holds it. */
    public record Refusal(String message) {
    }

    /** Why {@code url} is not an acceptable link (its form, then where its host resolves); empty when it is. */
    public Optional<Refusal> refusal(String url) {
        Optional<Refusal> form = formRefusal(url);
        if (form.isPresent()) {
            return form;
        }
        try {
            resolve(URI.create(url).getHost());
            return Optional.empty();
        } catch (RefusedTargetException e) {
            return Optional.of(new Refusal(e.getMessage()));
        } catch (UnknownHostException e) {
            return Optional.of(new Refusal("must name a host that resolves"));
        }
    }

    /** Why {@code url} is not an acceptable link by its form alone (no DNS); empty when it is. */
    public Optional<Refusal> formRefusal(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of(new Refusal("is required"));
        }
        if (url.length() > properties.maxUrlLength()) {
            return Optional.of(new Refusal("must be at most " + properties.maxUrlLength() + " characters"));
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of(new Refusal("must be a valid URL"));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean http = scheme.equals("http");
        if (!scheme.equals("https") && !http) {
            return Optional.of(new Refusal(properties.allowHttp() ? "must be an http or https URL"
                    : "must be an https URL"));
        }
        if (http && !properties.allowHttp()) {
            return Optional.of(new Refusal("must be an https URL (http is not accepted)"));
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            return Optional.of(new Refusal("must not contain credentials"));
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of(new Refusal("must name a host"));
        }
        return Optional.empty();
    }

    /**
     * The host's addresses, all of them public unless the deployment allows private targets.
     *
     * @throws RefusedTargetException when one is not public (the whole host is refused)
     * @throws UnknownHostException   when the host does not resolve
     */
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        List<InetAddress> addresses = List.of(InetAddress.getAllByName(host));
        if (!properties.allowPrivateTargets()) {
            for (InetAddress address : addresses) {
                if (!PublicAddresses.isPublic(address)) {
                    throw new RefusedTargetException(NON_PUBLIC);
                }
            }
        }
        return addresses;
    }

    /** A resolver for OkHttp that connects only to the addresses {@link #resolve} checked. */
    public Dns dns() {
        return hostname -> resolve(hostname);
    }

    /**
     * Sockets that refuse to connect to an address links may not reach, checked at {@code connect} itself: the last
     * line, for what does not go through {@link #dns()} (OkHttp connects to an IP literal, a redirect's too, without
     * asking its resolver).
     */
    public SocketFactory socketFactory() {
        return new GuardedSockets();
    }

    private void requireReachable(SocketAddress endpoint) throws IOException {
        if (!(endpoint instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            throw new RefusedTargetException("must name a host that resolves");
        }
        if (!properties.allowPrivateTargets() && !PublicAddresses.isPublic(inet.getAddress())) {
            throw new RefusedTargetException(NON_PUBLIC);
        }
    }

    private final class GuardedSockets extends SocketFactory {

        @Override
        public Socket createSocket() {
            return new Socket() {
                @Override
                public void connect(SocketAddress endpoint, int timeout) throws IOException {
                    requireReachable(endpoint);
                    super.connect(endpoint, timeout);
                }
            };
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return connected(new InetSocketAddress(address, port));
        }

        private Socket connected(InetSocketAddress endpoint) throws IOException {
            Socket socket = createSocket();
            socket.connect(endpoint);
            return socket;
        }
    }

    /** A host that resolves to an address links may not reach. */
    public static final class RefusedTargetException extends UnknownHostException {

        RefusedTargetException(String message) {
            super(message);
        }
    }
}
