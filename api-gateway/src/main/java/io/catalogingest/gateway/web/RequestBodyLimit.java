package io.catalogingest.gateway.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import io.catalogingest.gateway.error.ApiException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Bounds every request body that is not {@code multipart/form-data} (uploads and forms have limits of their own):
 * {@code catalog.gateway.max-body-bytes} (default 1 MB), {@code catalog.gateway.bulk.max-bytes} for
 * {@code POST /product/bulk} and {@code POST /asset/bulk} (default 16 MB). A declared {@code Content-Length} above
 * the limit is a 413 before a byte is read; a chunked body is a 413 once reading passes the limit. Without this, an
 * endpoint that binds {@code @RequestBody} would read a body of any size into memory.
 */
@Component
class RequestBodyLimit extends OncePerRequestFilter {

    private final long maxBytes;
    private final long maxBulkBytes;

    RequestBodyLimit(@Value("${catalog.gateway.max-body-bytes:1MB}") DataSize maxBytes,
                     @Value("${catalog.gateway.bulk.max-bytes:16777216}") long maxBulkBytes) {
        this.maxBytes = maxBytes.toBytes();
        this.maxBulkBytes = maxBulkBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isMultipart(request)) {
            chain.doFilter(request, response);
            return;
        }
        long limit = isBulk(request) ? maxBulkBytes : maxBytes;
        if (request.getContentLengthLong() > limit) {
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setHeader("Connection", "close");
            response.getOutputStream().write(("{\"status\":\"error\",\"message\":\"The request body is larger than "
                    + limit + " bytes\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(new Bounded(request, limit), response);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.regionMatches(true, 0, "multipart/", 0, "multipart/".length());
    }

    private static boolean isBulk(HttpServletRequest request) {
        String path = request.getRequestURI();
        return "POST".equals(request.getMethod()) && (path.equals("/product/bulk") || path.equals("/product/bulk/")
                || path.equals("/asset/bulk") || path.equals("/asset/bulk/"));
    }

    /** The request, with a body that ends with an error past the limit. */
    private static final class Bounded extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new BoundedStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class BoundedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        BoundedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        /** Past the limit: a 413 from wherever the body is being read (the exception handler maps it). */
        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "The request body is larger than " + limit
                        + " bytes");
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
