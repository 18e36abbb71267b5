namespace AiFeed.Learning;

/// <summary>
/// The sinusoidal positional encoding of Vaswani et al. (2017):
/// PE(pos, 2i) = sin(pos / 10000^(2i/d_model)), PE(pos, 2i+1) = cos(pos / 10000^(2i/d_model)).
/// </summary>
public static class PositionalEncoding
{
    public const int MaxPositions = 256;
    public const int MaxDModel = 256;

    public static double Value(int position, int dimension, int dModel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(dimension, dModel);

        // Dimensions 2i and 2i+1 share one frequency; the even one takes the sine, the odd one the cosine.
        var pair = dimension / 2;
        var angle = position / Math.Pow(10000, 2.0 * pair / dModel);
        return dimension % 2 == 0 ? Math.Sin(angle) : Math.Cos(angle);
    }

    public static double[,] Matrix(int positions, int dModel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(positions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dModel, 2);
        if (dModel % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dModel), dModel, "d_model must be even: dimensions come in sine/cosine pairs");
        }

        var matrix = new double[positions, dModel];
        for (var pos = 0; pos < positions; pos++)
        {
            for (var dim = 0; dim < dModel; dim++)
            {
                matrix[pos, dim] = Value(pos, dim, dModel);
            }
        }

        return matrix;
    }

    /// <summary>The dimensions drawn by default: a fast and a slow sine/cosine pair.</summary>
    public static int[] DefaultPlotDimensions(int dModel) =>
        [.. new[] { 0, 1, dModel / 2 / 2 * 2, (dModel / 2 / 2 * 2) + 1 }.Where(d => d < dModel).Distinct()];
}
