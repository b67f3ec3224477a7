package dev.ablate.reports.charts;

import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/** The one look every report chart shares: white, light grid, a colour-blind-safe palette. */
final class ChartStyle {

    static final int WIDTH = 720;
    static final int HEIGHT = 420;

    /** Okabe and Ito's palette (black moved last), distinguishable with the common colour-vision deficiencies. */
    private static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x000000),
    };

    private ChartStyle() {}

    static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    static Color faded(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 90);
    }

    static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setPlotGridLinesColor(new Color(0xE5E5E5));
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setChartFontColor(new Color(0x222222));
        s.setAntiAlias(true);
        return chart;
    }
}
