package io.catalogingest.gateway.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.gateway.error.ApiException;

/** Strict UTF-8 decoding: invalid bytes are a 400, never silently replaced. */
public final class Utf8 {

    private Utf8() {
    }

    public static String decodeStrict(byte[] bytes, String field) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("Invalid UTF-8 in the request",
                    List.of(new FieldError(field, "is not valid UTF-8")));
        }
    }
}
