using System.Globalization;
using System.Text;
using AiFeed.Model;

namespace AiFeed.Tests.Ingestion.Parsing.Corpus;

/// <summary>
/// Translates the feedparser "Expect:" expressions we can map onto our model: equality chains
/// over entries[N]['title'|'link'|'id'|'published_parsed'|'updated_parsed'|'created_parsed'],
/// feed['title'|'link'] (or feed.title), len(entries) and integer/string/tuple literals, joined
/// by "and", with "not bozo" meaning "no repair was needed". Anything else is not translated.
/// </summary>
internal sealed class FeedparserExpectation
{
    private readonly List<List<Operand>> clauses;

    private FeedparserExpectation(List<List<Operand>> clauses) => this.clauses = clauses;

    private abstract record Operand;

    private sealed record Literal(object Value) : Operand;

    private sealed record EntryField(int Index, string Field) : Operand;

    private sealed record FeedField(string Field) : Operand;

    private sealed record EntryCount : Operand;

    private sealed record NotBozo : Operand;

    public static FeedparserExpectation? TryTranslate(string expression)
    {
        try
        {
            var parser = new ExpressionParser(expression);
            var result = parser.ParseAll();
            return result is null ? null : new FeedparserExpectation(result);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Null when every clause holds, else a short "expected … but was …" text.</summary>
    public string? Evaluate(ParsedFeed feed, bool checkBozo = true)
    {
        foreach (var clause in clauses)
        {
            if (clause is [NotBozo])
            {
                if (checkBozo && feed.Recovered)
                {
                    return "expected a well-formed parse (not bozo) but the lenient path was needed";
                }

                continue;
            }

            var literal = clause.OfType<Literal>().FirstOrDefault();
            var values = clause.Select(o => Value(o, feed)).ToList();
            var expected = literal?.Value ?? values[0];
            foreach (var (operand, actual) in clause.Zip(values))
            {
                if (!Equal(expected, actual))
                {
                    return $"{Describe(operand)}: expected {Show(expected)} but was {Show(actual)}";
                }
            }
        }

        return null;
    }

    private static object? Value(Operand operand, ParsedFeed feed) => operand switch
    {
        Literal literal => literal.Value,
        EntryCount => feed.Items.Count,
        FeedField { Field: "title" } => feed.Title,
        FeedField { Field: "link" } => feed.Link,
        EntryField entry when entry.Index >= feed.Items.Count => "<no such entry>",
        EntryField entry => Field(feed.Items[entry.Index], entry.Field),
        _ => null,
    };

    private static object? Field(FeedItem item, string field) => field switch
    {
        "title" => item.Title,
        "link" => item.Link,
        "id" => item.Id,
        "published_parsed" or "created_parsed" => Tuple(item.PublishedAt),
        "updated_parsed" => Tuple(item.UpdatedAt ?? item.PublishedAt),
        _ => null,
    };

    // time.struct_time in UTC: (year, month, day, hour, minute, second, weekday Mon=0, day of year, isdst=0).
    private static int[]? Tuple(DateTimeOffset? value) => value?.UtcDateTime is { } d
        ? [d.Year, d.Month, d.Day, d.Hour, d.Minute, d.Second, ((int)d.DayOfWeek + 6) % 7, d.DayOfYear, 0]
        : null;

    private static bool Equal(object? expected, object? actual) => (expected, actual) switch
    {
        (int[] a, int[] b) => a.SequenceEqual(b),
        (null, null) => true,
        _ => Equals(expected, actual),
    };

    private static string Show(object? value) => value switch
    {
        null => "None",
        int[] tuple => "(" + string.Join(", ", tuple) + ")",
        string text => "'" + text + "'",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string Describe(Operand operand) => operand switch
    {
        EntryField e => $"entries[{e.Index}]['{e.Field}']",
        FeedField f => $"feed['{f.Field}']",
        EntryCount => "len(entries)",
        _ => "literal",
    };

    private sealed class ExpressionParser(string text)
    {
        private static readonly string[] EntryFields = ["title", "link", "id", "published_parsed", "updated_parsed", "created_parsed"];
        private int position;

        public List<List<Operand>>? ParseAll()
        {
            var result = new List<List<Operand>>();
            do
            {
                var clause = ParseClause();
                if (clause is null)
                {
                    return null;
                }

                result.Add(clause);
            }
            while (Accept("and"));

            SkipSpace();
            return position == text.Length && result.Any(c => c is not [NotBozo]) ? result : null;
        }

        private List<Operand>? ParseClause()
        {
            if (Accept("not bozo"))
            {
                return [new NotBozo()];
            }

            var operands = new List<Operand>();
            do
            {
                var operand = ParseOperand();
                if (operand is null)
                {
                    return null;
                }

                operands.Add(operand);
            }
            while (Accept("=="));

            return operands.Count >= 2 ? operands : null;
        }

        private Operand? ParseOperand()
        {
            SkipSpace();
            if (Accept("len(entries)"))
            {
                return new EntryCount();
            }

            if (Accept("entries["))
            {
                var index = ParseInt();
                Expect("]['");
                var field = ReadUntil('\'');
                Expect("']");
                return EntryFields.Contains(field) ? new EntryField(index, field) : null;
            }

            if (Accept("feed['"))
            {
                var field = ReadUntil('\'');
                Expect("']");
                return field is "title" or "link" ? new FeedField(field) : null;
            }

            if (Accept("feed."))
            {
                var field = ReadWhile(char.IsAsciiLetter);
                return field is "title" or "link" ? new FeedField(field) : null;
            }

            if (position < text.Length && text[position] == '(')
            {
                position++;
                var values = new List<int>();
                while (!Accept(")"))
                {
                    values.Add(ParseInt());
                    Accept(",");
                }

                return new Literal(values.ToArray());
            }

            if (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                return new Literal(ParseInt());
            }

            Accept("u");
            return position < text.Length && text[position] is '\'' or '"' ? new Literal(ParseString()) : null;
        }

        private string ParseString()
        {
            var quote = text[position++];
            var builder = new StringBuilder();
            while (position < text.Length && text[position] != quote)
            {
                var c = text[position++];
                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                var e = text[position++];
                switch (e)
                {
                    case 'n': builder.Append('\n'); break;
                    case 't': builder.Append('\t'); break;
                    case 'r': builder.Append('\r'); break;
                    case 'x': builder.Append(Hex(2)); break;
                    case 'u': builder.Append(Hex(4)); break;
                    case 'U': builder.Append(Hex(8)); break;
                    default: builder.Append(e); break;
                }
            }

            Expect(quote.ToString());
            return builder.ToString();
        }

        private string Hex(int digits)
        {
            var code = int.Parse(text.AsSpan(position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            position += digits;
            return char.ConvertFromUtf32(code);
        }

        private int ParseInt()
        {
            SkipSpace();
            var digits = ReadWhile(c => char.IsAsciiDigit(c) || c == '-');
            return int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new FormatException($"number expected at {position}");
        }

        private string ReadUntil(char end)
        {
            var start = position;
            var index = text.IndexOf(end, position);
            if (index < 0)
            {
                throw new FormatException("unterminated");
            }

            position = index;
            return text[start..index];
        }

        private string ReadWhile(Func<char, bool> predicate)
        {
            var start = position;
            while (position < text.Length && predicate(text[position]))
            {
                position++;
            }

            return text[start..position];
        }

        private void Expect(string token)
        {
            if (!Accept(token))
            {
                throw new FormatException($"'{token}' expected at {position}");
            }
        }

        private bool Accept(string token)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, position, token, 0, token.Length) != 0)
            {
                return false;
            }

            position += token.Length;
            return true;
        }

        private void SkipSpace()
        {
            while (position < text.Length && text[position] == ' ')
            {
                position++;
            }
        }
    }
}
