package io.cairn.agent.internal;

import io.cairn.agent.AgentConfig.Role;
import io.cairn.core.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps an {@code Authorization: Bearer <token>} header to a role. Tokens are compared as SHA-256
 * digests with {@link MessageDigest#isEqual}, so neither a matching prefix nor the token's length
 * shows in the response time; every configured token is compared on every request.
 */
public final class TokenAuthenticator {
    private final Map<Role, byte[]> digests = new EnumMap<>(Role.class);

    public TokenAuthenticator(Map<Role, Secret> tokens) {
        tokens.forEach((role, token) -> digests.put(role, digest(token.reveal())));
    }

    /** The role of the presented header, empty when there is no valid bearer token. */
    public Optional<Role> authenticate(Optional<String> authorization) {
        if (authorization.isEmpty()) {
            return Optional.empty();
        }
        String header = authorization.get().trim();
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] presented = digest(header.substring(7).trim());
        Role matched = null;
        for (Map.Entry<Role, byte[]> entry : digests.entrySet()) {
            // no early exit: compare against every token
            if (MessageDigest.isEqual(presented, entry.getValue()) && (matched == null || entry.getKey() == Role.ADMIN)) {
                matched = entry.getKey();
            }
        }
        return Optional.ofNullable(matched);
    }

    public static boolean allows(Role granted, Role required) {
        return granted == Role.ADMIN || granted == required;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
