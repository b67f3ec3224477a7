package dev.ablate.reports.charts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** A chart as an SVG document: written beside report.md and inlined into report.html. */
public final class Svg {

    private Svg() {}

    /**
     * The chart's SVG, its element ids renamed {@code <name>-1}, {@code <name>-2}, ... in order of
     * appearance: the encoder's own ids vary from run to run and could collide between the charts
     * inlined into one page.
     */
    public static String of(Chart<?, ?> chart, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String svg = out.toString(StandardCharsets.UTF_8);
        // Inline SVG must not carry an XML prolog or DOCTYPE; the file form is fine either way.
        int start = svg.indexOf("<svg");
        svg = start > 0 ? svg.substring(start) : svg;
        Map<String, String> renamed = new LinkedHashMap<>();
        Matcher ids = Pattern.compile("id=\"([^\"]+)\"").matcher(svg);
        while (ids.find()) {
            renamed.putIfAbsent(ids.group(1), name + "-" + (renamed.size() + 1));
        }
        for (Map.Entry<String, String> e : renamed.entrySet()) {
            svg = svg.replace("\"" + e.getKey() + "\"", "\"" + e.getValue() + "\"")
                    .replace("#" + e.getKey() + ")", "#" + e.getValue() + ")")
                    .replace("\"#" + e.getKey() + "\"", "\"#" + e.getValue() + "\"");
        }
        return svg;
    }
}
