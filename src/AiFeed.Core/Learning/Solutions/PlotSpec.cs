namespace AiFeed.Learning;

/// <summary>One curve of a line plot.</summary>
public sealed record PlotSeries(string Name, IReadOnlyList<(double X, double Y)> Points);

/// <summary>A line plot to draw as SVG: axes ranges, labels and curves.</summary>
public sealed record PlotSpec(
    string Title, string XLabel, string YLabel, double XMin, double XMax, double YMin, double YMax, IReadOnlyList<PlotSeries> Series)
{
    public static IReadOnlyList<(double X, double Y)> Sample(double from, double to, int count, Func<double, double> f) =>
        [.. Enumerable.Range(0, count).Select(i => from + ((to - from) * i / (count - 1))).Select(x => (x, f(x)))];
}
