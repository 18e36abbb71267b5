using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Nodes;

namespace AiFeed.Tests.Learning;

/// <summary>
/// Marks a method of <see cref="Independent"/> as the second implementation of a reference solution:
/// <c>[TwinOf("softmax")] static double[] Softmax(JsonObject input)</c>, returning the exact answer's
/// numbers in row-major order. Each chapter's file adds its own; nothing else needs editing.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
internal sealed class TwinOfAttribute(string solutionId) : Attribute
{
    public string SolutionId { get; } = solutionId;
}

/// <summary>Every <see cref="TwinOfAttribute"/> method of <see cref="Independent"/>, by reference solution id.</summary>
internal static class Twins
{
    private static readonly Lazy<FrozenDictionary<string, Func<JsonObject, double[]>>> Registry = new(Discover);

    public static FrozenDictionary<string, Func<JsonObject, double[]>> All => Registry.Value;

    private static FrozenDictionary<string, Func<JsonObject, double[]>> Discover()
    {
        var twins = new Dictionary<string, Func<JsonObject, double[]>>(StringComparer.Ordinal);
        foreach (var method in typeof(Independent).GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (method.GetCustomAttribute<TwinOfAttribute>() is not { } twin)
            {
                continue;
            }

            var parameters = method.GetParameters();
            if (method.ReturnType != typeof(double[]) || parameters.Length != 1 || parameters[0].ParameterType != typeof(JsonObject))
            {
                throw new InvalidOperationException($"Independent.{method.Name}: a [TwinOf] method must be 'static double[] {method.Name}(JsonObject input)'");
            }

            if (!twins.TryAdd(twin.SolutionId, method.CreateDelegate<Func<JsonObject, double[]>>()))
            {
                throw new InvalidOperationException($"Independent.{method.Name}: '{twin.SolutionId}' already has a twin");
            }
        }

        return twins.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

/// <summary>Reads a problem's named arguments for the twins, independently of the app's InputReader.</summary>
internal static class TwinInput
{
    public static double Number(JsonObject input, string name) => input[name]!.GetValue<double>();

    public static int Integer(JsonObject input, string name) => input[name]!.GetValue<int>();

    public static double[] Vector(JsonObject input, string name) => [.. input[name]!.AsArray().Select(n => n!.GetValue<double>())];

    public static double[][] Matrix(JsonObject input, string name) =>
        [.. input[name]!.AsArray().Select(r => r!.AsArray().Select(n => n!.GetValue<double>()).ToArray())];

    public static double[] Flatten(IEnumerable<double[]> rows) => [.. rows.SelectMany(r => r)];
}
