using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>Whitespace tokens for the text-overlap metrics, and the texts their generated cases use.</summary>
internal static class TextTokens
{
    private static readonly string[] Words =
    [
        "the", "a", "cat", "dog", "sat", "ran", "on", "under", "mat", "red", "big", "small", "is", "was", "there",
        "model", "token", "learns", "predicts", "next", "word", "and", "of", "to", "in", "quickly", "again", "it",
    ];

    /// <summary>Splits on runs of whitespace, as Python's str.split() does.</summary>
    public static string[] Split(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    public static string[] Sentence(Random random, int length) =>
        [.. Enumerable.Range(0, length).Select(_ => Words[CaseRandom.Between(random, 0, Words.Length - 1)])];

    /// <summary>A copy of the tokens with about one in four substituted, dropped or followed by an extra word.</summary>
    public static string[] Edit(Random random, IReadOnlyList<string> tokens)
    {
        var edited = new List<string>();
        foreach (var token in tokens)
        {
            switch (CaseRandom.Between(random, 0, 11))
            {
                case 0:
                    edited.Add(Words[CaseRandom.Between(random, 0, Words.Length - 1)]);
                    break;
                case 1:
                    break;
                case 2:
                    edited.Add(token);
                    edited.Add(Words[CaseRandom.Between(random, 0, Words.Length - 1)]);
                    break;
                default:
                    edited.Add(token);
                    break;
            }
        }

        return [.. edited];
    }

    public static JsonNode Join(IEnumerable<string> tokens) => JsonValue.Create(string.Join(' ', tokens));
}
