namespace AiFeed.Learning;

/// <summary>
/// The positional-encoding matrix as a heatmap: one 1×1 cell per (position, dimension) in a nested
/// SVG whose viewBox is the matrix, so a cell's x is its dimension and its y its position.
/// </summary>
public static class HeatmapSvg
{
    private const double Left = 64;
    private const double Top = 48;
    private const double PlotWidth = 512;
    private const double PlotHeight = 400;

    public static string Draw(int positions, int dModel, SvgTheme theme = SvgTheme.Auto)
    {
        var matrix = PositionalEncoding.Matrix(positions, dModel);
        using var svg = new SvgDocument(
            Left + PlotWidth + 96,
            Top + PlotHeight + 56,
            $"Sinusoidal positional encoding, {positions} positions × {dModel} dimensions",
            "Each row is a position, each column a dimension; blue is −1, white 0, red +1. Low dimensions oscillate fast along the positions, high ones slowly.",
            theme);
        svg.Label(Left + (PlotWidth / 2), 24, $"PE(pos, dim), d_model = {dModel}");
        svg.Element("svg", ("class", "cells"), ("x", Left), ("y", Top), ("width", PlotWidth), ("height", PlotHeight),
            ("viewBox", $"0 0 {dModel} {positions}"), ("preserveAspectRatio", "none"), ("shape-rendering", "crispEdges"));
        for (var pos = 0; pos < positions; pos++)
        {
            for (var dim = 0; dim < dModel; dim++)
            {
                svg.Element("rect", ("x", dim), ("y", pos), ("width", 1), ("height", 1), ("fill", ColorRamp.For(matrix[pos, dim]))).End();
            }
        }

        svg.End();
        svg.Label(Left, Top + PlotHeight + 18, "0");
        svg.Label(Left + PlotWidth, Top + PlotHeight + 18, (dModel - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        svg.Label(Left + (PlotWidth / 2), Top + PlotHeight + 40, "dimension");
        svg.Label(Left - 8, Top + 10, "0", "end");
        svg.Label(Left - 8, Top + PlotHeight, (positions - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "end");
        svg.Label(20, Top + (PlotHeight / 2), "position", transform: $"rotate(-90 20 {SvgDocument.Number(Top + (PlotHeight / 2))})");
        DrawScale(svg);
        return svg.ToString();
    }

    private static void DrawScale(SvgDocument svg)
    {
        var x = Left + PlotWidth + 24;
        const int Steps = 40;
        for (var i = 0; i < Steps; i++)
        {
            var value = 1 - (2.0 * i / (Steps - 1));
            svg.Element("rect", ("class", "scale"), ("x", x), ("y", Top + (i * PlotHeight / Steps)), ("width", 16), ("height", (PlotHeight / Steps) + 0.5),
                ("fill", ColorRamp.For(value))).End();
        }

        svg.Label(x + 22, Top + 10, "+1", "start");
        svg.Label(x + 22, Top + (PlotHeight / 2) + 4, "0", "start");
        svg.Label(x + 22, Top + PlotHeight, "−1", "start");
    }
}
