namespace AiFeed.Learning;

/// <summary>The plot of chosen encoding dimensions against position.</summary>
public static class PositionalEncodingPlot
{
    public static PlotSpec Create(int positions, int dModel, IReadOnlyList<int> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        return new PlotSpec(
            $"PE(pos, dim) for d_model = {dModel}",
            "position",
            "PE(pos, dim)",
            0,
            Math.Max(positions - 1, 1),
            -1.1,
            1.1,
            [.. dimensions.Select(dim => new PlotSeries(
                $"dim {dim} ({(dim % 2 == 0 ? "sin" : "cos")})",
                [.. Enumerable.Range(0, positions).Select(pos => ((double)pos, PositionalEncoding.Value(pos, dim, dModel)))]))]);
    }
}
