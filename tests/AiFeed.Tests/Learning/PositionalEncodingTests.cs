using AiFeed.Learning;

namespace AiFeed.Tests.Learning;

public sealed class PositionalEncodingTests
{
    [Theory]
    // pos, dim, dModel, value by hand: even dims sin(pos / 10000^(dim/d)), odd dims cos of the previous dim's angle.
    [InlineData(0, 0, 4, 0.0)]
    [InlineData(0, 1, 4, 1.0)]
    [InlineData(1, 0, 4, 0.8414709848078965)] // sin 1
    [InlineData(1, 1, 4, 0.5403023058681398)] // cos 1
    [InlineData(1, 2, 4, 0.009999833334166664)] // sin(1/100), 10000^(2/4) = 100
    [InlineData(1, 3, 4, 0.9999500004166653)] // cos(1/100)
    [InlineData(2, 1, 4, -0.4161468365471424)] // cos 2
    [InlineData(50, 10, 20, 0.479425538604203)] // sin(50 / 10000^(10/20)) = sin 0.5
    [InlineData(50, 11, 20, 0.8775825618903728)] // cos 0.5
    [InlineData(7, 63, 64, 0.9999995643215762)] // cos(7 / 10000^(62/64)) = cos 0.000933
    public void Value_ChosenPositionAndDimension_MatchesFormula(int pos, int dim, int dModel, double expected)
    {
        // Act
        var value = PositionalEncoding.Value(pos, dim, dModel);

        // Assert
        Assert.Equal(expected, value, 6);
    }

    [Fact]
    public void Value_OddDimension_SharesFrequencyWithEvenNeighbour()
    {
        for (var pos = 0; pos < 40; pos++)
        {
            for (var i = 0; i < 16; i++)
            {
                // Act
                var sin = PositionalEncoding.Value(pos, 2 * i, 32);
                var cos = PositionalEncoding.Value(pos, (2 * i) + 1, 32);

                // Assert: a sine/cosine pair of one angle lies on the unit circle.
                Assert.Equal(1, (sin * sin) + (cos * cos), 12);
                Assert.Equal(Math.Sin(pos / Math.Pow(10000, 2.0 * i / 32)), sin, 12);
            }
        }
    }

    [Fact]
    public void Matrix_RelativeShift_IsARotationIndependentOfPosition()
    {
        // Arrange
        var matrix = PositionalEncoding.Matrix(40, 8);
        const int K = 5;
        var omega = 1 / Math.Pow(10000, 2.0 / 8);

        for (var pos = 0; pos + K < 40; pos++)
        {
            // Act: rotate (sin, cos) of pair 1 at pos by ω·k.
            var sin = (matrix[pos, 2] * Math.Cos(omega * K)) + (matrix[pos, 3] * Math.Sin(omega * K));
            var cos = (-matrix[pos, 2] * Math.Sin(omega * K)) + (matrix[pos, 3] * Math.Cos(omega * K));

            // Assert
            Assert.Equal(matrix[pos + K, 2], sin, 12);
            Assert.Equal(matrix[pos + K, 3], cos, 12);
        }
    }

    [Fact]
    public void Matrix_OddDModel_Throws()
    {
        // Act & Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => PositionalEncoding.Matrix(4, 5));
    }
}
