package io.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.testkit.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard end to end in headless Chromium (Debian package chromium; scripts/install-test-dependencies.sh
 * installs it): the page loads, a wrong token is refused, the admin token logs in, "Run now" starts a backup
 * and the new snapshot appears in the page.
 */
class DashboardBrowserTest {
    @TempDir
    Path temp;

    @Test
    void loginTriggerAndSeeTheNewBackup() throws Exception {
        assertThat(Files.isExecutable(HeadlessChromium.BINARY))
                .as("chromium is not installed: run scripts/install-test-dependencies.sh (apt-get install chromium)").isTrue();
        AgentFixture fixture = new AgentFixture(temp);
        String yaml = "schedules:\n  - { name: files, cron: \"0 3 * * *\", run: backup files, paths: [\"" + fixture.data + "\"] }\n";
        try (Agent agent = Agent.builder(fixture.config(yaml)).loop(false).start();
                HeadlessChromium browser = new HeadlessChromium()) {
            String url = "http://127.0.0.1:" + agent.address().orElseThrow().getPort() + "/";
            browser.navigate(url);
            browser.waitFor("document.readyState === 'complete' && !!document.getElementById('login-form')",
                    Duration.ofSeconds(30));

            login(browser, "not-the-token");
            browser.waitFor("document.getElementById('error').textContent.includes('invalid token')",
                    Duration.ofSeconds(30));

            login(browser, AgentFixture.ADMIN_TOKEN);
            browser.waitFor("!document.getElementById('app').classList.contains('hidden')"
                    + " && document.querySelectorAll('.run-now').length === 1", Duration.ofSeconds(30));
            assertThat(browser.evaluate("sessionStorage.getItem('cairn-agent-token')").asText()).isEqualTo(AgentFixture.ADMIN_TOKEN);
            assertThat(browser.evaluate("document.querySelectorAll('tr.snapshot').length").asInt()).isZero();

            browser.evaluate("document.querySelector('.run-now[data-schedule=\"files\"]').click(); true");
            Await.until(Duration.ofSeconds(60), "one snapshot row in the page (state: rows=runs)",
                    () -> Map.entry(browser.evaluate("document.querySelectorAll('tr.snapshot').length").asInt(),
                            agent.runs(5, Optional.empty())),
                    rowsAndRuns -> rowsAndRuns.getKey() == 1);
            browser.waitFor("document.getElementById('runs').textContent.includes('succeeded')", Duration.ofSeconds(30));
            assertThat(browser.evaluate("document.getElementById('snapshots').textContent").asText()).contains("files");
            assertThat(agent.snapshots()).hasSize(1);
        }
    }

    private static void login(HeadlessChromium browser, String token) throws Exception {
        browser.evaluate("document.getElementById('token').value = '" + token + "';"
                + " document.getElementById('login-button').click(); true");
    }
}
