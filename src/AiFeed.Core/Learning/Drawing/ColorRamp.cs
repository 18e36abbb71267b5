using System.Globalization;

namespace AiFeed.Learning;

/// <summary>A diverging blue–white–red ramp for values in [−1, 1], readable by most colour-blind readers.</summary>
public static class ColorRamp
{
    private static readonly (double R, double G, double B) Low = (33, 102, 172);
    private static readonly (double R, double G, double B) Middle = (247, 247, 247);
    private static readonly (double R, double G, double B) High = (178, 24, 43);

    public static string For(double value)
    {
        var t = Math.Clamp(value, -1, 1);
        var (from, to, f) = t < 0 ? (Middle, Low, -t) : (Middle, High, t);
        return string.Create(CultureInfo.InvariantCulture, $"#{Mix(from.R, to.R, f):x2}{Mix(from.G, to.G, f):x2}{Mix(from.B, to.B, f):x2}");
    }

    private static int Mix(double a, double b, double f) => (int)Math.Round(a + ((b - a) * f), MidpointRounding.AwayFromZero);
}
