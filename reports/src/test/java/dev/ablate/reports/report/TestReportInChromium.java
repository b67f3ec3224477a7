package dev.ablate.reports.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.reports.store.FixtureStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a real report.html in headless Chromium (Debian's {@code chromium}; .ci/run installs it) and
 * fails on a JavaScript error or on a chart that did not render. A probe script, added to a copy of the
 * page, records errors from the first moment and measures every chart once the page has loaded.
 */
final class TestReportInChromium {

    private static final String PROBE_HEAD = """
            <script>
              window.__errors = [];
              window.addEventListener('error', e => window.__errors.push(String(e.message || e.type)), true);
            </script>
            """;

    private static final String PROBE_BODY = """
            <script>
              window.addEventListener('load', () => {
                const figures = Array.from(document.querySelectorAll('figure.chart'));
                const charts = figures.map(f => {
                  const svg = f.querySelector('svg');
                  const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
                  return {file: f.dataset.chart, width: box.width, height: box.height,
                          shapes: svg ? svg.querySelectorAll('path, line, polyline, rect, text').length : 0};
                });
                const out = document.createElement('pre');
                out.id = 'probe';
                out.textContent = JSON.stringify({errors: window.__errors, charts: charts,
                    tables: document.querySelectorAll('table').length});
                document.body.appendChild(out);
              });
            </script>
            """;

    @TempDir
    Path dir;

    @Test
    void theReportRendersWithEveryChartAndNoError() throws Exception {
        String chromium = chromium();
        FixtureStore.write(dir);
        FixtureStore.writeBench(dir);
        ReportWriter.Written written =
                new ReportWriter(ComponentRegistry.discover(getClass().getClassLoader())).write(dir, "test");
        String html = Files.readString(written.html());
        Path probe = dir.resolve("probe.html");
        Files.writeString(probe, html.replace("<head>", "<head>\n" + PROBE_HEAD).replace("</body>", PROBE_BODY + "</body>"));

        JsonNode result = render(chromium, probe);
        assertThat(result.path("errors")).as("JavaScript errors").isEmpty();
        assertThat(result.path("tables").asInt()).isEqualTo(3 + 2);
        List<JsonNode> charts = new ArrayList<>();
        result.path("charts").forEach(charts::add);
        assertThat(charts).hasSize(written.charts().size()).hasSizeGreaterThanOrEqualTo(4);
        for (JsonNode chart : charts) {
            assertThat(chart.path("width").asDouble()).as(chart.path("file").asText() + " width").isGreaterThan(200);
            assertThat(chart.path("height").asDouble()).as(chart.path("file").asText() + " height").isGreaterThan(100);
            assertThat(chart.path("shapes").asInt()).as(chart.path("file").asText() + " shapes").isGreaterThan(20);
        }
    }

    @Test
    void theProbeCatchesAJavaScriptError() throws Exception {
        // The check itself can fail: a page with a broken script is reported.
        String chromium = chromium();
        Path page = dir.resolve("broken.html");
        Files.writeString(page, "<!DOCTYPE html><html><head>" + PROBE_HEAD + "</head><body>"
                + "<script>undefinedFunction();</script>" + PROBE_BODY + "</body></html>");
        assertThat(render(chromium, page).path("errors").toString()).contains("undefinedFunction");
    }

    private JsonNode render(String chromium, Path page) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("chromium-profile"), "--virtual-time-budget=5000", "--dump-dom",
                page.toUri().toString())
                .redirectError(dir.resolve("chromium.log").toFile())
                .start();
        byte[] dom = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 120 s");
        }
        Matcher m = Pattern.compile("<pre id=\"probe\">(.*?)</pre>", Pattern.DOTALL).matcher(new String(dom, StandardCharsets.UTF_8));
        if (!m.find()) {
            fail("the probe did not run; chromium exit " + p.exitValue() + ", log:\n" + Files.readString(dir.resolve("chromium.log")));
        }
        String json = m.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return JsonMapper.builder().build().readTree(json);
    }

    /** Chromium's path; in CI a missing Chromium is a failure, elsewhere the test is skipped. */
    private static String chromium() {
        String configured = System.getenv("ABLATE_CHROMIUM");
        List<String> candidates = configured != null ? List.of(configured)
                : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        String missing = "no Chromium found (" + String.join(", ", candidates) + "); install it with "
                + "`apt-get install chromium` or point ABLATE_CHROMIUM at one";
        if (System.getenv("CI") != null) {
            fail(missing);
        }
        Assumptions.abort(missing);
        return null;
    }
}
