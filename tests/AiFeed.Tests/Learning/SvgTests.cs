using System.Globalization;
using System.Xml.Linq;
using AiFeed.Learning;

namespace AiFeed.Tests.Learning;

public sealed class SvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Theory]
    [InlineData(1, 2)]
    [InlineData(12, 16)]
    [InlineData(50, 64)]
    public void Heatmap_Cells_FollowTheFormula(int positions, int dModel)
    {
        // Act
        var document = XDocument.Parse(HeatmapSvg.Draw(positions, dModel));

        // Assert
        var cells = document.Descendants(Svg + "svg").Single(e => (string?)e.Attribute("class") == "cells").Elements(Svg + "rect").ToList();
        Assert.Equal(positions * dModel, cells.Count);
        foreach (var cell in cells)
        {
            var dim = int.Parse(cell.Attribute("x")!.Value, CultureInfo.InvariantCulture);
            var pos = int.Parse(cell.Attribute("y")!.Value, CultureInfo.InvariantCulture);
            Assert.Equal(ColorRamp.For(Independent.PositionalEncoding(pos, dim, dModel)), cell.Attribute("fill")!.Value);
        }
    }

    [Fact]
    public void ColorRamp_Ends_AreBlueWhiteRed()
    {
        // Act & Assert
        Assert.Equal("#2166ac", ColorRamp.For(-1));
        Assert.Equal("#f7f7f7", ColorRamp.For(0));
        Assert.Equal("#b2182b", ColorRamp.For(1));
        Assert.NotEqual(ColorRamp.For(0.5), ColorRamp.For(-0.5));
    }

    [Fact]
    public void EncodingPlot_Points_FollowTheFormula()
    {
        // Arrange
        var plot = PositionalEncodingPlot.Create(64, 32, [0, 1, 9]);

        // Act
        var document = XDocument.Parse(LinePlotSvg.Draw(plot));

        // Assert
        var lines = document.Descendants(Svg + "polyline").ToList();
        Assert.Equal(3, lines.Count);
        foreach (var (line, dim) in lines.Zip(new[] { 0, 1, 9 }))
        {
            var points = Points(document, line);
            Assert.Equal(64, points.Count);
            for (var pos = 0; pos < 64; pos++)
            {
                Assert.Equal(pos, points[pos].X, 1);
                Assert.True(Math.Abs(Independent.PositionalEncoding(pos, dim, 32) - points[pos].Y) < 0.01, $"dim {dim} pos {pos}");
            }
        }
    }

    [Fact]
    public void BinaryCrossEntropyPlot_Points_FollowLossForBothLabels()
    {
        // Act
        var document = XDocument.Parse(LinePlotSvg.Draw(new BinaryCrossEntropy().Plot()));

        // Assert
        var lines = document.Descendants(Svg + "polyline").ToList();
        Assert.Equal(2, lines.Count);
        foreach (var (x, y) in Points(document, lines[0]))
        {
            Assert.True(Math.Abs(Independent.BinaryCrossEntropy([1], [x]) - y) < 0.05, $"y=1 at p={x}");
        }

        foreach (var (x, y) in Points(document, lines[1]))
        {
            Assert.True(Math.Abs(Independent.BinaryCrossEntropy([0], [x]) - y) < 0.05, $"y=0 at p={x}");
        }
    }

    [Theory]
    [MemberData(nameof(ReferenceSolutionTests.SolutionIds), MemberType = typeof(ReferenceSolutionTests))]
    public void ProblemPlot_EverySolution_IsWellFormedSvgWithTitle(string id)
    {
        // Act
        var document = XDocument.Parse(LinePlotSvg.Draw(ReferenceSolutions.All[id].Plot()));

        // Assert
        Assert.Equal(Svg + "svg", document.Root!.Name);
        Assert.False(string.IsNullOrWhiteSpace(document.Root.Element(Svg + "title")?.Value));
        Assert.NotEmpty(document.Descendants(Svg + "polyline"));
    }

    // Inverts the plot's linear mapping using the frame the SVG declares.
    internal static List<(double X, double Y)> Points(XDocument document, XElement polyline)
    {
        var frame = document.Descendants(Svg + "rect").Single(e => (string?)e.Attribute("class") == "plot-area");
        double A(string name) => double.Parse(frame.Attribute(name)!.Value, CultureInfo.InvariantCulture);
        var (left, top, width, height) = (A("x"), A("y"), A("width"), A("height"));
        var (xMin, xMax, yMin, yMax) = (A("data-x-min"), A("data-x-max"), A("data-y-min"), A("data-y-max"));
        return [.. polyline.Attribute("points")!.Value.Split(' ').Select(pair =>
        {
            var parts = pair.Split(',');
            var px = double.Parse(parts[0], CultureInfo.InvariantCulture);
            var py = double.Parse(parts[1], CultureInfo.InvariantCulture);
            return (xMin + ((px - left) / width * (xMax - xMin)), yMax - ((py - top) / height * (yMax - yMin)));
        })];
    }
}
