using System.Collections;
using System.Reflection;

namespace AiFeed.Tests.Infrastructure;

/// <summary>
/// The members a sample leaves as an empty instance has them: a hand-written mapping's tests build a
/// sample with every member set, so a member added to the type and not to the mapping fails them.
/// </summary>
internal static class MemberCoverage
{
    public static List<string> Unset<T>(T sample, T empty, Func<PropertyInfo, bool> mapped) =>
        [.. typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => mapped(p) && Same(p.GetValue(sample), p.GetValue(empty)))
            .Select(p => p.Name)];

    // Lists count as set when their lengths differ: a sample's list holds items where an empty one holds none.
    private static bool Same(object? a, object? b) => a switch
    {
        IList list when b is IList other => list.Count == other.Count,
        _ => Equals(a, b),
    };
}
