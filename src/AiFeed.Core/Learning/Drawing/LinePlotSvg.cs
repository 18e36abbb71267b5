using System.Globalization;
using System.Text;

namespace AiFeed.Learning;

/// <summary>
/// A line plot: a frame (rect class "plot-area") mapping [XMin, XMax] × [YMin, YMax] linearly onto
/// itself, one polyline per series, clipped to the frame rather than clamped so every point stays
/// true to its function.
/// </summary>
public static class LinePlotSvg
{
    public const double Left = 64;
    public const double Top = 48;
    public const double PlotWidth = 560;
    public const double PlotHeight = 320;

    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf"];

    public static string Draw(PlotSpec plot, SvgTheme theme = SvgTheme.Auto)
    {
        ArgumentNullException.ThrowIfNull(plot);
        using var svg = new SvgDocument(Left + PlotWidth + 24, Top + PlotHeight + 64, plot.Title,
            $"Line plot of {plot.YLabel} against {plot.XLabel}: {string.Join("; ", plot.Series.Select(s => s.Name))}.", theme);
        svg.Label(Left + (PlotWidth / 2), 24, plot.Title);
        svg.Element("clipPath", ("id", "plot-clip")).Element("rect", ("x", Left), ("y", Top), ("width", PlotWidth), ("height", PlotHeight)).End().End();
        svg.Element("rect", ("class", "plot-area"), ("x", Left), ("y", Top), ("width", PlotWidth), ("height", PlotHeight),
            ("fill", "none"), ("stroke", "#888888"), ("data-x-min", plot.XMin), ("data-x-max", plot.XMax), ("data-y-min", plot.YMin), ("data-y-max", plot.YMax)).End();
        DrawTicks(svg, plot);
        for (var i = 0; i < plot.Series.Count; i++)
        {
            var series = plot.Series[i];
            var points = new StringBuilder();
            foreach (var (x, y) in series.Points.Where(p => double.IsFinite(p.Y)))
            {
                points.Append(CultureInfo.InvariantCulture, $"{SvgDocument.Number(MapX(plot, x))},{SvgDocument.Number(MapY(plot, y))} ");
            }

            var color = $"s{i % Palette.Length}";
            svg.Element("polyline", ("class", color), ("data-series", series.Name), ("points", points.ToString().TrimEnd()), ("fill", "none"),
                ("stroke", Palette[i % Palette.Length]), ("stroke-width", 2), ("clip-path", "url(#plot-clip)")).End();
            var legendY = Top + PlotHeight + 52;
            var legendX = Left + (i * PlotWidth / Math.Max(plot.Series.Count, 1));
            svg.Element("rect", ("class", color), ("x", legendX), ("y", legendY - 9), ("width", 14), ("height", 4), ("fill", Palette[i % Palette.Length])).End();
            svg.Label(legendX + 18, legendY - 4, series.Name, "start");
        }

        return svg.ToString();
    }

    public static double MapX(PlotSpec plot, double x) => Left + ((x - plot.XMin) / (plot.XMax - plot.XMin) * PlotWidth);

    public static double MapY(PlotSpec plot, double y) => Top + ((plot.YMax - y) / (plot.YMax - plot.YMin) * PlotHeight);

    private static void DrawTicks(SvgDocument svg, PlotSpec plot)
    {
        for (var i = 0; i <= 4; i++)
        {
            var x = plot.XMin + ((plot.XMax - plot.XMin) * i / 4);
            var y = plot.YMin + ((plot.YMax - plot.YMin) * i / 4);
            svg.Label(MapX(plot, x), Top + PlotHeight + 16, Tick(x));
            svg.Label(Left - 6, MapY(plot, y) + 4, Tick(y), "end");
            svg.Element("line", ("x1", Left), ("x2", Left + PlotWidth), ("y1", MapY(plot, y)), ("y2", MapY(plot, y)), ("stroke", "#e4e4e4"), ("class", "grid")).End();
        }

        svg.Label(Left + (PlotWidth / 2), Top + PlotHeight + 30, plot.XLabel);
        svg.Label(16, Top + (PlotHeight / 2), plot.YLabel, transform: $"rotate(-90 16 {SvgDocument.Number(Top + (PlotHeight / 2))})");
    }

    private static string Tick(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
