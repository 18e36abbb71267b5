using System.Collections.Frozen;
using System.Text;

namespace AiFeed.Ingestion.Processing.Html;

/// <summary>
/// The stack of elements the sanitiser has written and not yet closed, with the subset of the HTML tree
/// builder's implied-end rules that keeps nesting sane, so browsers read the output with the structure
/// written here. Everything is closed by <see cref="CloseAll"/>, so output is always balanced.
/// </summary>
/// <remarks>
/// Rules kept (HTML "in body" and table modes, simplified):
/// <list type="bullet">
/// <item>A block start tag closes an open &lt;p&gt; (p is not allowed to contain blocks).</item>
/// <item>&lt;li&gt; closes the open li of the same list; &lt;dd&gt;/&lt;dt&gt; likewise; a heading closes a heading
/// that is the current element; &lt;a&gt; closes an open a (links do not nest).</item>
/// <item>Rows and cells get the tbody and tr the parser would insert, and cells, rows and sections close
/// their open siblings, so tables serialise exactly as the DOM-based sanitiser wrote them. Table tags
/// outside any table are ignored, as the parser ignores them.</item>
/// <item>An end tag closes the matching element and everything opened inside it, searching no further
/// than the nearest cell, caption or table (so a stray &lt;/div&gt; in a cell does not tear the table
/// apart); an end tag matching nothing open is dropped.</item>
/// </list>
/// Left out on purpose: the adoption agency (a misnested &lt;/b&gt; closes what is inside it instead of
/// re-opening it), foster parenting (text directly inside a table stays where it is; browsers move it
/// before the table when rendering) and the insertion-mode machinery. None affects safety: every tag and
/// attribute written comes from the allow-lists and every value is escaped.
/// </remarks>
internal sealed class OpenElements
{
    private static readonly FrozenSet<string> DefaultScope = FrozenSet.ToFrozenSet(["caption", "table", "td", "th"]);
    private static readonly FrozenSet<string> ListItemScope = FrozenSet.ToFrozenSet(["caption", "table", "td", "th", "ol", "ul"]);
    private static readonly FrozenSet<string> TableScope = FrozenSet.ToFrozenSet(["table"]);
    private static readonly FrozenSet<string> CellMarkers = FrozenSet.ToFrozenSet(["caption", "td", "th"]);

    private static readonly FrozenSet<string> Formatting = FrozenSet.ToFrozenSet(
        ["a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"]);

    /// <summary>
    /// Deepest nesting written. Every implied-end search walks the stack, so unbounded depth would make
    /// adversarial input ("&lt;div&gt;" 50,000 times) quadratic; real articles nest a few dozen deep.
    /// </summary>
    public const int MaxDepth = 256;

    private readonly List<string> stack = new(16);

    /// <summary>Whether another element may be opened; when not, start tags are dropped and their content kept.</summary>
    public bool CanOpen => stack.Count < MaxDepth;

    /// <summary>
    /// Applies the implied-end and implied-start rules for a start tag of <paramref name="name"/>, writing
    /// the tags they close or open; false when the parser would ignore the tag (table parts outside a table).
    /// </summary>
    public bool PrepareStart(string name, StringBuilder output)
    {
        if (Top == "colgroup" && name != "col")
        {
            Pop(output);
        }

        if (HtmlElements.ClosesParagraph.Contains(name))
        {
            CloseInScope("p", DefaultScope, output);
        }

        switch (name)
        {
            case "li":
                CloseListItem(output, "li", "li");
                break;
            case "dd" or "dt":
                CloseListItem(output, "dd", "dt");
                break;
            case "a":
                CloseInScope("a", CellMarkers, output);
                break;
            case "caption" or "colgroup" or "tbody" or "thead" or "tfoot":
                return ClearToTable(output);
            case "col":
                if (!ClearToTable(output, "colgroup"))
                {
                    return false;
                }

                if (Top == "table")
                {
                    Push("colgroup", output);
                }

                break;
            case "tr":
                if (!ClearToTable(output, "tbody", "thead", "tfoot"))
                {
                    return false;
                }

                if (Top == "table")
                {
                    Push("tbody", output);
                }

                break;
            case "td" or "th":
                if (!ClearToTable(output, "tbody", "thead", "tfoot", "tr"))
                {
                    return false;
                }

                if (Top == "table")
                {
                    Push("tbody", output);
                }

                if (Top != "tr")
                {
                    Push("tr", output);
                }

                break;
            default:
                if (HtmlElements.Headings.Contains(name) && Top is { } top && HtmlElements.Headings.Contains(top))
                {
                    Pop(output);
                }

                break;
        }

        return true;
    }

    /// <summary>Records a start tag already written.</summary>
    public void Push(string name) => stack.Add(name);

    /// <summary>Closes a p the way a block start tag would, for block wrappers whose tags are not written (form, fieldset).</summary>
    public void CloseParagraph(StringBuilder output) => CloseInScope("p", DefaultScope, output);

    /// <summary>Handles an end tag of <paramref name="name"/>: closes it and what is open inside it, or ignores it.</summary>
    public void End(string name, StringBuilder output)
    {
        switch (name)
        {
            case "table" or "tbody" or "thead" or "tfoot" or "tr" or "td" or "th" or "caption" or "colgroup":
                CloseInScope(name, TableScope, output);
                break;
            case "li":
                CloseInScope(name, ListItemScope, output);
                break;
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                // Any heading end tag closes the open heading, whatever its level.
                var heading = FindInScope(HtmlElements.Headings, DefaultScope);
                if (heading >= 0)
                {
                    PopTo(heading, output);
                }

                break;
            default:
                if (HtmlElements.Special.Contains(name) || Formatting.Contains(name))
                {
                    CloseInScope(name, DefaultScope, output);
                }
                else
                {
                    // Ordinary elements (span, abbr, …): the search stops at the first special element.
                    for (var i = stack.Count - 1; i >= 0; i--)
                    {
                        if (stack[i] == name)
                        {
                            PopTo(i, output);
                            break;
                        }

                        if (HtmlElements.Special.Contains(stack[i]))
                        {
                            break;
                        }
                    }
                }

                break;
        }
    }

    /// <summary>Closes everything still open.</summary>
    public void CloseAll(StringBuilder output)
    {
        while (stack.Count > 0)
        {
            Pop(output);
        }
    }

    /// <summary>Called before text; colgroup holds no text, so text closes it as the parser would.</summary>
    public void BeforeText(ReadOnlySpan<char> text, StringBuilder output)
    {
        if (Top == "colgroup" && text.ContainsAnyExcept(" \t\n\r\f"))
        {
            Pop(output);
        }
    }

    private string? Top => stack.Count > 0 ? stack[^1] : null;

    private void CloseListItem(StringBuilder output, string first, string second)
    {
        for (var i = stack.Count - 1; i >= 0; i--)
        {
            var node = stack[i];
            if (node == first || node == second)
            {
                PopTo(i, output);
                return;
            }

            if (HtmlElements.Special.Contains(node) && node is not ("address" or "div" or "p"))
            {
                return;
            }
        }
    }

    /// <summary>Pops to the innermost table, or to one of <paramref name="stopAt"/> inside it; false when no table is open.</summary>
    private bool ClearToTable(StringBuilder output, params ReadOnlySpan<string?> stopAt)
    {
        var table = stack.LastIndexOf("table");
        if (table < 0)
        {
            return false;
        }

        while (stack.Count - 1 > table && !stopAt.Contains(Top))
        {
            Pop(output);
        }

        return true;
    }

    private void CloseInScope(string name, FrozenSet<string> boundaries, StringBuilder output)
    {
        for (var i = stack.Count - 1; i >= 0; i--)
        {
            if (stack[i] == name)
            {
                PopTo(i, output);
                return;
            }

            if (boundaries.Contains(stack[i]))
            {
                return;
            }
        }
    }

    private int FindInScope(FrozenSet<string> names, FrozenSet<string> boundaries)
    {
        for (var i = stack.Count - 1; i >= 0; i--)
        {
            if (names.Contains(stack[i]))
            {
                return i;
            }

            if (boundaries.Contains(stack[i]))
            {
                return -1;
            }
        }

        return -1;
    }

    private void Push(string name, StringBuilder output)
    {
        output.Append('<').Append(name).Append('>');
        stack.Add(name);
    }

    private void PopTo(int index, StringBuilder output)
    {
        while (stack.Count > index)
        {
            Pop(output);
        }
    }

    private void Pop(StringBuilder output)
    {
        output.Append("</").Append(stack[^1]).Append('>');
        stack.RemoveAt(stack.Count - 1);
    }
}
