using System.Globalization;
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

    /// <summary>The picture's colours: ?theme= auto (the default), light or dark.</summary>
    public SvgTheme ParseTheme(Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (SvgThemes.Parse(Theme) is { } theme)
        {
            return theme;
        }

        errors["theme"] = [$"'{Theme}' is not auto, light or dark"];
        return SvgTheme.Auto;
    }

    public (int Positions, int DModel, int[] Dimensions) Parse(out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var positions = DefaultPositions;
        if (Positions is not null && (!int.TryParse(Positions, NumberStyles.None, CultureInfo.InvariantCulture, out positions) || positions is < 1 or > PositionalEncoding.MaxPositions))
        {
            errors["positions"] = [$"'{Positions}' is not a whole number from 1 to {PositionalEncoding.MaxPositions}"];
        }

        var dModel = DefaultDModel;
        if (DModel is not null && (!int.TryParse(DModel, NumberStyles.None, CultureInfo.InvariantCulture, out dModel) || dModel is < 2 or > PositionalEncoding.MaxDModel || dModel % 2 != 0))
        {
            errors["dModel"] = [$"'{DModel}' is not an even whole number from 2 to {PositionalEncoding.MaxDModel}"];
        }

        if (errors.ContainsKey("dModel"))
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
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var dim) || dim >= dModel)
            {
                errors["dims"] = [$"'{part}' is not a dimension from 0 to {dModel - 1}"];
            }
            else if (!dims.Contains(dim))
            {
                dims.Add(dim);
            }
        }

        if (!errors.ContainsKey("dims") && dims.Count is 0 or > MaxPlottedDimensions)
        {
            errors["dims"] = [$"give 1 to {MaxPlottedDimensions} comma-separated dimensions"];
        }

        return (positions, dModel, [.. dims]);
    }
}
