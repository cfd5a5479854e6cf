package io.catalogingest.gateway.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The worked examples of the AWS S3 SigV4 documentation ("Signature calculations for the Authorization header"). */
class SigV4SignerTest {

    private final SigV4Signer signer = new SigV4Signer("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1");
    private final Instant when = Instant.parse("2013-05-24T00:00:00Z");

    @Test
    void getObject() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "examplebucket.s3.amazonaws.com");
        headers.put("Range", "bytes=0-9");
        Map<String, String> signed = signer.sign("GET", "/test.txt", "", headers,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", when);
        assertThat(signed.get("Authorization")).isEqualTo("AWS4-HMAC-SHA256 "
                + "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        assertThat(signed.get("x-amz-date")).isEqualTo("20130524T000000Z");
    }

    @Test
    void putObjectWithAnEncodedKey() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "examplebucket.s3.amazonaws.com");
        headers.put("Date", "Fri, 24 May 2013 00:00:00 GMT");
        headers.put("x-amz-storage-class", "REDUCED_REDUNDANCY");
        Map<String, String> signed = signer.sign("PUT", "/" + SigV4Signer.uriEncode("test$file.text", true), "", headers,
                "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072", when);
        assertThat(signed.get("Authorization")).endsWith(
                "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, "
                        + "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
    }

    @Test
    void listObjectsWithAQuery() {
        Map<String, String> signed = signer.sign("GET", "/", "max-keys=2&prefix=J",
                Map.of("Host", "examplebucket.s3.amazonaws.com"),
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", when);
        assertThat(signed.get("Authorization"))
                .endsWith("Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
    }

    @Test
    void encodesKeysAsS3Wants() {
        assertThat(SigV4Signer.uriEncode("t1/releases/r 1/Naïve (1)+~.wav", true))
                .isEqualTo("t1/releases/r%201/Na%C3%AFve%20%281%29%2B~.wav");
        assertThat(SigV4Signer.uriEncode("a/b", false)).isEqualTo("a%2Fb");
    }
}
