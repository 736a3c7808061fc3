package io.cairn.agent.internal;

import io.cairn.agent.AgentConfig.TlsConfig;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Builds the server's SSLContext from a PEM certificate chain and PKCS#8 key, or from a PKCS#12 keystore. */
public final class TlsContexts {
    private TlsContexts() {
    }

    public static SSLContext create(TlsConfig tls) {
        try {
            char[] password = tls.password().map(s -> s.revealChars()).orElse(new char[0]);
            KeyStore store;
            if (tls.keystore().isPresent()) {
                store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(tls.keystore().get())) {
                    store.load(in, password);
                }
            } else {
                store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                Certificate[] chain = CertificateFactory.getInstance("X.509")
                        .generateCertificates(Files.newInputStream(tls.certificate().orElseThrow())).toArray(Certificate[]::new);
                store.setKeyEntry("agent", privateKey(tls.key().orElseThrow()), password, chain);
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            // name the files, never the password
            throw new CairnException(ErrorCode.CONFIG, "agent.tls: cannot load " + tls.keystore().map(Path::toString)
                    .orElse(tls.certificate().map(Path::toString).orElse("?") + " / " + tls.key().map(Path::toString).orElse("?"))
                    + ": " + e.getClass().getSimpleName() + " (give a PEM certificate and an unencrypted PKCS#8 key, "
                    + "or a PKCS#12 keystore with its password)", e);
        }
    }

    private static PrivateKey privateKey(Path file) throws Exception {
        String pem = Files.readString(file);
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException("not an unencrypted PKCS#8 key (BEGIN PRIVATE KEY)");
        }
        String base64 = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END PRIVATE KEY-----"))
                .replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (java.security.spec.InvalidKeySpecException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("key algorithm is not RSA, EC or Ed25519");
    }

}
