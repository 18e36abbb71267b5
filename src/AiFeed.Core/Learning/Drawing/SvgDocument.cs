using System.Globalization;
using System.Text;
using System.Xml;

namespace AiFeed.Learning;

/// <summary>
/// A thin XmlWriter over SVG: escaping is the writer's, numbers are invariant with at most two
/// decimals (a hundredth of a pixel is below what any screen shows). Colours that depend on the
/// theme are classes styled by the picture's own &lt;style&gt; (see <see cref="SvgThemes"/>); the
/// presentation attributes beside them are the light theme, for viewers that apply no style.
/// </summary>
internal sealed class SvgDocument : IDisposable
{
    public const string Namespace = "http://www.w3.org/2000/svg";

    private readonly StringBuilder _text = new();
    private readonly XmlWriter _writer;

    public SvgDocument(double width, double height, string title, string description, SvgTheme theme)
    {
        _writer = XmlWriter.Create(_text, new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false });
        _writer.WriteStartElement("svg", Namespace);
        Attributes(("width", width), ("height", height), ("viewBox", $"0 0 {Number(width)} {Number(height)}"));
        _writer.WriteAttributeString("role", "img");
        _writer.WriteAttributeString("aria-labelledby", "svg-title svg-desc");
        _writer.WriteAttributeString("font-family", "system-ui, sans-serif");
        _writer.WriteAttributeString("font-size", "12");
        Element("title", ("id", "svg-title")).Text(title).End();
        Element("desc", ("id", "svg-desc")).Text(description).End();
        Element("style").Text(SvgThemes.Css(theme)).End();
        Element("rect", ("class", "bg"), ("width", width), ("height", height), ("fill", "#ffffff")).End();
    }

    public static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public SvgDocument Element(string name, params (string Name, object Value)[] attributes)
    {
        _writer.WriteStartElement(name, Namespace);
        Attributes(attributes);
        return this;
    }

    public SvgDocument Text(string text)
    {
        _writer.WriteString(text);
        return this;
    }

    public SvgDocument End()
    {
        _writer.WriteEndElement();
        return this;
    }

    public SvgDocument Label(double x, double y, string text, string anchor = "middle", string? transform = null)
    {
        Element("text", ("class", "ink"), ("x", x), ("y", y), ("text-anchor", anchor), ("fill", "#222222"));
        if (transform is not null)
        {
            _writer.WriteAttributeString("transform", transform);
        }

        return Text(text).End();
    }

    public override string ToString()
    {
        _writer.WriteEndElement();
        _writer.Flush();
        return _text.ToString();
    }

    public void Dispose() => _writer.Dispose();

    private void Attributes(params (string Name, object Value)[] attributes)
    {
        foreach (var (name, value) in attributes)
        {
            _writer.WriteAttributeString(name, value switch
            {
                double d => Number(d),
                int i => i.ToString(CultureInfo.InvariantCulture),
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            });
        }
    }
}
