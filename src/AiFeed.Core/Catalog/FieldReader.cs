using System.Globalization;
using System.Text.RegularExpressions;

namespace AiFeed.Catalog;

// Type and range checks shared by every object in feeds.json. Each returns false after
// reporting what was wrong, so validation goes on and finds the next problem too.
internal sealed partial class FieldReader(CatalogDiagnostics diagnostics)
{
    public CatalogDiagnostics Diagnostics { get; } = diagnostics;

    public bool Object(PositionedValue value, string path, out PositionedObject result) =>
        Expect(value, path, "an object", out result);

    public bool Array(PositionedValue value, string path, out PositionedArray result) =>
        Expect(value, path, "an array", out result);

    public bool Boolean(PositionedValue value, string path, out bool result)
    {
        var ok = Expect(value, path, "a boolean", out PositionedBoolean node);
        result = ok && node.Value;
        return ok;
    }

    public bool String(PositionedValue value, string path, out string result)
    {
        var ok = Expect(value, path, "a string", out PositionedString node);
        result = ok ? node.Value : string.Empty;
        return ok;
    }

    // A string with something other than white space in it, trimmed.
    public bool NonEmptyString(PositionedValue value, string path, out string result)
    {
        if (!String(value, path, out result))
        {
            return false;
        }

        result = result.Trim();
        return Check(result.Length > 0, value, path, "must not be empty");
    }

    public bool Number(PositionedValue value, string path, out double result)
    {
        result = 0;
        return Expect(value, path, "a number", out PositionedNumber node)
            && Check(
                double.TryParse(node.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out result),
                value,
                path,
                $"{node.Text} is not a number");
    }

    public bool Integer(PositionedValue value, string path, long min, long max, out long result)
    {
        result = 0;
        if (!Expect(value, path, "an integer", out PositionedNumber node))
        {
            return false;
        }

        if (!long.TryParse(node.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result))
        {
            return Check(false, value, path, $"expected an integer, found {node.Text}");
        }

        return Check(result >= min && result <= max, value, path, $"{node.Text} is out of range ({min} to {max})");
    }

    // A TimeSpan in the invariant "c" format limited to hh:mm:ss or d.hh:mm:ss: "c" alone would also
    // take "30" as thirty days, which is never what an operator means.
    public bool Duration(PositionedValue value, string path, TimeSpan min, TimeSpan max, out TimeSpan result)
    {
        result = TimeSpan.Zero;
        if (!String(value, path, out var text))
        {
            return false;
        }

        if (!DurationShape().IsMatch(text)
            || !TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out result))
        {
            return Check(false, value, path, $"'{text}' is not a duration in the form hh:mm:ss or d.hh:mm:ss");
        }

        var range = $"{min.ToString("c", CultureInfo.InvariantCulture)} to {max.ToString("c", CultureInfo.InvariantCulture)}";
        return Check(result >= min && result <= max, value, path, $"'{text}' is out of range ({range})");
    }

    // An absolute http or https URL, with no white space anywhere in it.
    public bool HttpUrl(PositionedValue value, string path, out string result)
    {
        if (!String(value, path, out result))
        {
            return false;
        }

        var ok = !result.Any(char.IsWhiteSpace)
            && Uri.TryCreate(result, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Host.Length > 0;
        return Check(ok, value, path, $"'{result}' is not an absolute http(s) URL");
    }

    // Reports message at the value when ok is false.
    public bool Check(bool ok, PositionedValue value, string path, string message)
    {
        if (!ok)
        {
            Diagnostics.Report(value.Offset, path, message);
        }

        return ok;
    }

    private bool Expect<TNode>(PositionedValue value, string path, string expected, out TNode result)
        where TNode : PositionedValue
    {
        if (value is TNode node)
        {
            result = node;
            return true;
        }

        result = null!;
        Diagnostics.Report(value.Offset, path, $"expected {expected}, found {value.KindName}");
        return false;
    }

    [GeneratedRegex(@"^(\d+\.)?\d{2}:\d{2}:\d{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex DurationShape();
}
