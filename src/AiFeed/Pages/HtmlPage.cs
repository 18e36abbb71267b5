using System.Text;
using System.Text.Encodings.Web;

namespace AiFeed.Pages;

/// <summary>
/// A small HTML writer for the server-rendered learning pages: one shell with landmarks, inline CSS
/// (light and dark through prefers-color-scheme) and no third-party requests. Text goes through
/// <see cref="Text"/>; <see cref="Raw"/> is only for HTML rendered from trusted content files.
/// </summary>
internal sealed class HtmlPage
{
    private readonly StringBuilder _html = new();

    public HtmlPage Raw(string html)
    {
        _html.Append(html);
        return this;
    }

    public HtmlPage Text(string text)
    {
        _html.Append(HtmlEncoder.Default.Encode(text));
        return this;
    }

    public HtmlPage Tag(string open, string text, string close)
    {
        _html.Append(open);
        Text(text);
        _html.Append(close);
        return this;
    }

    public static string Attribute(string value) => HtmlEncoder.Default.Encode(value);

    public string Render(string title, string? script = null) =>
        $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>{{HtmlEncoder.Default.Encode(title)}} · AiFeed</title>
        <style>{{Styles}}</style>
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header><nav aria-label="Site"><a href="/learn">AiFeed · Learn</a> <a href="/learn#problems">Problems</a> <a href="/api/today">Today (JSON)</a></nav></header>
        <main id="main">
        {{_html}}
        </main>
        <footer><p>AiFeed study plan. Formulas are MathML, drawn by the browser; pictures are SVG drawn by this server.</p></footer>
        {{(script is null ? "" : $"<script>{script}</script>")}}
        </body>
        </html>
        """;

    private const string Styles = """
        :root{--fg:#1b1b1f;--bg:#fdfdfc;--muted:#5b5b66;--line:#d9d9e0;--accent:#1f5fbf;--code:#f2f2f5;--ok:#1a7f37;--bad:#b42318}
        @media (prefers-color-scheme:dark){:root{--fg:#e8e8ee;--bg:#15151a;--muted:#a3a3b2;--line:#33333d;--accent:#7fb0ff;--code:#22222a;--ok:#56d37a;--bad:#ff8a80}}
        *{box-sizing:border-box}body{margin:0;font:17px/1.6 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
        header,main,footer{max-width:52rem;margin:0 auto;padding:0 1rem}header nav{display:flex;gap:1rem;flex-wrap:wrap;padding:.75rem 0;border-bottom:1px solid var(--line)}
        a{color:var(--accent)}.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem}
        footer{color:var(--muted);font-size:.9rem;border-top:1px solid var(--line);margin-top:3rem}
        pre,code{background:var(--code);border-radius:4px;font-family:ui-monospace,monospace;font-size:.9em}pre{padding:.75rem;overflow-x:auto}
        img{max-width:100%;height:auto;border:1px solid var(--line);border-radius:4px}math[display=block]{margin:1rem 0;overflow-x:auto}
        table{border-collapse:collapse}td,th{border:1px solid var(--line);padding:.25rem .5rem}
        .meta{color:var(--muted)}.badge{display:inline-block;padding:0 .5rem;border-radius:1rem;border:1px solid currentColor;font-size:.85rem}
        .Easy{color:var(--ok)}.Medium{color:#b26b00}.Hard{color:var(--bad)}.pass{color:var(--ok)}.fail{color:var(--bad)}
        details{border:1px solid var(--line);border-radius:4px;padding:.5rem .75rem;margin:.5rem 0}summary{cursor:pointer;font-weight:600}
        label{display:block;font-weight:600;margin-top:.75rem}input,textarea,button{font:inherit;color:inherit;background:var(--bg);border:1px solid var(--line);border-radius:4px;padding:.35rem .5rem}
        textarea{width:100%;min-height:8rem;font-family:ui-monospace,monospace}button{cursor:pointer;border-color:var(--accent);margin-top:.5rem}
        .today{border-left:4px solid var(--accent);padding-left:1rem}
        """;
}
