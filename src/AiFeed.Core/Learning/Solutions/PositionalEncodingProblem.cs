using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>The positions × d_model sinusoidal encoding matrix.</summary>
public sealed class PositionalEncodingProblem : IReferenceSolution
{
    private static readonly int[] PlottedDimensions = [0, 1, 6, 7];

    public string Id => "positional-encoding";

    public JsonObject Generate(Random random) => new()
    {
        ["positions"] = CaseRandom.Between(random, 1, 8),
        ["dModel"] = 2 * CaseRandom.Between(random, 1, 8),
    };

    public NumericValue Solve(JsonObject input)
    {
        var positions = InputReader.Integer(input, "positions");
        var dModel = InputReader.Integer(input, "dModel");
        return NumericValue.Matrix(PositionalEncoding.Matrix(positions, dModel));
    }

    // A fast pair (dims 0, 1) and a slower pair (dims 6, 7) of a small model.
    public PlotSpec Plot() => PositionalEncodingPlot.Create(64, 16, PlottedDimensions);
}
