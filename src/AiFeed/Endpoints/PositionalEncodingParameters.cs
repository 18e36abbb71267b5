using AiFeed.Learning;
using Microsoft.AspNetCore.Mvc;

namespace AiFeed.Endpoints;

/// <summary>
/// The reader's choice of matrix size (and plotted dimensions), bound as text so a bad value gets a
/// 400 naming its parameter. The bounds keep the largest heatmap to 65,536 cells.
/// </summary>
public sealed record PositionalEncodingParameters(
    [FromQuery(Name = "positions")] string? Positions,
    [FromQuery(Name = "dModel")] string? DModel,
    [FromQuery(Name = "dims")] string? Dims,
    [FromQuery(Name = "theme")] string? Theme)
{
    public const int DefaultPositions = 64;
    public const int DefaultDModel = 64;
    public const int MaxPlottedDimensions = 8;

    public (int Positions, int DModel, int[] Dimensions) Parse(QueryValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var positions = values.Whole(Positions, "positions", DefaultPositions, 1, PositionalEncoding.MaxPositions);
        var dModel = values.Whole(DModel, "dModel", DefaultDModel, 2, PositionalEncoding.MaxDModel, even: true);
        if (values.Has("dModel"))
        {
            return (positions, dModel, []);
        }

        if (Dims is null)
        {
            return (positions, dModel, PositionalEncoding.DefaultPlotDimensions(dModel));
        }

        var dims = new List<int>();
        foreach (var part in Dims.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var dim = values.Whole(part, "dims", -1, 0, dModel - 1, expected: $"a dimension from 0 to {dModel - 1}");
            if (dim >= 0 && !dims.Contains(dim))
            {
                dims.Add(dim);
            }
        }

        if (!values.Has("dims") && dims.Count is 0 or > MaxPlottedDimensions)
        {
            values.Add("dims", $"give 1 to {MaxPlottedDimensions} comma-separated dimensions");
        }

        return (positions, dModel, [.. dims]);
    }
}
