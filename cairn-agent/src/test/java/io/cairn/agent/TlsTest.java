package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over HTTPS, with a PKCS#12 keystore and with a PEM certificate and key. */
class TlsTest {
    private static final String STORE_PASSWORD = "store-password-1";

    @TempDir
    Path temp;

    @Test
    void servesHttpsFromAPkcs12Keystore() throws Exception {
        Path keystore = temp.resolve("agent.p12");
        run(List.of("keytool", "-genkeypair", "-alias", "agent", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD));
        AgentFixture fixture = new AgentFixture(temp.resolve("agent"));
        fixture.variable("TLS_PASSWORD", STORE_PASSWORD);
        fixture.agentKeys = "  tls: { keystore: \"" + keystore + "\", password: \"${TLS_PASSWORD}\" }\n";
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trust.load(in, STORE_PASSWORD.toCharArray());
        }
        assertStatusOverHttps(fixture, trust);
    }

    @Test
    void servesHttpsFromAPemCertificateAndKey() throws Exception {
        Path certificate = temp.resolve("cert.pem");
        Path key = temp.resolve("key.pem");
        run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", certificate.toString(), "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1", "-days", "2"));
        AgentFixture fixture = new AgentFixture(temp.resolve("agent"));
        fixture.agentKeys = "  tls: { certificate: \"" + certificate + "\", key: \"" + key + "\" }\n";
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("agent", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        assertStatusOverHttps(fixture, trust);
    }

    private static void assertStatusOverHttps(AgentFixture fixture, KeyStore trust) throws Exception {
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        try (Agent agent = Agent.builder(fixture.config("")).loop(false).start()) {
            HttpClient client = HttpClient.newBuilder().sslContext(context).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                    + agent.address().orElseThrow().getPort() + "/api/status"))
                    .header("Authorization", "Bearer " + AgentFixture.VIEWER_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"overall\"").doesNotContain(STORE_PASSWORD);
        }
    }

    private void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(temp.resolve("tool.log").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(temp.resolve("tool.log"))).isZero();
    }
}
