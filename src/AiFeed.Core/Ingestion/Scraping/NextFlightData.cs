using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Dom;

namespace AiFeed.Ingestion.Scraping;

/// <summary>
/// Reads the React Server Components payload a Next.js app-router page streams into
/// <c>self.__next_f.push([1, "…"])</c> scripts. The string chunks concatenate into rows
/// <c>id:payload</c>: JSON rows (the props, where post lists live), module rows (<c>I[…]</c>,
/// <c>HL[…]</c>) and text rows (<c>T&lt;hex byte length&gt;,…</c>, not newline-terminated).
/// The JSON rows become one array to run paths over.
/// </summary>
internal static class NextFlightData
{
    private const string Marker = "self.__next_f.push(";

    /// <summary>The JSON rows as one array; null when the page has no flight chunks.</summary>
    public static JsonArray? Read(IDocument document)
    {
        var stream = new StringBuilder();
        var chunks = 0;
        foreach (var script in document.Scripts)
        {
            var text = script.Text;
            for (var at = text.IndexOf(Marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(Marker, at + 1, StringComparison.Ordinal))
            {
                if (Chunk(text, at + Marker.Length) is { } chunk)
                {
                    stream.Append(chunk);
                    chunks++;
                }
            }
        }

        return chunks == 0 ? null : Rows(stream.ToString());
    }

    // The string of a [1, "…"] push; other kinds ([0] bootstrap, [2, …] form state, [3, base64] binary)
    // carry no props. The reader stops after one JSON value, so several pushes in one script all count.
    private static string? Chunk(string script, int start)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(script[start..]), new JsonReaderOptions { MaxDepth = 8 });
        JsonNode? args;
        try
        {
            args = JsonNode.Parse(ref reader);
        }
        catch (JsonException)
        {
            return null;
        }

        return args is JsonArray { Count: >= 2 } array && JsonText.Scalar(array[0]) == "1" && JsonText.Scalar(array[1]) is { } text && array[1]!.GetValueKind() == JsonValueKind.String
            ? text
            : null;
    }

    private static JsonArray Rows(string flight)
    {
        var rows = new JsonArray();
        var i = 0;
        while (i < flight.Length)
        {
            var colon = flight.IndexOf(':', i);
            var newline = flight.IndexOf('\n', i);
            if (colon < 0)
            {
                break;
            }

            if (newline >= 0 && newline < colon)
            {
                // Not a row start: resynchronise on the next line.
                i = newline + 1;
                continue;
            }

            var payload = colon + 1;
            if (payload < flight.Length && flight[payload] == 'T' && TextRowEnd(flight, payload) is { } textEnd)
            {
                i = textEnd;
                continue;
            }

            var end = flight.IndexOf('\n', payload);
            end = end < 0 ? flight.Length : end;
            if (payload < end && flight[payload] is '[' or '{' && JsonText.TryParse(flight[payload..end]) is { } row)
            {
                rows.Add(row);
            }

            i = end + 1;
        }

        return rows;
    }

    // A text row: "T", the UTF-8 byte length in hex, ",", then exactly that many bytes.
    private static int? TextRowEnd(string flight, int payload)
    {
        var comma = flight.IndexOf(',', payload);
        if (comma < 0 || !int.TryParse(flight.AsSpan(payload + 1, comma - payload - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bytes))
        {
            return null;
        }

        var i = comma + 1;
        var counted = 0;
        while (i < flight.Length && counted < bytes)
        {
            var width = char.IsSurrogatePair(flight, i) ? 2 : 1;
            counted += Encoding.UTF8.GetByteCount(flight.AsSpan(i, width));
            i += width;
        }

        return i;
    }
}
