using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AiFeed.Tests.Ingestion.Scraping;

/// <summary>
/// Writes a Next.js app-router page the way the framework streams it: React Server Components
/// rows (module rows, a hint row, a text row with a byte length, JSON rows) concatenated, then cut
/// into <c>self.__next_f.push([1, "…"])</c> chunks at arbitrary places, mid-row included.
/// </summary>
internal static class NextFlightPage
{
    public static string Html(string title, string body, object pageProps, int chunkSize = 250)
    {
        var text = "Anthropic’s “fine print” — ünïcode 😀 in a text row";
        var rows = new StringBuilder()
            .Append("1:\"$Sreact.fragment\"\n")
            .Append("2:I[296462,[\"/_next/static/chunks/a04d26b0e0b6dd43.js\"],\"default\"]\n")
            .Append(":HL[\"/_next/static/chunks/33f7e6810e8bdb5a.css\",\"style\"]\n")
            .Append(CultureInfo.InvariantCulture, $"3:T{Encoding.UTF8.GetByteCount(text):x},{text}")
            .Append("0:{\"P\":null,\"b\":\"build\",\"c\":[\"\",\"news\"]}\n")
            .Append("4:[\"$\",\"main\",null,{\"children\":[\"$\",\"$L2\",null,")
            .Append(JsonSerializer.Serialize(pageProps))
            .Append("]}]\n")
            .Append("5:[\"$\",\"footer\",null,{\"children\":\"$3\"}]\n")
            .ToString();

        var html = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body>{body}")
            .Append("<script>(self.__next_f=self.__next_f||[]).push([0])</script>");
        for (var i = 0; i < rows.Length; i += chunkSize)
        {
            var chunk = rows.Substring(i, Math.Min(chunkSize, rows.Length - i));
            html.Append(CultureInfo.InvariantCulture, $"<script>self.__next_f.push([1,{JsonSerializer.Serialize(chunk)}])</script>");
        }

        return html.Append("</body></html>").ToString();
    }

    /// <summary>A page with <c>&lt;script id="__NEXT_DATA__"&gt;</c> (pages router).</summary>
    public static string NextData(string title, object data) =>
        $"<!DOCTYPE html><html><head><title>{title}</title></head><body><div id=\"__next\"></div>"
        + $"<script id=\"__NEXT_DATA__\" type=\"application/json\">{JsonSerializer.Serialize(data)}</script></body></html>";
}
